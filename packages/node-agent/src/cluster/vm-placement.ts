// Memory in placement (facts §4.5 step 1, §5.2): a VM role goes only to a node with its startup
// memory free. Each node records in the cluster database how much memory it can give to VMs
// (Nodes/<node>/VmMemoryBytes); what the roles it owns and wants online need is taken off that.
// Every node reads the same figures from its own copy, so the leader's choice is the same anywhere.
import type { DbChange } from '../gum/mod.js';
import type { ClusterGroup, ClusterObjects, PlacementNode } from '../resources/mod.js';
import type { ClusterHost, ClusterState } from './types.js';

export const vmMemoryPath = (node: string) => `Nodes/${node}/VmMemoryBytes`;

/** The startup memory of the VMs in `group`, in bytes (0 for a role without VMs). */
export function groupMemoryBytes(objects: ClusterObjects, group: ClusterGroup): number {
  return objects.resources.filter((r) => r.ownerGroup === group.name && r.resourceType === 'Virtual Machine').reduce((sum, r) => sum + Number(r.parameters.MemoryStartupBytes ?? 0), 0);
}

/** Memory each node has free for roles, from the database; a node that never said has no figure (not checked). */
export function withAvailableMemory(state: ClusterState, objects: ClusterObjects, nodes: PlacementNode[]): PlacementNode[] {
  return nodes.map((node) => {
    const capacity = state.gum.copy.entries[vmMemoryPath(node.name)];
    if (typeof capacity !== 'number') return node;
    const used = objects.groups.filter((g) => g.ownerNode === node.name && g.properties.PersistentState === 1).reduce((sum, g) => sum + groupMemoryBytes(objects, g), 0);
    return { ...node, availableMemoryBytes: capacity - used };
  });
}

/** After placing `group` on `target`, the memory it takes there is no longer free for the next one. */
export function takeMemory(nodes: PlacementNode[], target: string, bytes: number): void {
  for (const node of nodes) if (node.name === target && node.availableMemoryBytes !== undefined) node.availableMemoryBytes -= bytes;
}

/**
 * This node's own figures, when the database does not have them yet (or has old ones): the memory it
 * gives VMs and its processor. From every node's processor in the database, the host learns the
 * largest feature level all its vendor's nodes share (CommonClusterFeatureSet, facts §9).
 */
export function hostFactsChanges(state: ClusterState, host: ClusterHost): DbChange[] {
  const self = state.config.name;
  const h = host.hyperv.state;
  const entries = state.gum.copy.entries;
  const facts: [string, number | string][] = [
    [vmMemoryPath(self), h.memoryCapacityBytes],
    [`Nodes/${self}/CpuVendor`, h.cpu.vendor],
    [`Nodes/${self}/CpuFeatureLevel`, h.cpu.featureLevel],
  ];
  const levels = (state.identity?.nodes ?? []).filter((n) => entries[`Nodes/${n.name}/CpuVendor`] === h.cpu.vendor).map((n) => Number(entries[`Nodes/${n.name}/CpuFeatureLevel`] ?? h.cpu.featureLevel));
  h.clusterFeatureLevel = levels.length > 0 ? Math.min(...levels) : h.cpu.featureLevel;
  return facts.filter(([path, value]) => entries[path] !== value).map(([path, value]) => ({ op: 'SetValue', path, value }));
}
