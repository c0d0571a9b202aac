// The resource DLL of a clustered VM (vmclusres, facts §4.1), as this node's resource manager uses
// it: "Virtual Machine Configuration" comes online when its storage is reachable; "Virtual Machine"
// online is the VM running here (a cold boot when it was not: the guest was reset, facts §6.5),
// offline is the cluster-controlled offline action (Save by default). What the Hyper-V host
// reports back (a VM running, stopped behind the cluster's back, a migration's cut-over or end)
// comes in as notices after each step.
import type { ClusterObjects, ClusterResource } from '../resources/mod.js';
import { vmOfParameters, vmResourceName } from '../resources/mod.js';
import { registerVm, startVm, stopVm, type StopAction } from '../hyperv/vms.js';
import { finishIncoming } from '../hyperv/migration-target.js';
import type { HyperVNotice, VmConfig } from '../hyperv/types.js';
import { failResource } from './failure.js';
import { propose } from './rcm.js';
import { sendAnyway } from './drive.js';
import { adaptersParameter, decodeAdapters } from '../hyperv/vm-adapters.js';
import { syncVmAdapters } from './protected-network-adapters.js';
import type { ClusterHost, ClusterState, ClusterWork } from './types.js';

export function vmConfigOf(resource: ClusterResource): VmConfig {
  const adapters = decodeAdapters(resource.parameters[adaptersParameter]);
  return { ...vmOfParameters(resource), clustered: true, ...(adapters === undefined ? {} : { adapters }) };
}

const offlineActions: Record<number, StopAction> = { 0: 'TurnOff', 1: 'Save', 2: 'Shutdown', 3: 'Shutdown' };

/** The VM of a role this node owns is registered in its Hyper-V host (Off until it starts). */
export function registerVmHere(host: ClusterHost, resource: ClusterResource): void {
  const config = vmConfigOf(resource);
  const h = host.hyperv.state;
  if (!h.vms[config.name] && !h.incoming.some((m) => m.config.name === config.name)) registerVm(h, config);
}

/**
 * A clustered VM's settings changed on its owner's host (Set-VMProcessor while it is off): the
 * Virtual Machine resource, which every node boots it from, takes them.
 */
export function syncVmConfigs(state: ClusterState, host: ClusterHost, objects: ClusterObjects): void {
  const owned = new Set(objects.groups.filter((g) => g.ownerNode === state.config.name).map((g) => g.name));
  for (const resource of objects.resources) {
    if (resource.resourceType !== 'Virtual Machine' || !owned.has(resource.ownerGroup)) continue;
    const vm = host.hyperv.state.vms[String(resource.parameters.VmName ?? '')];
    const mode = vm?.config.processorCompatibility ?? 'None';
    if (vm && resource.parameters.ProcessorCompatibility !== mode) Object.assign(resource, { parameters: { ...resource.parameters, ProcessorCompatibility: mode } });
    // Its network adapters (Set-VMNetworkAdapter here), both ways: protected-network-adapters.ts.
    if (vm) syncVmAdapters(resource, vm);
  }
}

/** Brings the Virtual Machine resource online here; the hosted entry is Online once the VM runs. */
export function bringVmOnline(state: ClusterState, host: ClusterHost, resource: ClusterResource, work: ClusterWork[]): void {
  const h = host.hyperv.state;
  const config = vmConfigOf(resource);
  const nowMs = host.io.now();
  // Arriving by migration: once the cut-over that gives this node the role is in the database the VM
  // resumes here, so the role stays Online through the move; before that it is not this node's yet.
  const arriving = h.incoming.find((m) => m.config.name === config.name);
  if (arriving?.committing) state.rcm.hosted[resource.name] = { state: 'Online', sinceMs: nowMs };
  if (arriving) return;
  const vm = h.vms[config.name] ?? registerVm(h, config);
  // Paused-Critical counts as running: it is in memory and resumes once its storage answers (storage-health.ts).
  if (vm.state === 'Running' || vm.state === 'PausedCritical') {
    state.rcm.hosted[resource.name] = { state: 'Online', sinceMs: nowMs };
    return;
  }
  // Still saving or shutting down from an earlier offline here: it comes online once that ends (its VmStopped notice).
  if (vm.state === 'Saving' || vm.state === 'Stopping' || vm.state === 'Pausing' || vm.state === 'Resuming') return;
  if (vm.state === 'Starting') {
    state.rcm.hosted[resource.name] = { state: 'OnlinePending', sinceMs: nowMs };
    return;
  }
  const refusal = startVm(h, host.hyperv.host.io, vm, 'ColdBoot');
  state.rcm.hosted[resource.name] = { state: 'OnlinePending', sinceMs: nowMs };
  if (refusal !== undefined) {
    host.io.probe(`cluster: ${config.name} cannot start on ${state.config.name}: ${refusal}`);
    failResource(state, host, resource.name, work);
  }
}

/** Takes the Virtual Machine resource offline here: the offline action, or nothing when the VM has left. */
export function takeVmOffline(state: ClusterState, host: ClusterHost, resource: ClusterResource, name: string): void {
  const h = host.hyperv.state;
  const vmName = String(resource.parameters.VmName ?? '');
  const vm = h.vms[vmName];
  const leaving = h.outgoing.find((m) => m.vm === vmName);
  // Cut over (or about to be): the migration ends it here, not the offline action.
  if (!vm || vm.state === 'Off' || vm.state === 'Saved' || (leaving && (leaving.phase === 'Blackout' || leaving.phase === 'Committing'))) {
    delete state.rcm.hosted[name];
    return;
  }
  const action = offlineActions[Number(resource.parameters.OfflineAction ?? 1)] ?? 'Save';
  stopVm(h, host.hyperv.host.io, vm, action);
  state.rcm.hosted[name] = { state: 'OfflinePending', sinceMs: host.io.now() };
}

/** The VM's Virtual Machine resource, when this node hosts it. */
function vmResourceHere(state: ClusterState, vm: string): string | undefined {
  const name = vmResourceName(vm);
  return Object.hasOwn(state.rcm.hosted, name) ? name : undefined;
}

/** What the Hyper-V host said after a step; returns whether the resource manager should look again. */
export function onHyperVNotices(state: ClusterState, host: ClusterHost, notices: readonly HyperVNotice[], work: ClusterWork[]): void {
  for (const notice of notices) {
    switch (notice.type) {
      case 'VmRunning': {
        const name = vmResourceHere(state, notice.vm);
        const hosted = name === undefined ? undefined : state.rcm.hosted[name];
        if (hosted?.state === 'OnlinePending') Object.assign(hosted, { state: 'Online', sinceMs: host.io.now() });
        break;
      }
      case 'VmStopped': {
        const name = vmResourceHere(state, notice.vm);
        const hosted = name === undefined ? undefined : state.rcm.hosted[name];
        // A quick migration's save is the migration's, not an administrator's.
        if (!name || !hosted || host.hyperv.state.outgoing.some((m) => m.vm === notice.vm)) break;
        if (hosted.state === 'OfflinePending' || notice.cause === 'MigratedOut') {
          delete state.rcm.hosted[name];
          // The role moved on: this host no longer keeps the VM registered (its files stay on the shared volume).
          const vm = host.hyperv.state.vms[notice.vm];
          if (vm?.config.clustered && state.gum.copy.entries[`Groups/${notice.vm}/OwnerNode`] !== state.config.name) delete host.hyperv.state.vms[notice.vm];
        }
        // Stopped, turned off or saved by an administrator: the cluster leaves the role offline.
        else if (notice.cause === 'Shutdown' || notice.cause === 'TurnOff' || notice.cause === 'Save') {
          delete state.rcm.hosted[name];
          state.rcm.vmIntents[notice.vm] = 0;
        }
        break;
      }
      case 'CommitMigration': {
        // The destination takes the role only if the source still owns it (a compare-and-set): a
        // role the cluster already failed over elsewhere is never resumed here too.
        const requestId = propose(state, host, [
          { op: 'Expect', path: `Groups/${notice.group}/OwnerNode`, value: notice.source },
          { op: 'SetValue', path: `Groups/${notice.group}/OwnerNode`, value: state.config.name },
        ], work);
        state.rcm.commits[requestId] = notice.migrationId;
        break;
      }
      case 'MigrationEnded': {
        const waiting = state.rcm.migrationReplies[notice.migrationId];
        if (waiting) {
          delete state.rcm.migrationReplies[notice.migrationId];
          const message = notice.outcome === 'Completed' ? '' : `The migration of '${notice.vm}' to ${notice.destination} ${notice.outcome === 'Cancelled' ? 'was cancelled' : `failed: ${notice.message}`}.`;
          answerControl(state, host, waiting, notice.outcome === 'Completed', message);
        }
        if (notice.outcome === 'Failed' && state.stopping === undefined) state.rcm.failedMoves = [...state.rcm.failedMoves.filter((g) => g !== notice.vm), notice.vm].slice(-64);
        break;
      }
      default: {
        const never: never = notice;
        throw new Error(`unhandled hyperv notice ${JSON.stringify(never)}`);
      }
    }
  }
  if (notices.length > 0) work.push({ type: 'Reconcile' });
}

/** Answers a ClusterControl request: a cmdlet waiting on this node, or the node that sent it. */
export function answerControl(state: ClusterState, host: ClusterHost, to: { controlId: string; from: string }, ok: boolean, message: string): void {
  if (to.from === state.config.name) {
    const waiter = state.waiters.find((w) => w.controlId === to.controlId);
    if (waiter) waiter.controlResult = { ok, message };
    return;
  }
  sendAnyway(state, host, to.from, { type: 'ClusterControlReply', requestId: to.controlId, ok, message });
}

/** A migration cut-over this node proposed is decided: resume the VM here, or give up. */
export function onCommitDecided(state: ClusterState, host: ClusterHost, requestId: string, committed: boolean, reason: string): void {
  const migrationId = state.rcm.commits[requestId];
  if (migrationId === undefined) return;
  delete state.rcm.commits[requestId];
  finishIncoming(host.hyperv.state, host.hyperv.host, migrationId, committed, committed ? '' : `the cluster did not give ${state.config.name} the role: ${reason}`);
}
