// Who votes right now (facts §2.2). Under dynamic quorum (DynamicQuorum = 1, the default) every
// member with NodeWeight 1 votes and every node outside the membership does not, so the members can
// lose one more node and still hold more than half: nodes can fail one at a time down to the last
// man standing. Dynamic witness (2012 R2+) keeps the total odd: the witness votes only while the node
// votes are even and the witness is online. When the total would still be even (no witness, or the
// witness failed), the tie-breaker takes the vote from one node: the node named by
// LowerQuorumPriorityNodeID if it is a voting member, else (the lab's rule, since the real choice is
// random) the voting member with the highest node ID. A node with NodeWeight 0 never gets a vote.
//
// The assignment is a pure function of the configuration, the members and whether they hold the
// witness, so every member that agrees on those (through the global update) computes the same votes.
// With DynamicQuorum = 0 the votes are static: NodeWeight, and the witness always votes
// [inferred: dynamic witness is documented as part of dynamic quorum]. In disk-only mode only the
// disk votes.
import { assert, assertNever } from '@wsfc-lab/protocol';
import type { QuorumConfig, QuorumNode, Vote } from './config.js';

export interface VoteState {
  /** DynamicWeight per node name, for every node of the configuration (Get-ClusterNode DynamicWeight). */
  DynamicWeight: Record<string, Vote>;
  /** WitnessDynamicWeight (cluster): whether the witness votes now; 0 without a witness. */
  WitnessDynamicWeight: Vote;
}

export interface VoteAssignment {
  config: QuorumConfig;
  /** The nodes in the current membership (Up or Paused). */
  members: ReadonlySet<string>;
  /** The witness is online and held by these members (the disk won by arbitration, the share or blob reachable). */
  witnessHeld: boolean;
}

type VoteMode = 'DiskOnly' | 'Static' | 'Dynamic';

function voteModeOf(config: QuorumConfig): VoteMode {
  if (config.witness.type === 'Disk' && config.witness.diskOnly) return 'DiskOnly';
  return config.DynamicQuorum === 1 ? 'Dynamic' : 'Static';
}

/** The member that gives up its vote when the node votes are even and nothing else breaks the tie. */
export function tieBreakerNode(config: QuorumConfig, voters: readonly QuorumNode[]): QuorumNode {
  assert(voters.length > 0, 'the tie-breaker needs at least one voting node');
  const named = voters.find((node) => config.LowerQuorumPriorityNodeID !== 0 && node.id === config.LowerQuorumPriorityNodeID);
  if (named !== undefined) return named;
  return voters.reduce((highest, node) => (node.id > highest.id ? node : highest));
}

function dynamicVotes({ config, members, witnessHeld }: VoteAssignment): VoteState {
  const voters = config.nodes.filter((node) => node.NodeWeight === 1 && members.has(node.name));
  const DynamicWeight: Record<string, Vote> = {};
  for (const node of config.nodes) DynamicWeight[node.name] = voters.includes(node) ? 1 : 0;
  const even = voters.length % 2 === 0;
  if (config.witness.type !== 'None' && witnessHeld) return { DynamicWeight, WitnessDynamicWeight: even ? 1 : 0 };
  if (even && voters.length > 0) DynamicWeight[tieBreakerNode(config, voters).name] = 0;
  return { DynamicWeight, WitnessDynamicWeight: 0 };
}

/**
 * The votes after a membership or witness change that kept quorum (or at formation): DynamicWeight
 * for each node and WitnessDynamicWeight, as the cluster recomputes them.
 */
export function adjustVotes(assignment: VoteAssignment): VoteState {
  const { config } = assignment;
  for (const name of assignment.members) assert(config.nodes.some((node) => node.name === name), `member "${name}" is not a node of the quorum configuration`);
  const mode = voteModeOf(config);
  switch (mode) {
    case 'Dynamic':
      return dynamicVotes(assignment);
    case 'Static':
      return {
        DynamicWeight: Object.fromEntries(config.nodes.map((node) => [node.name, node.NodeWeight])),
        WitnessDynamicWeight: config.witness.type === 'None' ? 0 : 1,
      };
    case 'DiskOnly':
      return { DynamicWeight: Object.fromEntries(config.nodes.map((node) => [node.name, 0 as Vote])), WitnessDynamicWeight: 1 };
    default:
      return assertNever(mode);
  }
}

/** The votes in play: every node's DynamicWeight plus WitnessDynamicWeight. */
export function votesInPlay(config: QuorumConfig, votes: VoteState): number {
  let total = votes.WitnessDynamicWeight;
  for (const node of config.nodes) total += votes.DynamicWeight[node.name] ?? 0;
  return total;
}

/** What a vote state must satisfy against its configuration (for the node actor's checkInvariants). */
export function checkVoteState(config: QuorumConfig, votes: VoteState): void {
  const names = Object.keys(votes.DynamicWeight);
  assert(names.length === config.nodes.length, `vote state has ${names.length} nodes, the configuration ${config.nodes.length}`);
  for (const node of config.nodes) {
    const weight = votes.DynamicWeight[node.name];
    assert(weight === 0 || weight === 1, `node "${node.name}" has DynamicWeight ${String(weight)}`);
    assert(weight <= node.NodeWeight, `node "${node.name}" has DynamicWeight 1 with NodeWeight 0`);
  }
  assert(votes.WitnessDynamicWeight === 0 || config.witness.type !== 'None', 'WitnessDynamicWeight is 1 without a witness');
}
