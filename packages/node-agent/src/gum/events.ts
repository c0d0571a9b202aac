// What the Global Update Manager reports (STYLE 20). GUM lines go to cluster.log under the
// components GUM and DM (the Database Manager), as in the real cluster.log (facts §16.2). The two
// partition-in-time events carry the System-log IDs of the product (facts §2.3, §16.1): 1561 for a
// node that lacks the latest copy of the configuration, 5398 for a cluster that ran without it.
// Merge `GumEvent` into protocol's LabEvent union and `gumCatalog` into its catalog.
import type { Catalog } from '@wsfc-lab/protocol';

export type GumEvent =
  | { type: 'GumLockerChanged'; viewNumber: number; locker: string; previous: string | undefined }
  /** A member did not answer within RequestReplyTimeout: the membership layer should remove it. */
  | { type: 'GumNodeStuck'; node: string; viewNumber: number; sequence: number; waitedMs: number }
  | { type: 'GumRequestDropped'; origin: string; requestNumber: number; reason: 'LockerQueueFull' | 'PendingRequestsFull' }
  | { type: 'GumUpdateRejected'; origin: string; requestNumber: number; reason: string }
  /** A message that could not be used (wrong view, not from the locker, out of order...). */
  | { type: 'GumMessageIgnored'; from: string; messageType: string; reason: string }
  /** This node's copy caught up: by the last update, or by a snapshot from `source`. */
  | { type: 'DatabaseSynchronized'; source: string; via: 'Update' | 'Snapshot'; fromEpoch: number; fromSequence: number; toEpoch: number; toSequence: number }
  /** Partition in time: `node`, which kept running, lacks the newer copy `latestNode` brought back. */
  | { type: 'ClusterDatabaseNotLatest'; node: string; nodeSequence: number; latestNode: string; latestSequence: number }
  /**
   * Partition in time the other way: `node` came back with a copy of a higher sequence, but the
   * running cluster's copy is of a later epoch (it ran on, as after ForceQuorum), so it wins and
   * the returning node's later updates are discarded.
   */
  | { type: 'ClusterDatabaseLatestCopyDiscarded'; node: string; nodeSequence: number; clusterSequence: number; clusterEpoch: number };

export const gumCatalog: Catalog<GumEvent> = {
  GumLockerChanged: {
    level: 'Information',
    component: 'GUM',
    message: (e) => `view ${e.viewNumber}: the GUM locker node is ${e.locker}${e.previous === undefined ? '' : ` (was ${e.previous})`}`,
  },
  GumNodeStuck: {
    level: 'Warning',
    component: 'GUM',
    message: (e) => `node ${e.node} has not answered global update ${e.sequence} for ${e.waitedMs} ms (RequestReplyTimeout); asking membership to remove it`,
  },
  GumRequestDropped: {
    level: 'Warning',
    component: 'GUM',
    message: (e) => `dropped global update request ${e.requestNumber} from ${e.origin}: ${e.reason}`,
  },
  GumUpdateRejected: {
    level: 'Warning',
    component: 'GUM',
    message: (e) => `rejected global update request ${e.requestNumber} from ${e.origin}: ${e.reason}`,
  },
  GumMessageIgnored: {
    level: 'Information',
    component: 'GUM',
    message: (e) => `ignored ${e.messageType} from ${e.from}: ${e.reason}`,
  },
  DatabaseSynchronized: {
    level: 'Information',
    component: 'DM',
    message: (e) => `cluster database synchronized from ${e.source} by ${e.via}: ${e.fromEpoch}:${e.fromSequence} -> ${e.toEpoch}:${e.toSequence}`,
  },
  ClusterDatabaseNotLatest: {
    Id: 1561,
    level: 'Error',
    component: 'DM',
    message: (e) =>
      `Node ${e.node} does not have the latest copy of the cluster configuration data (sequence ${e.nodeSequence}; node ${e.latestNode} has ${e.latestSequence}). It takes the newer copy.`,
  },
  ClusterDatabaseLatestCopyDiscarded: {
    Id: 5398,
    level: 'Error',
    component: 'DM',
    message: (e) =>
      `The latest copy of the cluster configuration data (sequence ${e.nodeSequence} on node ${e.node}) was not in the set of nodes that formed the cluster, which ran on to epoch ${e.clusterEpoch} sequence ${e.clusterSequence}; node ${e.node} takes the cluster's copy.`,
  },
};
