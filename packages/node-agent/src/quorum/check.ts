// Does a set of nodes have quorum? The cluster runs only while more than half of the votes in play
// are present (facts §2.1): votesNeeded = floor(votesTotal / 2) + 1. The votes in play are those
// assigned before the change being judged (the vote state the members agreed on), so two disjoint
// partitions can never both have quorum: they share one total, and at most one of them holds the
// witness (disk arbitration, facts §3.2). A partition without quorum stops its cluster service and
// brings nothing online (event 1177, status 5925 ERROR_CLUSTER_NO_QUORUM in cluster.log).
import { assert } from '@wsfc-lab/protocol';
import type { QuorumConfig } from './config.js';
import { votesInPlay, type VoteState } from './votes.js';

export interface QuorumQuery {
  config: QuorumConfig;
  votes: VoteState;
  /** The nodes of this partition (the view after regroup). */
  present: ReadonlySet<string>;
  /** This partition holds the witness (won the disk, locked the share, reached the blob). */
  witnessHeld: boolean;
}

export interface QuorumCheck {
  quorum: boolean;
  votesPresent: number;
  votesNeeded: number;
  votesTotal: number;
  /** Node names whose votes are present, in configuration order (cluster.log "Lost quorum (1 2)"). */
  votersPresent: string[];
  /** One sentence for cluster.log and refusal messages. */
  detail: string;
}

function describe(check: Omit<QuorumCheck, 'detail'>, witnessPresent: boolean): string {
  const voters = [...check.votersPresent, ...(witnessPresent ? ['witness'] : [])];
  const who = voters.length === 0 ? 'none' : voters.join(', ');
  const verdict = check.quorum ? 'quorum' : 'no quorum';
  return `${check.votesPresent} of ${check.votesTotal} votes in play present (${who}); ${check.votesNeeded} needed: ${verdict}`;
}

export function hasQuorum(query: QuorumQuery): QuorumCheck {
  const { config, votes, present, witnessHeld } = query;
  for (const name of present) assert(config.nodes.some((node) => node.name === name), `present node "${name}" is not a node of the quorum configuration`);
  const votersPresent = config.nodes.filter((node) => present.has(node.name) && votes.DynamicWeight[node.name] === 1).map((node) => node.name);
  const witnessPresent = witnessHeld && config.witness.type !== 'None' && votes.WitnessDynamicWeight === 1;
  const votesTotal = votesInPlay(config, votes);
  const votesPresent = votersPresent.length + (witnessPresent ? 1 : 0);
  const votesNeeded = Math.floor(votesTotal / 2) + 1;
  const result = { quorum: votesPresent >= votesNeeded, votesPresent, votesNeeded, votesTotal, votersPresent };
  return { ...result, detail: describe(result, witnessPresent) };
}
