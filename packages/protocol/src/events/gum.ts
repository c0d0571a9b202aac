// What the Global Update Manager reports (STYLE 20). GUM lines go to cluster.log under the
// components GUM and DM (the Database Manager), as in the real cluster.log (facts §16.2). The
// partition-in-time event carries the System-log ID of the product (facts §2.3, §16.1): 1561, the
// running nodes lack the latest copy of the configuration. Its form-time twin, 5398 (the latest
// copy is not in the set of nodes starting), belongs to the quorum layer, which decides whether a
// set may form; it can compare persisted copies with `compareCopies`.
// Merge `GumEvent` into protocol's LabEvent union and `gumCatalog` into its catalog.
import type { Catalog } from './catalog.js';

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
  /**
   * Partition in time: `latestNode` came back with a copy of a higher sequence than the copy of
   * the running cluster, whose locker `node` reports it. The running cluster's copy stays.
   */
  | { type: 'ClusterDatabaseNotLatest'; node: string; nodeSequence: number; latestNode: string; latestSequence: number };

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
      `The running cluster does not have the latest copy of the cluster configuration data: node ${e.latestNode} returned with sequence ${e.latestSequence}, the cluster (locker ${e.node}) is at ${e.nodeSequence}. The cluster formed without the latest copy (partition in time); its copy is kept and the later updates of ${e.latestNode} are discarded.`,
  },
};
