// Where a group goes when it must move (KB299631, facts §4.5 [R5]):
// - after a resource failure, or a node failure when the group has preferred owners: the next
//   node after the current owner in the Node List, wrapping around;
// - after a node failure with no preferred owners: a node chosen at random (spreads the load);
// - "move to best possible node": the top of the Node List; if no preferred owner can take it
//   (or there are none), a random node.
// Only nodes that can host the group are candidates (eligibility.ts). The core Cluster Group is
// the exception in the real product: it follows the quorum arbitration winner, which the actor
// decides, not this function.
import { nodeList, whyNodeCannotHost, type EligibilityInput } from './eligibility.js';
import { resourceErrors } from './errors.js';
import type { ClusterGroup, PlacementNode } from './model.js';
import { ok, refused, type Result } from './result.js';

export type PlacementCause = 'ResourceFailure' | 'NodeFailure' | 'BestPossible';

export type PlacementRule = 'NextInNodeList' | 'Random' | 'TopOfNodeList';

export interface PlacementInput extends EligibilityInput {
  group: Pick<ClusterGroup, 'name' | 'ownerNode' | 'preferredOwners'>;
  nodes: readonly PlacementNode[];
  cause: PlacementCause;
  /** A float in [0, 1); the actor passes io.random (STYLE 6). */
  random: () => number;
}

export interface Placement {
  target: string;
  /** The nodes that could take the group, in the order the rule considered them. */
  candidates: string[];
  rule: PlacementRule;
}

export function selectTargetNode(input: PlacementInput): Result<Placement> {
  const { group, nodes } = input;
  const list = nodeList(group.preferredOwners, nodes);
  const byName = new Map(nodes.map((n) => [n.name, n] as const));
  const reasons: string[] = [];
  const canHost = (name: string): boolean => {
    const node = byName.get(name);
    const why = node === undefined ? 'is not a cluster node' : whyNodeCannotHost(node, input);
    if (why !== undefined) reasons.push(`${name} ${why}`);
    return why === undefined;
  };
  const hasPreferred = list.some((name) => group.preferredOwners.includes(name));
  switch (input.cause) {
    case 'ResourceFailure':
      // The current owner comes last, as the wrap-around's end: the last resort [inferred].
      return pick(input, reasons, rotateAfter(list, group.ownerNode).filter(canHost), 'NextInNodeList');
    case 'NodeFailure':
      if (hasPreferred) return pick(input, reasons, rotateAfter(list, group.ownerNode).filter(canHost), 'NextInNodeList');
      return pick(input, reasons, list.filter((n) => notOwner(n, group, reasons) && canHost(n)), 'Random');
    case 'BestPossible': {
      const others = list.filter((n) => notOwner(n, group, reasons) && canHost(n));
      const preferred = others.filter((n) => group.preferredOwners.includes(n));
      if (preferred.length > 0) return pick(input, reasons, [...preferred, ...others.filter((n) => !preferred.includes(n))], 'TopOfNodeList');
      return pick(input, reasons, others, 'Random');
    }
  }
}

function notOwner(name: string, group: PlacementInput['group'], reasons: string[]): boolean {
  if (name !== group.ownerNode) return true;
  reasons.push(`${name} is the current owner`);
  return false;
}

/** The list starting after `current`, with `current` last; unchanged when `current` is not in it. */
function rotateAfter(list: readonly string[], current: string | undefined): string[] {
  const at = current === undefined ? -1 : list.indexOf(current);
  return at < 0 ? [...list] : [...list.slice(at + 1), ...list.slice(0, at + 1)];
}

function pick(input: PlacementInput, reasons: readonly string[], candidates: string[], rule: PlacementRule): Result<Placement> {
  if (candidates.length === 0) return refused(resourceErrors.noNodeCanHost({ group: input.group.name, reasons }));
  const index = rule === 'Random' ? Math.min(candidates.length - 1, Math.floor(input.random() * candidates.length)) : 0;
  return ok({ target: candidates[index] as string, candidates, rule });
}
