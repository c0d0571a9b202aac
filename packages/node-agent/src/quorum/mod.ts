// Quorum arithmetic for the cluster node (facts §2): votes, dynamic quorum and dynamic witness, the
// quorum test a partition runs at regroup, and validation of quorum changes. Pure functions over
// plain data; the node actor calls them and does the I/O (events 1177, global updates).
export {
  checkQuorumConfig,
  cloudWitnessEndpointDefault,
  getClusterQuorumRow,
  nodeNamed,
  quorumDefaults,
  quorumTypeOf,
  witnessResourceNames,
  type ClusterQuorumRow,
  type QuorumConfig,
  type QuorumNode,
  type QuorumType,
  type Vote,
  type Witness,
  type WitnessType,
} from './config.js';
export { adjustVotes, checkVoteState, tieBreakerNode, votesInPlay, type VoteAssignment, type VoteState } from './votes.js';
export { hasQuorum, type QuorumCheck, type QuorumQuery } from './check.js';
export { applyVoteChange, type VoteChange, type VoteChangeInput, type VoteChangeResult } from './vote-change.js';
export {
  diskWitnessSizeBytesMin,
  validateQuorumChange,
  type ClusterDisk,
  type QuorumChange,
  type QuorumChangeInput,
  type QuorumChangeResult,
} from './set-quorum.js';
export { clusterErrorText, quorumErrors } from './errors.js';
