// What the regroup reports (STYLE 20). Stage lines go to cluster.log under RGP (the real
// cluster.log's regroup component), quorum lines under QUORUM; System-log IDs are the product's
// (facts §16.1): 1135 a node removed from the active membership (logged by every survivor once the
// view is installed), 1177 quorum lost, 1006 the service halted for incomplete connectivity (a
// node pruned out of the view), 5398 the cluster failed to form (votes needed and available), 1573
// failed to form because the witness was not accessible, 1653 failed to join: no other node reachable.
// Merge `RegroupEvent` into protocol's LabEvent union and `regroupCatalog` into its catalog.
// This file depends on protocol only, so it can move into protocol/src/events as it is.
import type { Catalog } from './catalog.js';

/** Why a round was started. */
export type RegroupReason = 'ServiceStarted' | 'PeerLost' | 'PeerConnected' | 'JoinRequest' | 'Retry' | 'NewerView' | 'WitnessChanged';

/** The stages of a round (coordinator.ts). */
export type RoundStage = 'Opening' | 'Pruning' | 'Arbitrating' | 'Closing' | 'Committing';

export type RegroupEvent =
  | { type: 'RegroupStarted'; viewNumber: number; attempt: number; coordinator: string; reason: RegroupReason; invited: string[] }
  | {
      type: 'RegroupPruned';
      viewNumber: number;
      attempt: number;
      coordinator: string;
      kept: string[];
      pruned: string[];
      /** Each promiser's mutually connected peers, as the coordinator knew them. */
      connectivity: Record<string, string[]>;
      databaseSequences: Record<string, number>;
    }
  | { type: 'RegroupAbandoned'; viewNumber: number; attempt: number; coordinator: string; stage: RoundStage; reason: string }
  | { type: 'WitnessArbitrationStarted'; viewNumber: number; members: string[]; timeoutMs: number }
  | { type: 'WitnessArbitrationEnded'; viewNumber: number; outcome: 'Won' | 'Lost' | 'TimedOut' }
  | { type: 'RegroupViewInstalled'; viewNumber: number; coordinator: string; members: string[]; added: string[]; removed: string[] }
  | { type: 'ClusterNodeRemoved'; node: string; viewNumber: number }
  | { type: 'ClusterQuorumLost'; node: string; nodeId: number; votesPresent: number; votesNeeded: number; votesTotal: number; voterIds: number[]; detail: string }
  | { type: 'ClusterMembershipHalted'; node: string; viewNumber: number; excludedBy: string }
  | { type: 'ClusterFormFailed'; node: string; votesPresent: number; votesNeeded: number; voters: string[]; detail: string }
  | { type: 'ClusterFormWitnessFailed'; node: string; outcome: 'Lost' | 'TimedOut' }
  | { type: 'ClusterJoinNoConnectivity'; node: string }
  /** A message that could not be used (stale ballot, unknown sender, wrong stage...). */
  | { type: 'RegroupMessageIgnored'; from: string; messageType: string; reason: string };

const ballotText = (e: { viewNumber: number; attempt: number; coordinator: string }) => `view ${e.viewNumber} attempt ${e.attempt} (leader ${e.coordinator})`;

export const regroupCatalog: Catalog<RegroupEvent> = {
  RegroupStarted: {
    level: 'Information',
    component: 'RGP',
    message: (e) => `regroup ${ballotText(e)} started (${e.reason}); opening stage with ${e.invited.length === 0 ? 'no other node' : e.invited.join(', ')}`,
  },
  RegroupPruned: {
    level: (e) => (e.pruned.length === 0 ? 'Information' : 'Warning'),
    component: 'RGP',
    message: (e) => `regroup ${ballotText(e)} pruning: keeping ${e.kept.join(', ')}${e.pruned.length === 0 ? '' : `; pruned ${e.pruned.join(', ')} (not fully connected)`}`,
  },
  RegroupAbandoned: {
    level: 'Warning',
    component: 'RGP',
    message: (e) => `regroup ${ballotText(e)} abandoned in the ${e.stage} stage: ${e.reason}`,
  },
  WitnessArbitrationStarted: {
    level: 'Information',
    component: 'QUORUM',
    message: (e) => `arbitrating the witness for view ${e.viewNumber} (${e.members.join(', ')}); QuorumArbitrationTimeMax ${e.timeoutMs} ms`,
  },
  WitnessArbitrationEnded: {
    level: (e) => (e.outcome === 'Won' ? 'Information' : 'Warning'),
    component: 'QUORUM',
    message: (e) => `witness arbitration for view ${e.viewNumber}: ${e.outcome}`,
  },
  RegroupViewInstalled: {
    level: 'Information',
    component: 'RGP',
    message: (e) =>
      `installed view ${e.viewNumber} from ${e.coordinator}: members ${e.members.join(', ')}${e.added.length === 0 ? '' : `; joined ${e.added.join(', ')}`}${e.removed.length === 0 ? '' : `; removed ${e.removed.join(', ')}`}`,
  },
  ClusterNodeRemoved: {
    Id: 1135,
    level: 'Critical',
    component: 'NODE',
    message: (e) =>
      `Cluster node '${e.node}' was removed from the active failover cluster membership. The Cluster service on this node may have stopped. This could also be due to the node having lost communication with other active nodes in the failover cluster.`,
  },
  ClusterQuorumLost: {
    Id: 1177,
    level: 'Critical',
    component: 'QUORUM',
    message: (e) =>
      `Node ${e.nodeId}: Lost quorum (${e.voterIds.join(' ')}) (status = 5925): ${e.detail}. The Cluster service is shutting down because quorum was lost. This could be due to the loss of network connectivity between some or all nodes in the cluster, or a failover of the witness disk.`,
  },
  ClusterMembershipHalted: {
    Id: 1006,
    level: 'Critical',
    component: 'MM',
    message: (e) => `Cluster service was halted due to incomplete connectivity with other cluster nodes. (view ${e.viewNumber} from ${e.excludedBy} does not include ${e.node})`,
  },
  ClusterFormFailed: {
    Id: 5398,
    level: 'Critical',
    component: 'QUORUM',
    message: (e) =>
      `Cluster failed to start. The latest copy of cluster configuration data was not available within the set of nodes attempting to start the cluster. Votes required to start cluster: ${e.votesNeeded} Votes available: ${e.votesPresent} Nodes with votes: ${e.voters.length === 0 ? '(none)' : e.voters.join(' ')}`,
  },
  ClusterFormWitnessFailed: {
    Id: 1573,
    level: 'Error',
    component: 'QUORUM',
    message: (e) => `Node '${e.node}' failed to form a cluster. This was because the witness was not accessible (${e.outcome === 'TimedOut' ? 'no answer within QuorumArbitrationTimeMax' : 'arbitration lost'}). Please ensure that the witness resource is online and available.`,
  },
  ClusterJoinNoConnectivity: {
    Id: 1653,
    level: 'Error',
    component: 'MM',
    message: (e) =>
      `Cluster node '${e.node}' failed to join the cluster because it could not communicate over the network with any other node in the cluster. Verify network connectivity and configuration of any network firewalls.`,
  },
  RegroupMessageIgnored: {
    level: 'Information',
    component: 'RGP',
    message: (e) => `ignored ${e.messageType} from ${e.from}: ${e.reason}`,
  },
};
