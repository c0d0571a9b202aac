// Bounds of the per-node cluster.log ring (STYLE 7). The real log is a circular file of
// ClusterLogSize MB per node (default 300 MB, facts §16.2); held in memory for 64 nodes that would
// be far too much, so the lab keeps a fixed number of lines per node and drops the oldest, as the
// circular file does. These belong in protocol's `subsystemLimits` (as `clusterLog`); until they are
// moved there they live here.
import { assert, limits } from '@wsfc-lab/protocol';

export const clusterLogLimits = {
  /** Lines kept per node; the oldest go first. About 20 MB of text per node at 200 bytes a line. */
  linesPerNodeMax: 100_000,
  /** Characters of one message; longer ones are cut and end with "…". */
  messageCharsMax: 4096,
  /** Lines one event may expand to (a route-history dump is one line per entry). */
  linesPerEventMax: limits.routeHistoryLengthMax + 2,
  /** Nodes one store keeps a log for. */
  nodesMax: limits.nodesMax,
  /** Largest -TimeSpan accepted, in minutes (UInt32 in the real cmdlet; a year is plenty). */
  timeSpanMinutesMax: 366 * 24 * 60,
} as const;

assert(clusterLogLimits.linesPerNodeMax >= 1000, 'a cluster.log must hold at least a regroup worth of lines');
assert(clusterLogLimits.linesPerEventMax > limits.routeHistoryLengthMax, 'a route-history dump must fit in one event');
