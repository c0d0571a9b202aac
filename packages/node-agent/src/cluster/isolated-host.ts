// The isolated node's side of compute resiliency (facts §5.4). A node whose cluster service loses
// the cluster (quorum lost, or removed from the membership) keeps its clustered VMs rather than
// turning them off: they stay in memory, Paused-Critical while their storage does not answer
// (hyperv/storage-health.ts), for their role's ResiliencyPeriod counted from here. Rejoining in
// time ends it and they carry on; otherwise each is turned off when its period ends, as the
// cluster restarts it elsewhere. A clean stop of the service (Stop-ClusterNode, a shutdown) and
// ResiliencyLevel 1 turn them off at once.
//
// A clustered VM runs only where its role is: once this node holds the cluster's database again, a
// VM here whose role the cluster gave to another node meanwhile is turned off (never resumed).
import type { ArbitrationStopReason } from '../arbitration/mod.js';
import { fail as failMigration } from '../hyperv/migration-source.js';
import { setVmState } from '../hyperv/vms.js';
import type { HostedVm } from '../hyperv/types.js';
import { decodeObjects } from './schema.js';
import { resiliencyPeriodMs } from './isolation.js';
import type { ClusterHost, ClusterState } from './types.js';

/** A clustered VM goes off here because the cluster no longer has it here (not an administrator's TurnOff). */
function turnOff(host: ClusterHost, vm: HostedVm): void {
  delete vm.transition;
  setVmState(host.hyperv.state, host.hyperv.host.io, vm, 'Off', 'HostStopped');
}

/** Every clustered VM here goes off now (the resource monitors stop with the service). */
function turnOffClusteredVms(host: ClusterHost): void {
  for (const vm of Object.values(host.hyperv.state.vms)) if (vm.config.clustered && vm.state !== 'Off') turnOff(host, vm);
}

/** Each clustered VM's ResiliencyPeriod here, in ms, from this node's copy of the database. */
function periodsMs(state: ClusterState): Map<string, number> {
  const identity = state.identity;
  const periods = new Map<string, number>();
  if (identity === undefined) return periods;
  for (const group of decodeObjects(state.gum.copy.entries).groups) periods.set(group.name, resiliencyPeriodMs(identity, group));
  return periods;
}

/** The cluster service stopped here: keep the clustered VMs for their period, or turn them off now. */
export function onClusterServiceStopped(state: ClusterState, host: ClusterHost, reason: ArbitrationStopReason): void {
  // Clustered migrations end with the service, whatever becomes of the VMs.
  const h = host.hyperv.state;
  for (const m of [...h.outgoing]) if (m.group !== undefined) failMigration(h, host.hyperv.host, m, 'the cluster service stopped on the source');
  h.incoming = h.incoming.filter((m) => !m.config.clustered);
  if (reason === 'Shutdown' || state.identity?.properties.ResiliencyLevel !== 2) return turnOffClusteredVms(host);
  state.isolatedSinceMs = host.io.now();
  endPeriods(state, host);
}

/** Turns off the clustered VMs whose period has ended while this node is still out; wakes for the next. */
export function endPeriods(state: ClusterState, host: ClusterHost): void {
  const sinceMs = state.isolatedSinceMs;
  if (sinceMs === undefined) return;
  const h = host.hyperv.state;
  const nowMs = host.io.now();
  const periods = periodsMs(state);
  let nextMs = Number.POSITIVE_INFINITY;
  for (const vm of Object.values(h.vms)) {
    if (!vm.config.clustered || vm.state === 'Off') continue;
    const endMs = sinceMs + (periods.get(vm.config.name) ?? 0);
    if (endMs <= nowMs) turnOff(host, vm);
    else nextMs = Math.min(nextMs, endMs);
  }
  if (nextMs !== Number.POSITIVE_INFINITY) host.io.setTimer(nextMs - nowMs, { subsystem: 'cluster', type: 'ResiliencyPeriodEnded' });
  else delete state.isolatedSinceMs;
}

/** This node is a member again: the isolation is over here. */
export function onRejoined(state: ClusterState): void {
  delete state.isolatedSinceMs;
}

/** A clustered VM still in memory here whose role the database gives to another node is turned off. */
export function turnOffVmsOwnedElsewhere(state: ClusterState, host: ClusterHost): void {
  const h = host.hyperv.state;
  for (const vm of Object.values(h.vms)) {
    if (!vm.config.clustered || (vm.state !== 'Running' && vm.state !== 'PausedCritical')) continue;
    if (h.outgoing.some((m) => m.vm === vm.config.name) || h.incoming.some((m) => m.config.name === vm.config.name)) continue;
    const owner = state.gum.copy.entries[`Groups/${vm.config.name}/OwnerNode`];
    if (typeof owner !== 'string' || owner === state.config.name) continue;
    turnOff(host, vm);
  }
}
