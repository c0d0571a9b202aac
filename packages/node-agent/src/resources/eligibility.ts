// Whether a node can host a group at all (facts §4.5, the [inferred] placement order, step 1,
// and §5.1–5.3): it must be Up (a Paused node hosts no new roles), not quarantined, a possible
// owner of every resource in the group, and, when the caller asks, have the memory free.
import type { PlacedResource, PlacementNode } from './model.js';

export interface EligibilityInput {
  resources: readonly PlacedResource[];
  /** Memory the group needs on its new node, in bytes (VMs' startup memory); absent: not checked. */
  requiredMemoryBytes?: number;
}

/** Why `node` cannot host the group, as a phrase that follows the node's name; undefined when it can. */
export function whyNodeCannotHost(node: PlacementNode, input: EligibilityInput): string | undefined {
  if (node.State !== 'Up') return `is ${node.State}`;
  if (node.quarantined === true) return 'is quarantined';
  const refusing = input.resources.find((r) => r.possibleOwners !== undefined && !r.possibleOwners.includes(node.name));
  if (refusing !== undefined) return `is not a possible owner of resource '${refusing.name}'`;
  const needed = input.requiredMemoryBytes;
  if (needed !== undefined && node.availableMemoryBytes !== undefined && node.availableMemoryBytes < needed) {
    return `has ${node.availableMemoryBytes} bytes of memory available and the role needs ${needed}`;
  }
  return undefined;
}

/**
 * The Node List of KB299631 (facts §4.5): the preferred owners in their set order, then every
 * other node by node ID. Preferred owners that are not cluster nodes are skipped.
 */
export function nodeList(preferredOwners: readonly string[], nodes: readonly PlacementNode[]): string[] {
  const known = new Set(nodes.map((n) => n.name));
  const preferred = [...new Set(preferredOwners)].filter((name) => known.has(name));
  const others = [...nodes]
    .filter((n) => !preferred.includes(n.name))
    .sort((a, b) => a.id - b.id)
    .map((n) => n.name);
  return [...preferred, ...others];
}
