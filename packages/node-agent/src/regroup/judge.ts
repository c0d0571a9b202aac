// Does the kept set have quorum, and does it need the witness for it? The coordinator asks the
// quorum module (quorum/check.ts) with the votes of the view the new one follows: the votes present
// are those the kept nodes had in that view (under dynamic quorum a node outside it had none; under
// static quorum a returning node brings its NodeWeight), so losing a majority at once is fatal and
// losing nodes one regroup at a time is not. The new view's votes are then assigned afresh
// (quorum/votes.ts adjustVotes), as quorum/vote-change.ts does after a change that kept quorum.
// When a node that accepted a newer proposal reports it, that proposal may have been installed
// somewhere without this coordinator knowing: the kept set must then have quorum against it as
// well, so whichever view really came before, two disjoint sets can never both pass. The witness
// is asked for only when its vote is what is missing; otherwise the view keeps the witness it had.
import { adjustVotes, hasQuorum, type QuorumCheck, type QuorumConfig, type VoteState } from '../quorum/mod.js';
import type { View } from './types.js';

export type Judgement = { quorum: true; votes: VoteState } | { quorum: false; check: QuorumCheck };

export type QuorumVerdict =
  /** Quorum without asking the witness; the new view keeps `witnessHeld` from the view before. */
  | { type: 'Quorum'; witnessHeld: boolean }
  /** Quorum only with the witness's vote: arbitrate it first. `check` is the judgement without it. */
  | { type: 'NeedsWitness'; check: QuorumCheck }
  | { type: 'NoQuorum'; check: QuorumCheck };

/** The view a cluster follows before any view was installed: every configured node, at creation. */
export function genesisView(config: QuorumConfig): View {
  const members = [...config.nodes].sort((a, b) => a.id - b.id).map((node) => ({ name: node.name, nodeId: node.id }));
  const witnessHeld = config.witness.type !== 'None';
  const votes = adjustVotes({ config, members: new Set(members.map((m) => m.name)), witnessHeld });
  return { number: 0, coordinator: members[0]?.name ?? '(none)', members, votes, witnessHeld };
}

/** Judges `kept` against the votes of `previous` (more than half of the votes in play there). */
export function judgeFrom(options: { config: QuorumConfig; previous: View; kept: ReadonlySet<string>; witnessHeld: boolean }): Judgement {
  const { config, previous, kept, witnessHeld } = options;
  const check = hasQuorum({ config, votes: previous.votes, present: kept, witnessHeld: witnessHeld && config.witness.type !== 'None' });
  if (!check.quorum) return { quorum: false, check };
  return { quorum: true, votes: adjustVotes({ config, members: kept, witnessHeld }) };
}

/** `candidates[0]` is the newest installed view; the rest are newer proposals that may have been installed. */
export function verdictFor(options: { config: QuorumConfig; candidates: readonly View[]; kept: ReadonlySet<string> }): QuorumVerdict {
  const { config, candidates, kept } = options;
  const plain = candidates.map((previous) => judgeFrom({ config, previous, kept, witnessHeld: false }));
  const firstLost = plain.find((j): j is Extract<Judgement, { quorum: false }> => !j.quorum);
  if (firstLost === undefined) return { type: 'Quorum', witnessHeld: (candidates[0]?.witnessHeld ?? false) && config.witness.type !== 'None' };
  if (config.witness.type === 'None') return { type: 'NoQuorum', check: firstLost.check };
  const withWitness = candidates.map((previous) => judgeFrom({ config, previous, kept, witnessHeld: true }));
  if (withWitness.every((j) => j.quorum)) return { type: 'NeedsWitness', check: firstLost.check };
  return { type: 'NoQuorum', check: firstLost.check };
}

/** The votes of a new view of `kept` (what every member computes alike). */
export function votesFor(config: QuorumConfig, kept: ReadonlySet<string>, witnessHeld: boolean): VoteState {
  return adjustVotes({ config, members: kept, witnessHeld });
}
