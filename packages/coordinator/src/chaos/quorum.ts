// How many nodes a chaos run may take out at once and still claim liveness: at most half the nodes
// (rounded down), and fewer when that would leave no majority of the votes. The witness counts as a
// vote while it is reachable; a disk witness is not while the storage target is down. This ignores
// dynamic quorum and dynamic witness (facts §2), which let a real cluster survive more: the schedule
// stays on the safe side of what the cluster claims.

export interface QuorumShape {
  nodes: readonly string[];
  /** Whether the cluster has a witness, and whether it lives on the storage target (a disk witness). */
  witness: 'None' | 'Disk' | 'Other';
}

/** The most nodes that may be impaired at once. */
export function impairedNodesMax(shape: QuorumShape, o: { witnessUp: boolean }): number {
  const nodeCount = shape.nodes.length;
  const witnessVotes = shape.witness === 'None' ? 0 : 1;
  const witnessPresent = shape.witness === 'Other' || (shape.witness === 'Disk' && o.witnessUp) ? witnessVotes : 0;
  const votesTotal = nodeCount + witnessVotes;
  let impaired = Math.floor(nodeCount / 2);
  while (impaired > 0 && !(2 * (nodeCount - impaired + witnessPresent) > votesTotal)) impaired--;
  return impaired;
}
