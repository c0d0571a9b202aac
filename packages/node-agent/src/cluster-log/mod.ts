// Per-node cluster.log: the real line format, a bounded ring per node, Get-ClusterLog, and the
// route-history dump (facts §16.2).
export { clusterLogLimits } from './limits.js';
export { checkWallClock, formatLogTimestamp, wallTimeOf, type WallClock, type WallTime } from './wall-clock.js';
export { fnv1a32, hex8, pseudoProcessId, pseudoThreadId } from './ids.js';
export { clusterLogLinePattern, formatClusterLogLine, linesOfEvent, type ClusterLogExpanders, type ClusterLogLine, type ExpansionContext } from './line.js';
export {
  appendLine,
  linesOf,
  newClusterLogRing,
  newClusterLogStore,
  recordHistoryEntry,
  ringOf,
  type ClusterLogRing,
  type ClusterLogStore,
} from './buffer.js';
export { clusterReportsDirectory, getClusterLog, type ClusterLogFile, type GetClusterLogContext, type GetClusterLogRequest, type GetClusterLogResult } from './get-cluster-log.js';
export { routeHistoryDumpLines, type RouteHistoryDump } from './route-history.js';
