// The protected network (facts §7, seed 002): the Virtual Machine resource's thorough health check
// (IsAlive, every IsAlivePollInterval: 60 000 ms for the type, facts §4.3; seed 002's "every 60
// seconds") looks at the virtual switches of the VM's monitored adapters. When the physical NIC
// under one of them has failed on this node, the resource reports a critical network (1255; the
// real group also shows StatusInformation NetworkFailure, which Get-ClusterGroup here does not show
// yet) and the cluster live-migrates the VM, through the host's migration queue, to a node where
// that network works (protected-network-target.ts). Each VM's check runs at its own phase: the
// resource host starts a resource's IsAlive timer when it comes online, and the lab spreads that
// phase over one interval (checkPhaseMs), so after a NIC failure the VMs notice over up to a
// minute, not all at once [lab rule for the phase]. Over the host's migration limit the moves queue
// (facts §6.1). When the network works here again, a move still queued is cancelled and the VM
// stays; one under way completes (seed 002).
import { resourceTypeInfo, vmResourceName } from '../resources/mod.js';
import { cancelMigration } from '../hyperv/migration-source.js';
import type { HostedVm } from '../hyperv/types.js';
import { adaptersOf, protectedSwitches } from '../hyperv/vm-adapters.js';
import { databaseCurrent, propose } from './rcm.js';
import { decodeObjects } from './schema.js';
import { moveOwnedRole } from './planned-moves.js';
import { failedSince, observeOwnInterfaces, settleMs } from './protected-network-health.js';
import { protectedNetworkNodes, protectedNetworkTarget } from './protected-network-target.js';
import type { ClusterHost, ClusterState, ClusterWork } from './types.js';

/** The Virtual Machine resource type's IsAlivePollInterval (60 s, facts §4.3). */
export const vmIsAlivePollMs = resourceTypeInfo['Virtual Machine'].isAlivePollIntervalMs;

/**
 * Where in the interval a VM's first check falls: spread evenly by a hash of the VM, the node and
 * the moment it is first seen online here, so it draws nothing from the node's random stream (the
 * other placement decisions of a seeded run stay as they were) [lab rule].
 */
export function checkPhaseMs(vm: string, node: string, nowMs: number): number {
  let hash = 2166136261;
  for (const char of `${vm}@${node}#${nowMs}`) hash = Math.imul(hash ^ char.charCodeAt(0), 16777619) >>> 0;
  return hash % vmIsAlivePollMs;
}

/** The VMs this node hosts as clustered roles that are online here (their health checks run here). */
function checkedVms(state: ClusterState, host: ClusterHost): HostedVm[] {
  return Object.values(host.hyperv.state.vms).filter((vm) => vm.config.clustered && vm.state === 'Running' && state.rcm.hosted[vmResourceName(vm.config.name)]?.state === 'Online');
}

/** The VM's protected switch that has been failed here long enough to count, if any. */
function failedSwitch(state: ClusterState, host: ClusterHost, vm: HostedVm): { network: string; settledAtMs: number } | undefined {
  let first: { network: string; settledAtMs: number } | undefined;
  for (const network of protectedSwitches(vm.config)) {
    const since = failedSince(host, network);
    if (since === undefined) continue;
    const settledAtMs = since + settleMs(state);
    if (first === undefined || settledAtMs < first.settledAtMs) first = { network, settledAtMs };
  }
  return first;
}

/** The network works here again: a queued move is cancelled (one under way completes), and the VM stays. */
function recover(state: ClusterState, host: ClusterHost, vm: HostedVm): void {
  const name = vm.config.name;
  const h = host.hyperv.state;
  const queued = h.outgoing.some((m) => m.vm === name && m.phase === 'Queued');
  if (queued) cancelMigration(h, host.hyperv.host, name);
  vm.networkCheck = { atMs: vm.networkCheck?.atMs ?? host.io.now(), failing: false };
  host.io.emit({ type: 'ProtectedNetworkRecovered', vm: name, node: state.config.name, cancelledQueued: queued });
}

/**
 * Every GumTick: tell the cluster of this node's own interface verdicts, end the failures that are
 * over, and run the health checks that are due.
 */
export function checkProtectedNetworks(state: ClusterState, host: ClusterHost, work: ClusterWork[]): void {
  if (!databaseCurrent(state) || state.stopping !== undefined) return;
  const changes = observeOwnInterfaces(state, host);
  if (changes.length > 0) propose(state, host, changes, work);
  const nowMs = host.io.now();
  const due: HostedVm[] = [];
  for (const vm of checkedVms(state, host)) {
    // The resource's IsAlive timer starts when it comes online here, at its own phase.
    vm.networkCheck ??= { atMs: nowMs + checkPhaseMs(vm.config.name, state.config.name, nowMs), failing: false };
    const failed = failedSwitch(state, host, vm);
    if (vm.networkCheck.failing && failed === undefined) recover(state, host, vm);
    if (nowMs < vm.networkCheck.atMs) continue;
    vm.networkCheck.atMs = nowMs + vmIsAlivePollMs;
    if (failed === undefined) continue;
    // A failure not yet settled is looked at again once it is, not a whole interval later.
    if (nowMs < failed.settledAtMs) vm.networkCheck.atMs = failed.settledAtMs;
    else due.push(vm);
  }
  if (due.length > 0) moveVms(state, host, due);
}

/** The health check found a failed protected network: 1255 once, then a live migration if a node has the network. */
function moveVms(state: ClusterState, host: ClusterHost, vms: readonly HostedVm[]): void {
  const objects = decodeObjects(state.gum.copy.entries);
  const nodes = protectedNetworkNodes(state, host, objects);
  const self = state.config.name;
  for (const vm of vms) {
    const name = vm.config.name;
    const failed = failedSwitch(state, host, vm)!;
    if (!vm.networkCheck!.failing) {
      vm.networkCheck!.failing = true;
      const adapter = adaptersOf(vm.config).find((a) => a.clusterMonitored && a.switchName === failed.network)!;
      host.io.emit({ type: 'VmNetworkFailure', resource: vmResourceName(name), group: name, node: self, adapter: adapter.name, switchName: failed.network });
    }
    // Already on its way (or queued): the queue carries it.
    if (host.hyperv.state.outgoing.some((m) => m.vm === name)) continue;
    const target = protectedNetworkTarget(state, host, { objects, nodes, group: name, networks: protectedSwitches(vm.config) });
    if (target === undefined) {
      host.io.emit({ type: 'ProtectedNetworkNoTarget', vm: name, node: self, switchName: failed.network });
      continue;
    }
    if (!moveOwnedRole(host, objects, name, target, 'Live')) continue;
    host.io.emit({ type: 'ProtectedNetworkMove', vm: name, node: self, switchName: failed.network, target });
    const memory = vm.config.memoryStartupBytes;
    for (const node of nodes) if (node.name === target && node.availableMemoryBytes !== undefined) node.availableMemoryBytes -= memory;
  }
}
