// The judges of an arbitration run, over what the target recorded (test support).
//
// Writes: an ownership epoch is the span in which one node's machine had a disk Online. The rule
// (issue 5 item 6, DESIGN "What the lab checks"): at most one node that believes it owns a disk
// has its writes accepted at any time. Checked as: every accepted data WRITE was sent in an epoch
// of its node, and once a node's epoch has begun, no WRITE of another epoch is accepted any more
// (a deposed owner may still believe it owns the disk, but the target refuses it).
//
// Witness: the witness's vote never helps two disjoint sets as successors of the same view.
export interface Epoch {
  id: string;
  node: string;
  disk: string;
  startMs: number;
  endMs: number | null;
}

export interface AcceptedWrite {
  atMs: number;
  node: string;
  disk: string;
  lba: number;
  status: string;
  /** The epoch the WRITE was sent in; null when the node did not own the disk then. */
  epoch: Epoch | null;
}

export function judgeWrites(o: { epochs: readonly Epoch[]; writes: readonly AcceptedWrite[]; excluded: { disk: string; lba: number }[] }): string[] {
  const violations: string[] = [];
  const lastAccepted = new Map<string, { atMs: number; epoch: Epoch }>();
  for (const w of o.writes) {
    if (w.status !== 'Good' || o.excluded.some((x) => x.disk === w.disk && x.lba === w.lba)) continue;
    if (w.epoch === null) {
      violations.push(`${w.atMs} ms: a WRITE by ${w.node} to "${w.disk}" LBA ${w.lba} was accepted, sent while ${w.node} did not own the disk`);
      continue;
    }
    for (const [id, last] of lastAccepted) {
      if (id === w.epoch.id || last.epoch.disk !== w.disk) continue;
      if (w.epoch.startMs <= last.atMs) {
        violations.push(
          `${w.atMs} ms: "${w.disk}" accepted a WRITE of ${w.epoch.node}'s ownership (${w.epoch.id}, from ${w.epoch.startMs} ms) and one of ${last.epoch.node}'s (${id}) at ${last.atMs} ms, after ${w.epoch.node} already owned it`,
        );
      }
    }
    lastAccepted.set(w.epoch.id, { atMs: w.atMs, epoch: w.epoch });
  }
  return violations;
}

export interface WitnessWin {
  leader: string;
  members: string[];
  previousViewNumber: number;
  atMs: number;
}

export function judgeWitness(wins: readonly WitnessWin[]): string[] {
  const violations: string[] = [];
  for (const [i, a] of wins.entries()) {
    for (const b of wins.slice(i + 1)) {
      const disjoint = !a.members.some((m) => b.members.includes(m));
      if (disjoint && a.previousViewNumber === b.previousViewNumber) {
        violations.push(`the witness was granted to {${a.members.join(', ')}} (${a.leader}, ${a.atMs} ms) and to {${b.members.join(', ')}} (${b.leader}, ${b.atMs} ms), both successors of view ${a.previousViewNumber}`);
      }
    }
  }
  return violations;
}
