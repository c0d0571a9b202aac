// The iSCSI initiator cmdlets (module iSCSI) on the node: Connect-IscsiTarget and
// Disconnect-IscsiTarget answer once the target has (login and LUN scan, or logout);
// Get-IscsiTarget, Get-IscsiSession and Get-IscsiTargetPortal answer from the initiator's tables;
// New-IscsiTargetPortal answers after SendTargets discovery.
import type { CmdletError } from '@wsfc-lab/protocol';
import type { CmdletCall } from '../subsystem.js';
import { discover, routeTo } from './discovery.js';
import { iscsiPortNumber } from './config.js';
import { iscsiError, notFoundError } from './errors.js';
import { knownTargetsOf, portalView, sessionView, targetView } from './iscsi-views.js';
import { storageLimits } from './limits.js';
import { bindAll, CmdletParameters } from './params.js';
import { logout, openSession } from './session.js';
import { sessionOf, type StorageIo, type StorageState } from './state.js';

type Handler = (state: StorageState, call: CmdletCall, io: StorageIo) => void;

const fail = (io: StorageIo, call: CmdletCall, error: CmdletError) => io.reply(call.requestId, { ok: false, error });

function connectIscsiTarget(state: StorageState, call: CmdletCall, io: StorageIo): void {
  const cmdlet = 'Connect-IscsiTarget';
  const p = new CmdletParameters(cmdlet, call.parameters);
  const bound = bindAll({ nodeAddress: p.requiredString('NodeAddress'), portal: p.optionalString('TargetPortalAddress'), isPersistent: p.optionalBoolean('IsPersistent') });
  if (!bound.ok) return fail(io, call, bound.error);
  const { nodeAddress, portal, isPersistent } = bound.values;
  const existing = sessionOf(state, nodeAddress);
  if (existing) return fail(io, call, iscsiError(cmdlet, 'TargetAlreadyLoggedIn'));
  const known = knownTargetsOf(state).find((t) => t.nodeAddress.toLowerCase() === nodeAddress.toLowerCase());
  const portalAddress = portal ?? known?.portalAddress;
  if (portalAddress === undefined) return fail(io, call, iscsiError(cmdlet, 'TargetNotFound'));
  const route = routeTo(state, portalAddress);
  if (!route) return fail(io, call, iscsiError(cmdlet, 'ConnectionFailed'));
  const opened = openSession(state, io, { targetIqn: known?.nodeAddress ?? nodeAddress, portal: route, isPersistent: false, connectCmdlet: call.requestId, makePersistent: isPersistent === true });
  if (!opened) fail(io, call, iscsiError(cmdlet, 'OutOfResources'));
}

function disconnectIscsiTarget(state: StorageState, call: CmdletCall, io: StorageIo): void {
  const cmdlet = 'Disconnect-IscsiTarget';
  const p = new CmdletParameters(cmdlet, call.parameters);
  const bound = bindAll({ nodeAddress: p.optionalString('NodeAddress'), sessionIdentifier: p.optionalString('SessionIdentifier') });
  if (!bound.ok) return fail(io, call, bound.error);
  const { nodeAddress, sessionIdentifier } = bound.values;
  const session =
    nodeAddress !== undefined ? sessionOf(state, nodeAddress) : state.sessions.find((s) => sessionIdentifier !== undefined && s.sessionIdentifier === sessionIdentifier);
  if (!session) {
    const knownTarget = nodeAddress !== undefined && knownTargetsOf(state).some((t) => t.nodeAddress.toLowerCase() === nodeAddress.toLowerCase());
    if (nodeAddress !== undefined && !knownTarget) return fail(io, call, notFoundError({ cmdlet, cimClass: 'MSFT_iSCSITarget', property: 'NodeAddress', value: nodeAddress }));
    return fail(io, call, iscsiError(cmdlet, 'InvalidSessionId'));
  }
  if (session.disconnectCmdlet !== null) return fail(io, call, iscsiError(cmdlet, 'InvalidSessionId'));
  logout(state, io, session, call.requestId);
}

function getIscsiTarget(state: StorageState, call: CmdletCall, io: StorageIo): void {
  const p = new CmdletParameters('Get-IscsiTarget', call.parameters);
  const nodeAddress = p.optionalString('NodeAddress');
  if (!nodeAddress.ok) return fail(io, call, nodeAddress.error);
  let rows = knownTargetsOf(state).map((t) => targetView(state, t));
  if (nodeAddress.value !== undefined) {
    const wanted = nodeAddress.value.toLowerCase();
    rows = rows.filter((r) => r.NodeAddress.toLowerCase() === wanted);
    if (rows.length === 0) return fail(io, call, notFoundError({ cmdlet: 'Get-IscsiTarget', cimClass: 'MSFT_iSCSITarget', property: 'NodeAddress', value: nodeAddress.value }));
  }
  io.reply(call.requestId, { ok: true, output: rows });
}

function getIscsiSession(state: StorageState, call: CmdletCall, io: StorageIo): void {
  io.reply(call.requestId, { ok: true, output: state.sessions.filter((s) => s.phase === 'LoggedIn').map((s) => sessionView(state, s)) });
}

function newIscsiTargetPortal(state: StorageState, call: CmdletCall, io: StorageIo): void {
  const cmdlet = 'New-IscsiTargetPortal';
  const p = new CmdletParameters(cmdlet, call.parameters);
  const bound = bindAll({ address: p.requiredString('TargetPortalAddress'), port: p.optionalInteger('TargetPortalPortNumber', 'System.UInt16') });
  if (!bound.ok) return fail(io, call, bound.error);
  const route = routeTo(state, bound.values.address);
  const portNumber = bound.values.port ?? iscsiPortNumber;
  // The lab's portals listen on 3260 only; another port is a connection nobody accepts.
  if (!route || portNumber !== iscsiPortNumber) return fail(io, call, iscsiError(cmdlet, 'ConnectionFailed'));
  const isNew = !state.targetPortals.some((t) => t.address === route.address);
  if (isNew && state.targetPortals.length >= storageLimits.targetPortalsMax) return fail(io, call, iscsiError(cmdlet, 'OutOfResources'));
  if (!discover(state, io, { route, portNumber, cmdletRequestId: call.requestId })) fail(io, call, iscsiError(cmdlet, 'OutOfResources'));
}

function getIscsiTargetPortal(state: StorageState, call: CmdletCall, io: StorageIo): void {
  const p = new CmdletParameters('Get-IscsiTargetPortal', call.parameters);
  const address = p.optionalString('TargetPortalAddress');
  if (!address.ok) return fail(io, call, address.error);
  const portals = state.targetPortals.filter((t) => address.value === undefined || t.address === address.value);
  if (address.value !== undefined && portals.length === 0) {
    return fail(io, call, notFoundError({ cmdlet: 'Get-IscsiTargetPortal', cimClass: 'MSFT_iSCSITargetPortal', property: 'TargetPortalAddress', value: address.value }));
  }
  io.reply(call.requestId, { ok: true, output: portals.map((t) => portalView(state, t)) });
}

export const iscsiCmdlets: Record<string, Handler> = {
  'Connect-IscsiTarget': connectIscsiTarget,
  'Disconnect-IscsiTarget': disconnectIscsiTarget,
  'Get-IscsiTarget': getIscsiTarget,
  'Get-IscsiSession': getIscsiSession,
  'New-IscsiTargetPortal': newIscsiTargetPortal,
  'Get-IscsiTargetPortal': getIscsiTargetPortal,
};
