// The witness's grant rule (regroup-node.ts; the regroup's test witness in regroup/_harness.ts
// applies the same rule): the witness records the view it last granted (number, leader, and the
// view that one followed) and grants only to a set whose newest view is at least that number (it
// knows that view), or to the same leader trying again from no older a view (a leader installs
// its own view first, so a view it was granted and did not install was never installed). So the
// witness's vote never helps two successors of one view, and a set with a stale configuration
// cannot form with it (partition in time). The rest of that rule, "while the holder runs and is
// outside the requesting set it keeps the witness", is the holder's defence of its reservation
// (defence.ts), not a check here.
import type { ArbitrationTag } from './tag-block.js';

export interface WitnessClaim {
  /** The view the set will install if it wins. */
  viewNumber: number;
  /** The newest view the set knows (the view it follows). */
  previousViewNumber: number;
  /** The set's leader (the regroup coordinator). */
  coordinator: string;
}

export type GrantVerdict = { granted: true } | { granted: false; why: string };

export function grantVerdict(recorded: ArbitrationTag | null, claim: WitnessClaim): GrantVerdict {
  if (recorded === null) return { granted: true };
  if (claim.previousViewNumber >= recorded.viewNumber) return { granted: true };
  if (claim.coordinator === recorded.coordinator && claim.previousViewNumber >= recorded.previousViewNumber) return { granted: true };
  return {
    granted: false,
    why: `the witness was last granted view ${recorded.viewNumber} (leader ${recorded.coordinator}, after view ${recorded.previousViewNumber}); a set that knows only view ${claim.previousViewNumber} (leader ${claim.coordinator}) cannot have it`,
  };
}
