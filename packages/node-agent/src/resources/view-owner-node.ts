// Get-ClusterOwnerNode's output object (facts §4.5, §16.3: ClusterObject, OwnerNodes). For a
// group it lists the preferred owners in order (empty by default); for a resource, its possible
// owners, which are every node unless Set-ClusterOwnerNode -Resource narrowed them.
import type { ClusterGroup, ClusterResource, PlacementNode } from './model.js';

export const getClusterOwnerNodeColumns = ['ClusterObject', 'OwnerNodes'] as const;

export interface ClusterOwnerNodeView {
  ClusterObject: string;
  OwnerNodes: string[];
}

export function groupOwnerNodeView(group: Pick<ClusterGroup, 'name' | 'preferredOwners'>): ClusterOwnerNodeView {
  return { ClusterObject: group.name, OwnerNodes: [...group.preferredOwners] };
}

/** Every node is a possible owner by default; nodes are listed by node ID. */
export function resourceOwnerNodeView(
  resource: Pick<ClusterResource, 'name' | 'possibleOwners'>,
  nodes: readonly Pick<PlacementNode, 'name' | 'id'>[],
): ClusterOwnerNodeView {
  const byId = [...nodes].sort((a, b) => a.id - b.id).map((n) => n.name);
  return { ClusterObject: resource.name, OwnerNodes: resource.possibleOwners === undefined ? byId : [...resource.possibleOwners] };
}
