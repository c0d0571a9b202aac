// The witness's grant rule, shared by the disk witness (the tag in the witness LUN's last block,
// node-agent arbitration/) and the file share witness (the record the file server keeps,
// storage-target file-share.ts): the witness records the view it last granted (number, leader, and
// the view that one followed) and grants only to a set whose newest view is at least that number
// (it knows that view), or to the same leader trying again from no older a view (a leader installs
// its own view first, so a view it was granted and did not install was never installed). So the
// witness's vote never helps two successors of one view, and a set with a stale configuration
// cannot form with it (partition in time).

export interface WitnessClaim {
  /** The view the set will install if it wins. */
  viewNumber: number;
  /** The newest view the set knows (the view it follows). */
  previousViewNumber: number;
  /** The set's leader (the regroup coordinator). */
  coordinator: string;
}

/** What a witness last granted. */
export type WitnessRecord = WitnessClaim;

export type GrantVerdict = { granted: true } | { granted: false; why: string };

export function grantVerdict(recorded: WitnessRecord | null, claim: WitnessClaim): GrantVerdict {
  if (recorded === null) return { granted: true };
  if (claim.previousViewNumber >= recorded.viewNumber) return { granted: true };
  if (claim.coordinator === recorded.coordinator && claim.previousViewNumber >= recorded.previousViewNumber) return { granted: true };
  return {
    granted: false,
    why: `the witness was last granted view ${recorded.viewNumber} (leader ${recorded.coordinator}, after view ${recorded.previousViewNumber}); a set that knows only view ${claim.previousViewNumber} (leader ${claim.coordinator}) cannot have it`,
  };
}
