// Where a VM with a failed protected network goes (facts §7, seed 002): by the usual placement
// (preferred owners first, memory, possible owners: resources/placement.ts "best possible node"),
// among the other nodes that are up and have every network the VM protects working. "It never picks
// a node that lacks the network": when there is none, the VM stays.
import { selectTargetNode, type ClusterObjects, type PlacementNode } from '../resources/mod.js';
import { placementNodes } from './rcm.js';
import { groupMemoryBytes, takeMemory, withAvailableMemory } from './vm-placement.js';
import { networkWorksOn } from './protected-network-health.js';
import type { ClusterHost, ClusterState } from './types.js';

/** The nodes a protected-network move may go to now, with the memory still free on each. */
export function protectedNetworkNodes(state: ClusterState, host: ClusterHost, objects: ClusterObjects): PlacementNode[] {
  const nodes = withAvailableMemory(state, objects, placementNodes(state)).filter((n) => n.name !== state.config.name);
  const h = host.hyperv.state;
  // Memory already promised to VMs on their way out of here.
  for (const m of h.outgoing) takeMemory(nodes, m.destination, h.vms[m.vm]?.config.memoryStartupBytes ?? 0);
  return nodes;
}

/** The best node for `group` among `nodes` where every one of `networks` works, or undefined. */
export function protectedNetworkTarget(state: ClusterState, host: ClusterHost, o: { objects: ClusterObjects; nodes: PlacementNode[]; group: string; networks: readonly string[] }): string | undefined {
  const group = o.objects.groups.find((g) => g.name === o.group);
  if (!group) return undefined;
  const nodes = o.nodes.filter((n) => o.networks.every((network) => networkWorksOn(state, n.name, network)));
  const resources = o.objects.resources.filter((r) => r.ownerGroup === group.name);
  const placed = selectTargetNode({ group, nodes, resources, requiredMemoryBytes: groupMemoryBytes(o.objects, group), cause: 'BestPossible', random: () => host.io.random() });
  return placed.ok ? placed.value.target : undefined;
}
