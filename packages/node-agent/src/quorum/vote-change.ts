// One membership or witness change, judged and then applied (facts §2.2, §2.3). The order is the
// point: quorum is judged with the votes assigned *before* the change, and only a change that kept
// quorum recomputes the votes (adjustVotes). So losing a majority at the same time is fatal, while
// losing nodes one at a time is survivable down to the last man standing.
//
// A graceful shutdown is the exception: the leaving node's vote is removed, and the votes
// recomputed, before it leaves, so it never costs quorum under dynamic quorum. With DynamicQuorum = 0
// a shutdown is judged as a failure.
import { assert, assertNever } from '@wsfc-lab/protocol';
import type { QuorumConfig } from './config.js';
import { hasQuorum, type QuorumCheck } from './check.js';
import { adjustVotes, type VoteState } from './votes.js';

export type VoteChange =
  /** Nodes removed by regroup (event 1135): crashed, or on the far side of a partition. One or many at once. */
  | { type: 'NodesFailed'; nodes: string[]; witnessHeld: boolean }
  /** A graceful stop (Stop-ClusterNode, OS shutdown): the vote moves before the node leaves. */
  | { type: 'NodeShutdown'; node: string }
  | { type: 'NodeJoined'; node: string }
  /** The witness resource failed or went offline (events 1558, 1562–1564, 1568). */
  | { type: 'WitnessFailed' }
  | { type: 'WitnessOnline' };

export interface VoteChangeInput {
  config: QuorumConfig;
  votes: VoteState;
  members: ReadonlySet<string>;
  witnessHeld: boolean;
  change: VoteChange;
}

export type VoteChangeResult =
  | { type: 'QuorumKept'; members: Set<string>; witnessHeld: boolean; votes: VoteState; check: QuorumCheck }
  /** Stop the cluster service on these members and bring nothing online (event 1177). */
  | { type: 'QuorumLost'; members: Set<string>; witnessHeld: boolean; check: QuorumCheck }
  /** No member is left (the last node shut down): the cluster is stopped, nobody holds the witness. */
  | { type: 'ClusterStopped' };

function judge(input: { config: QuorumConfig; votes: VoteState; members: Set<string>; witnessHeld: boolean }): VoteChangeResult {
  const { config, votes, members } = input;
  if (members.size === 0) return { type: 'ClusterStopped' };
  // The witness is held only by a member: without one, nobody holds it.
  const witnessHeld = input.witnessHeld && config.witness.type !== 'None';
  const check = hasQuorum({ config, votes, present: members, witnessHeld });
  if (!check.quorum) return { type: 'QuorumLost', members, witnessHeld, check };
  const next = adjustVotes({ config, members, witnessHeld });
  return { type: 'QuorumKept', members, witnessHeld, votes: next, check: hasQuorum({ config, votes: next, present: members, witnessHeld }) };
}

function without(members: ReadonlySet<string>, nodes: readonly string[]): Set<string> {
  for (const node of nodes) assert(members.has(node), `node "${node}" left but is not a member`);
  return new Set([...members].filter((name) => !nodes.includes(name)));
}

export function applyVoteChange(input: VoteChangeInput): VoteChangeResult {
  const { config, votes, members, witnessHeld, change } = input;
  switch (change.type) {
    case 'NodesFailed':
      return judge({ config, votes, members: without(members, change.nodes), witnessHeld: change.witnessHeld });
    case 'NodeShutdown': {
      const remaining = without(members, [change.node]);
      const moved = config.DynamicQuorum === 1 ? adjustVotes({ config, members: remaining, witnessHeld: witnessHeld && remaining.size > 0 }) : votes;
      return judge({ config, votes: moved, members: remaining, witnessHeld });
    }
    case 'NodeJoined':
      assert(!members.has(change.node), `node "${change.node}" joined but is already a member`);
      return judge({ config, votes, members: new Set([...members, change.node]), witnessHeld });
    case 'WitnessFailed':
      return judge({ config, votes, members: new Set(members), witnessHeld: false });
    case 'WitnessOnline':
      return judge({ config, votes, members: new Set(members), witnessHeld: true });
    default:
      return assertNever(change);
  }
}
