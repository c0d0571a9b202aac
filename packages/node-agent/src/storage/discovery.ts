// Target portals and SendTargets discovery (New-IscsiTargetPortal): the portal is asked which
// targets this initiator may see, and the portal and its targets are remembered. The lab reaches a
// portal only at an address in `portalRoutes` (or by the machine's name): any other answers
// nothing, and the cmdlet fails as a real one does once its connection attempt gives up.
import type { PortalRoute } from './config.js';
import { iscsiError } from './errors.js';
import { portalView } from './iscsi-views.js';
import { storageLimits } from './limits.js';
import { addPending } from './pending.js';
import { saveDiscovery } from './persistence.js';
import type { StorageIo, StorageState } from './state.js';

/** The route to a portal given by address or by its machine's name. */
export function routeTo(state: StorageState, portalAddress: string): PortalRoute | undefined {
  const wanted = portalAddress.toLowerCase();
  return state.portalRoutes.find((r) => r.address === portalAddress) ?? state.portalRoutes.find((r) => r.machine.toLowerCase() === wanted.split('.')[0]);
}

/** Sends SendTargets to the portal; `cmdletRequestId` (New-IscsiTargetPortal) gets the answer. */
export function discover(state: StorageState, io: StorageIo, o: { route: PortalRoute; portNumber: number; cmdletRequestId: string | null }): boolean {
  const requestId = addPending(state, io, {
    targetIqn: null,
    sessionId: null,
    purpose: { type: 'SendTargets', portal: o.route, portNumber: o.portNumber, cmdletRequestId: o.cmdletRequestId },
    timeoutMs: state.timing.loginTimeoutMs,
  });
  if (requestId === undefined) return false;
  io.send(o.route.machine, o.route.network, { type: 'IscsiSendTargets', requestId, initiatorName: state.initiatorName });
  return true;
}

function persist(state: StorageState, io: StorageIo): void {
  saveDiscovery(io.store, { targetPortals: state.targetPortals.map((p) => p.address), persistentTargets: state.persistentTargets });
}

export function onSendTargetsResponse(
  state: StorageState,
  io: StorageIo,
  o: { route: PortalRoute; portNumber: number; cmdletRequestId: string | null; targets: { targetName: string; address: string }[] },
): void {
  let portal = state.targetPortals.find((p) => p.address === o.route.address);
  if (!portal && state.targetPortals.length < storageLimits.targetPortalsMax) {
    portal = { address: o.route.address, portNumber: o.portNumber };
    state.targetPortals.push(portal);
    persist(state, io);
  }
  for (const target of o.targets) {
    const known = state.knownTargets.some((t) => t.nodeAddress.toLowerCase() === target.targetName.toLowerCase());
    if (!known && state.knownTargets.length < storageLimits.knownTargetsMax) state.knownTargets.push({ nodeAddress: target.targetName, portalAddress: o.route.address });
  }
  if (o.cmdletRequestId === null) return;
  if (!portal) return io.reply(o.cmdletRequestId, { ok: false, error: iscsiError('New-IscsiTargetPortal', 'OutOfResources') });
  io.reply(o.cmdletRequestId, { ok: true, output: portalView(state, portal) });
}

export function onSendTargetsFailed(io: StorageIo, cmdletRequestId: string | null): void {
  if (cmdletRequestId !== null) io.reply(cmdletRequestId, { ok: false, error: iscsiError('New-IscsiTargetPortal', 'ConnectionFailed') });
}

