// Move-ClusterGroup -Node X (and Move-ClusterVirtualMachineRole -Node X): the target must be a
// cluster node that can host the group (eligibility.ts). A refusal names the group, the node
// and, for possible owners, the resource that excludes it. Moving a group to its current owner
// succeeds and does nothing.
import { whyNodeCannotHost, type EligibilityInput } from './eligibility.js';
import { resourceErrors } from './errors.js';
import type { ClusterGroup, PlacementNode } from './model.js';
import { ok, refused, type Result } from './result.js';

export interface MoveCheckInput extends EligibilityInput {
  group: Pick<ClusterGroup, 'name' | 'ownerNode'>;
  nodes: readonly PlacementNode[];
  target: string;
}

export function checkMoveTarget(input: MoveCheckInput): Result<{ alreadyOwner: boolean }> {
  const { group, target } = input;
  const node = input.nodes.find((n) => n.name.toLowerCase() === target.toLowerCase());
  if (node === undefined) return refused(resourceErrors.nodeNotFound(target));
  if (node.name === group.ownerNode) return ok({ alreadyOwner: true });
  const refusing = input.resources.find((r) => r.possibleOwners !== undefined && !r.possibleOwners.includes(node.name));
  if (refusing !== undefined) return refused(resourceErrors.notPossibleOwner({ group: group.name, node: node.name, resource: refusing.name }));
  const why = whyNodeCannotHost(node, input);
  if (why !== undefined) return refused(resourceErrors.nodeCannotHost({ group: group.name, node: node.name, why }));
  return ok({ alreadyOwner: false });
}
