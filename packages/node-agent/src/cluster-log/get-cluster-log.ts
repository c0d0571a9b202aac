// Get-ClusterLog as a pure function (facts §16.2, PS-FC:get-clusterlog): which nodes, which lines,
// which file names. Each node's log is its own ring; -Node picks nodes (default: every node of the
// cluster), -TimeSpan keeps the last N minutes, -UseLocalTime prints local time instead of UTC, and
// -Destination gathers the files in one folder as `<node>_cluster.log`. Without -Destination each
// node writes `Cluster.log` under C:\Windows\Cluster\Reports on itself. The coordinator writes the
// files; this only says what they contain. A node that is Down cannot be asked for its log (the
// real cmdlet reaches each node through its Cluster service), so it is skipped with a warning.
import type { CmdletError, NodeState } from '@wsfc-lab/protocol';
import { linesOf, ringOf, type ClusterLogStore } from './buffer.js';
import { clusterLogLimits } from './limits.js';
import { formatClusterLogLine } from './line.js';

export interface GetClusterLogRequest {
  /** -Node; absent: every node of the cluster. */
  nodes?: readonly string[];
  /** -Destination: a folder to gather the logs in. */
  destination?: string;
  /** -TimeSpan, in minutes back from now. */
  timeSpanMinutes?: number;
  /** -UseLocalTime. */
  useLocalTime?: boolean;
}

export interface GetClusterLogContext {
  store: ClusterLogStore;
  clusterNodes: readonly { name: string; State: NodeState }[];
  nowMs: number;
  /** The nodes' local time zone, in minutes east of UTC (used by -UseLocalTime). */
  localUtcOffsetMinutes: number;
}

export interface ClusterLogFile {
  node: string;
  directory: string;
  fileName: string;
  path: string;
  text: string;
  lineCount: number;
  /** Lines the ring had already overwritten (older than the oldest line in the file). */
  droppedLines: number;
}

export type GetClusterLogResult = { ok: true; value: { files: ClusterLogFile[]; warnings: string[] } } | { ok: false; error: CmdletError };

export const clusterReportsDirectory = 'C:\\Windows\\Cluster\\Reports';

const nodeNotFound = (node: string): CmdletError => ({
  category: 'ObjectNotFound',
  errorId: 'ClusterNodeNotFound,Microsoft.FailoverClusters.PowerShell.GetClusterLogCommand',
  message: `Get-ClusterLog : The cluster node '${node}' was not found.`,
});

const badTimeSpan = (value: number): CmdletError => ({
  category: 'InvalidArgument',
  errorId: 'ParameterArgumentValidationError,Microsoft.FailoverClusters.PowerShell.GetClusterLogCommand',
  message: `Get-ClusterLog : Cannot validate argument on parameter 'TimeSpan'. The value ${value} is not a whole number of minutes from 1 to ${clusterLogLimits.timeSpanMinutesMax}.`,
});

function selectNodes(request: GetClusterLogRequest, context: GetClusterLogContext): { ok: true; nodes: { name: string; State: NodeState }[] } | { ok: false; error: CmdletError } {
  if (request.nodes === undefined) return { ok: true, nodes: [...context.clusterNodes] };
  const nodes: { name: string; State: NodeState }[] = [];
  for (const wanted of request.nodes) {
    const node = context.clusterNodes.find((n) => n.name.toLowerCase() === wanted.toLowerCase());
    if (!node) return { ok: false, error: nodeNotFound(wanted) };
    if (!nodes.includes(node)) nodes.push(node);
  }
  return { ok: true, nodes };
}

function fileOf(node: string, request: GetClusterLogRequest): { directory: string; fileName: string; path: string } {
  if (request.destination === undefined) {
    return { directory: clusterReportsDirectory, fileName: 'Cluster.log', path: `\\\\${node}\\C$\\Windows\\Cluster\\Reports\\Cluster.log` };
  }
  const directory = request.destination.replace(/[\\/]+$/, '') || request.destination;
  const fileName = `${node}_cluster.log`;
  return { directory, fileName, path: `${directory}\\${fileName}` };
}

function logText(node: string, request: GetClusterLogRequest, context: GetClusterLogContext): { text: string; lineCount: number; droppedLines: number } {
  const ring = ringOf(context.store, node);
  if (!ring) return { text: '', lineCount: 0, droppedLines: 0 };
  const fromMs = request.timeSpanMinutes === undefined ? -Infinity : context.nowMs - request.timeSpanMinutes * 60_000;
  const clock = { labEpochMs: context.store.clock.labEpochMs, utcOffsetMinutes: request.useLocalTime ? context.localUtcOffsetMinutes : 0 };
  const lines = linesOf(ring).filter((line) => line.atMs >= fromMs && line.atMs <= context.nowMs);
  const text = lines.map((line) => `${formatClusterLogLine({ node: ring.node, line, clock })}\n`).join('');
  return { text, lineCount: lines.length, droppedLines: ring.dropped };
}

export function getClusterLog(request: GetClusterLogRequest, context: GetClusterLogContext): GetClusterLogResult {
  const span = request.timeSpanMinutes;
  if (span !== undefined && !(Number.isInteger(span) && span >= 1 && span <= clusterLogLimits.timeSpanMinutesMax)) return { ok: false, error: badTimeSpan(span) };
  const selected = selectNodes(request, context);
  if (!selected.ok) return selected;
  const files: ClusterLogFile[] = [];
  const warnings: string[] = [];
  for (const node of selected.nodes) {
    if (node.State === 'Down') {
      warnings.push(`Unable to generate the cluster log on node '${node.name}': the node is Down, so its Cluster service cannot be reached.`);
      continue;
    }
    files.push({ node: node.name, ...fileOf(node.name, request), ...logText(node.name, request, context) });
  }
  return { ok: true, value: { files, warnings } };
}
