// GUM epochs. Every view's locker, once it has learned every member's copy, picks an epoch for the
// updates it will sequence: the next round after every epoch any member has seen, with its own
// node ID in the low bits. Rounds only grow, so a later view outranks every earlier one whose
// updates a member of it acknowledged; the node ID makes two lockers that pick the same round
// (the first one failed before anyone learned its round) pick different epochs, so an epoch and a
// sequence number name one update only. This is raft's term, chosen without an election because
// the membership layer already agreed on the view.

export const nodeIdBits = 16;
const roundSize = 2 ** nodeIdBits;
export const nodeIdMax = roundSize - 1;

export function epochRound(epoch: number): number {
  return Math.floor(epoch / roundSize);
}

export function nextEpoch(highestKnownEpoch: number, lockerNodeId: number): number {
  if (!Number.isInteger(lockerNodeId) || lockerNodeId < 0 || lockerNodeId > nodeIdMax) {
    throw new RangeError(`locker node ID must be an integer from 0 to ${nodeIdMax}, got ${lockerNodeId}`);
  }
  return (epochRound(highestKnownEpoch) + 1) * roundSize + lockerNodeId;
}
