// Test fixtures: clusters of node01..nodeNN with a chosen witness, formed with every node Up and the
// witness online, and a small driver that applies vote changes as the node actor would.
import type { ExecutionContext } from 'ava';
import type { QuorumConfig, Vote, WitnessType } from './config.js';
import { applyVoteChange, type VoteChange, type VoteChangeResult } from './vote-change.js';
import { adjustVotes, type VoteState } from './votes.js';

export const nodeName = (index: number): string => `node${String(index).padStart(2, '0')}`;

export interface ClusterOptions {
  nodes: number;
  witness?: WitnessType;
  /** Nodes with NodeWeight 0. */
  noVote?: string[];
  DynamicQuorum?: Vote;
  LowerQuorumPriorityNodeID?: number;
}

export function cluster(options: ClusterOptions): QuorumConfig {
  const nodes = Array.from({ length: options.nodes }, (_, i) => ({
    name: nodeName(i + 1),
    id: i + 1,
    NodeWeight: (options.noVote?.includes(nodeName(i + 1)) ? 0 : 1) as Vote,
  }));
  const type = options.witness ?? 'None';
  const witness: QuorumConfig['witness'] =
    type === 'None'
      ? { type }
      : type === 'Disk'
        ? { type, resource: 'Cluster Disk 1', diskOnly: false }
        : type === 'FileShare'
          ? { type, resource: 'File Share Witness', sharePath: '\\\\fs01\\witness' }
          : { type, resource: 'Cloud Witness', accountName: 'wsfclab', endpoint: 'core.windows.net' };
  return { nodes, witness, DynamicQuorum: options.DynamicQuorum ?? 1, LowerQuorumPriorityNodeID: options.LowerQuorumPriorityNodeID ?? 0 };
}

export interface ClusterView {
  config: QuorumConfig;
  votes: VoteState;
  members: Set<string>;
  witnessHeld: boolean;
}

/** Every node Up, the witness online, votes as the cluster assigns them at that point. */
export function formed(config: QuorumConfig): ClusterView {
  const members = new Set(config.nodes.map((node) => node.name));
  const witnessHeld = config.witness.type !== 'None';
  return { config, votes: adjustVotes({ config, members, witnessHeld }), members, witnessHeld };
}

export function step(view: ClusterView, change: VoteChange): VoteChangeResult {
  return applyVoteChange({ ...view, change });
}

/** Apply the change, assert quorum was kept, and return the new view. */
export function kept(t: ExecutionContext, view: ClusterView, change: VoteChange): ClusterView {
  const result = step(view, change);
  if (result.type !== 'QuorumKept') {
    t.fail(`${JSON.stringify(change)} should keep quorum, got ${result.type}${result.type === 'QuorumLost' ? `: ${result.check.detail}` : ''}`);
    return view;
  }
  return { config: view.config, votes: result.votes, members: result.members, witnessHeld: result.witnessHeld };
}

export const fail = (...nodes: string[]): VoteChange => ({ type: 'NodesFailed', nodes, witnessHeld: true });

export function weights(view: ClusterView): string {
  const nodes = view.config.nodes.map((node) => `${node.name}=${view.votes.DynamicWeight[node.name]}`);
  return [...nodes, `witness=${view.votes.WitnessDynamicWeight}`].join(' ');
}
