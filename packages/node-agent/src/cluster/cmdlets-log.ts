// cluster.log on each node (facts §16.2): the node keeps a bounded ring of the lines built from
// the events it emits (cluster-log/: one event, one or more lines in the real format), and
// Get-ClusterLog [-Node] [-TimeSpan <minutes>] [-Destination <dir>] [-UseLocalTime] writes the log
// from that ring into the node's own store under C:\Windows\Cluster\Reports, and prints the file as
// PowerShell lists it (Mode, LastWriteTime, Length, Name). The ring is fed by wrapping the node's io
// (`clusterLogIo`): every `emit` also becomes lines of this node's log, so the log holds what the
// node did, not what the lab saw. A node has only its own ring: a log asked of another node that
// is up is left to that node (a warning says so); a node that is Down is skipped with the real
// cmdlet's warning (cluster-log/get-cluster-log.ts).
import type { ActorIo, LabEvent } from '@wsfc-lab/protocol';
import { appendLine, getClusterLog, linesOfEvent, newClusterLogRing, type ClusterLogFile, type ClusterLogRing, type GetClusterLogRequest, type WallClock } from '../cluster-log/mod.js';
import { fileListing } from '../validation/console.js';
import { namesOf, readCluster, type ClusterCmdlet } from './cmdlet-support.js';
import type { ClusterState } from './types.js';

/** Where a node's ring lives: on its cluster service's state (a field types.ts is asked to declare). */
export interface ClusterLogHolder {
  clusterLog?: ClusterLogRing;
}

/** The lab's default clock when its file gives none: 2026-01-05 00:00 UTC at simulated 0 (lab-defaults.ts). */
const labDefaultClock: WallClock = { labEpochMs: Date.UTC(2026, 0, 5), utcOffsetMinutes: 0 };

/** The wall clock of the log's timestamps and of LastWriteTime: the lab's `startTime` (NodeConfig.clock). */
export function clusterLogClockOf(state: Pick<ClusterState, 'config'>): WallClock {
  return state.config.clock ?? labDefaultClock;
}

/** The store key of the log a node writes: its disk's C:\Windows\Cluster\Reports\<node>_cluster.log. */
export const clusterLogStoreKey = (node: string): string => `Windows/Cluster/Reports/${node}_cluster.log`;

/** Appends the lines of one event this node emitted to its ring (created on first use). */
export function recordEmitted(holder: ClusterLogHolder, o: { node: string; atMs: number; event: LabEvent }): void {
  const ring = (holder.clusterLog ??= newClusterLogRing(o.node));
  // Lines appended so far: orders the lines of events emitted in the same millisecond.
  const seq = ring.size + ring.dropped;
  // The clock only serves expanders (none here): a line keeps its simulated time until it is printed.
  for (const line of linesOfEvent({ atMs: o.atMs, source: o.node, seq, event: o.event }, { clock: labDefaultClock })) appendLine(ring, line);
}

/** Marks an io that already feeds a cluster.log, so that wrapping twice does not log twice. */
const feedsClusterLog = Symbol('feedsClusterLog');

/** The node's io with `emit` also writing this node's cluster.log; everything else passes through. */
export function clusterLogIo<Timer>(holder: ClusterLogHolder, io: ActorIo<Timer>): ActorIo<Timer> {
  if (feedsClusterLog in io) return io;
  const wrapped: ActorIo<Timer> = {
    get self() {
      return io.self;
    },
    get incarnation() {
      return io.incarnation;
    },
    get store() {
      return io.store;
    },
    get blocks() {
      return io.blocks;
    },
    now: () => io.now(),
    random: () => io.random(),
    chance: (numerator, denominator) => io.chance(numerator, denominator),
    newId: () => io.newId(),
    send: (destination, network, message) => io.send(destination, network, message),
    setTimer: (delayMs, timer) => io.setTimer(delayMs, timer),
    cancelTimer: (timerId) => io.cancelTimer(timerId),
    emit: (event) => {
      recordEmitted(holder, { node: io.self, atMs: io.now(), event });
      io.emit(event);
    },
    reply: (requestId, reply) => io.reply(requestId, reply),
    buggify: (site) => io.buggify(site),
    probe: (name) => io.probe(name),
  };
  return Object.defineProperty(wrapped, feedsClusterLog, { value: true });
}

function requestOf(parameters: Readonly<Record<string, unknown>>, nodes: string[] | undefined): GetClusterLogRequest {
  const span = parameters.TimeSpan;
  return {
    ...(nodes === undefined ? {} : { nodes }),
    ...(typeof parameters.Destination === 'string' ? { destination: parameters.Destination } : {}),
    ...(span === undefined || span === null ? {} : { timeSpanMinutes: Number(span) }),
    useLocalTime: parameters.UseLocalTime === true,
  };
}

const keptElsewhere = (node: string): string =>
  `wsfc-lab: the cluster.log of '${node}' is kept on ${node} itself; run Get-ClusterLog -Node ${node} on it (Invoke-Command -ComputerName ${node}).`;

/** What Get-ClusterLog prints: its warnings, then the file written as Get-Item lists it. */
export function renderGetClusterLog(o: { warnings: readonly string[]; file: ClusterLogFile | undefined; writtenAtMs: number; clock: WallClock }): string {
  const lines = o.warnings.map((w) => `WARNING: ${w}`);
  if (o.file) {
    const lengthBytes = new TextEncoder().encode(o.file.text).byteLength;
    lines.push(...fileListing({ path: `${o.file.directory}\\${o.file.fileName}`, lengthBytes, clock: o.clock, writtenAtMs: o.writtenAtMs }));
  }
  return lines.join('\n');
}

export const getClusterLogCmdlet: ClusterCmdlet = (state: ClusterState & ClusterLogHolder, call, host) => {
  const read = readCluster(state, call, host);
  if (!read) return;
  const self = state.config.name;
  const nowMs = host.io.now();
  const clock = clusterLogClockOf(state);
  const ring = state.clusterLog ?? newClusterLogRing(self);
  // This node answers, so its own log can be had whatever its membership state.
  const clusterNodes = read.identity.nodes.map((n) => ({ name: n.name, State: n.name === self ? ('Up' as const) : (state.nodeStates[n.name] ?? 'Down') }));
  const result = getClusterLog(requestOf(call.parameters, namesOf(call, 'Node')), {
    store: { clock, expanders: undefined, rings: new Map([[self.toLowerCase(), ring]]) },
    clusterNodes,
    nowMs,
    localUtcOffsetMinutes: clock.utcOffsetMinutes ?? 0,
  });
  if (!result.ok) return host.io.reply(call.requestId, { ok: false, error: result.error });
  const own = result.value.files.find((f) => f.node === self);
  const warnings = [...result.value.warnings, ...result.value.files.filter((f) => f !== own).map((f) => keptElsewhere(f.node))];
  if (own) host.io.store.put(clusterLogStoreKey(self), own.text);
  host.io.reply(call.requestId, { ok: true, output: renderGetClusterLog({ warnings, file: own, writtenAtMs: nowMs, clock }) });
};
