// Which nodes have a VM switch's network working (facts §7, seed 002). A switch is bound to the
// host's physical NIC on one lab network, so the switch works while the node's own interface on that
// network does. The lab has no media sense: a node judges its own interface from its heartbeat
// routes (membership/network-states.ts), Failed when it reaches none of the peers that are up there.
// Each node tells the cluster its own verdict through the database (Nodes/<node>/InterfaceState/
// <network>, written only when it differs; absent means Up), so an owner can tell a node whose NIC
// works from one whose NIC failed too: from its own routes alone it cannot, when its own NIC is the
// one that failed. A failure counts for the health check once it has lasted `settleMs`, one
// route-failure threshold (SameSubnetDelay × SameSubnetThreshold, 10 s by default): by then every
// node that lost the same network at the same moment has judged and said so [lab rule].
//
// With two nodes a dead link looks the same from both ends (each reaches none of the others), so
// both say Failed and nothing moves: the lab cannot tell whose NIC it is [lab rule; as for the IP
// Address resource's check in rcm.ts]. A role-None network carries no heartbeats and never fails.
import type { DbChange } from '../gum/mod.js';
import { clusterNetworkName } from '../membership/networks.js';
import type { SwitchHealth } from '../hyperv/types.js';
import type { ClusterHost, ClusterState } from './types.js';
import type { ClusterGroup, ClusterObjects } from '../resources/mod.js';
import { adaptersParameter, decodeAdapters } from '../hyperv/vm-adapters.js';

export const interfaceStatePath = (node: string, network: string) => `Nodes/${node}/InterfaceState/${network}`;

/** A proposal that did not land is made again after this long. */
const proposeAgainMs = 2_000;

export function switchHealthOf(host: ClusterHost): SwitchHealth {
  const h = host.hyperv.state;
  h.switchHealth ??= { failedSinceMs: {}, proposedAtMs: {} };
  return h.switchHealth;
}

/** The failure-detection threshold of a route: the settling time of a network failure here. */
export function settleMs(state: ClusterState): number {
  return state.config.settings.SameSubnetDelay * state.config.settings.SameSubnetThreshold;
}

/**
 * Looks at this node's own interfaces now: records since when each failed (and forgets the ones
 * that work again), and returns the database changes that tell the cluster of a changed verdict.
 */
export function observeOwnInterfaces(state: ClusterState, host: ClusterHost): DbChange[] {
  const health = switchHealthOf(host);
  const nowMs = host.io.now();
  const self = state.config.name;
  const changes: DbChange[] = [];
  state.config.networks.forEach((network, index) => {
    if (network.role === 'None' || state.config.addresses[network.name] === undefined) return;
    const failed = host.interfaceOn(clusterNetworkName(index))?.state === 'Failed';
    if (failed) health.failedSinceMs[network.name] ??= nowMs;
    else delete health.failedSinceMs[network.name];
    const verdict = failed ? 'Failed' : 'Up';
    const path = interfaceStatePath(self, network.name);
    const recorded = state.gum.copy.entries[path] ?? 'Up';
    if (recorded === verdict || nowMs - (health.proposedAtMs[network.name] ?? -Infinity) < proposeAgainMs) return;
    health.proposedAtMs[network.name] = nowMs;
    changes.push({ op: 'SetValue', path, value: verdict });
  });
  return changes;
}

/** Since when this node's interface on `network` has failed, or undefined while it works. */
export function failedSince(host: ClusterHost, network: string): number | undefined {
  return host.hyperv.state.switchHealth?.failedSinceMs[network];
}

/** `node` has a NIC on `network` and has not told the cluster that it failed. */
export function networkWorksOn(state: ClusterState, node: string, network: string): boolean {
  const addresses = node === state.config.name ? state.config.addresses : state.config.peers.find((p) => p.name === node)?.addresses;
  if (addresses?.[network] === undefined) return false;
  const recorded = state.gum.copy.entries[interfaceStatePath(node, network)];
  return recorded === undefined || recorded === 'Up';
}

/** A VM role one of whose monitored adapters is on a network its owner said failed (StatusInformation NetworkFailure). */
export function protectedNetworkFailed(state: ClusterState, objects: ClusterObjects, group: ClusterGroup): boolean {
  const owner = group.ownerNode;
  if (owner === undefined || group.groupType !== 'VirtualMachine') return false;
  const vm = objects.resources.find((r) => r.ownerGroup === group.name && r.resourceType === 'Virtual Machine');
  const adapters = vm === undefined ? undefined : decodeAdapters(vm.parameters[adaptersParameter]);
  return (adapters ?? []).some((a) => a.clusterMonitored && a.switchName !== '' && state.gum.copy.entries[interfaceStatePath(owner, a.switchName)] === 'Failed');
}
