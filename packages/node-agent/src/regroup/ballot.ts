// Regroup ballots. A round is named by (view number, attempt, coordinator ID). A node promises at
// most one round at a time and only a higher one than it promised before, so of two competing
// rounds the lower loses at every node that has seen the higher: it cannot close. Equal view
// number and attempt are ordered by the *lower* coordinator ID, in the spirit of the rule that
// the lowest connected node leads. A new round's ballot beats everything its coordinator has seen:
// its own promise and last view, and whatever refusals and reports told it.
import type { Ballot, BallotHints, RegroupPersisted } from './types.js';

/** Positive when `a` beats `b`, 0 when they are the same round. */
export function compareBallots(a: Ballot, b: Ballot): number {
  if (a.viewNumber !== b.viewNumber) return a.viewNumber - b.viewNumber;
  if (a.attempt !== b.attempt) return a.attempt - b.attempt;
  return b.coordinatorId - a.coordinatorId;
}

export function sameBallot(a: Ballot | null, b: Ballot | null): boolean {
  return a !== null && b !== null && compareBallots(a, b) === 0;
}

export function higherBallot(a: Ballot | null, b: Ballot | null): Ballot | null {
  if (a === null) return b;
  if (b === null) return a;
  return compareBallots(a, b) >= 0 ? a : b;
}

export function ballotText(b: Ballot): string {
  return `${b.viewNumber}.${b.attempt}@${b.coordinatorId}`;
}

/**
 * The ballot of the next round this node leads: the view number after every view and accepted
 * proposal it knows of, and above every promise it knows of (a higher attempt at that number).
 */
export function nextBallot(options: { selfId: number; persisted: RegroupPersisted; hints: BallotHints }): Ballot {
  const { selfId, persisted, hints } = options;
  const known = Math.max(persisted.lastView?.number ?? 0, persisted.accepted?.view.number ?? 0, hints.viewNumber);
  const base = known + 1;
  const top = higherBallot(persisted.promise, hints.promise);
  if (top !== null && top.viewNumber >= base) return { viewNumber: top.viewNumber, attempt: top.attempt + 1, coordinatorId: selfId };
  return { viewNumber: base, attempt: 1, coordinatorId: selfId };
}
