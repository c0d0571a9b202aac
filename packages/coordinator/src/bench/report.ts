// Turns each benchmark's result into the lines it prints: the options used, a table of figures,
// and the ratios against the baseline measured in the same run.
import type { BootBenchResult } from './boot-bench.js';
import type { DetectBenchResult, ThreadsDetectRow } from './detect-bench.js';
import type { DetectTrial } from './detect-trial.js';
import type { FabricBenchResult, FabricPath } from './fabric-bench.js';
import { formatTable, num } from './table.js';

export const optionsLine = (name: string, options: object): string =>
  `${name}: ${Object.entries(options).map(([key, value]) => `${key}=${Array.isArray(value) ? value.join(',') : String(value)}`).join(' ')}`;

const mb = (bytes: number) => num(bytes / (1024 * 1024), 1);

export function fabricReport(result: FabricBenchResult): string[] {
  const paths: FabricPath[] = ['raw', 'direct', 'relay'];
  const table = formatTable(
    ['path', 'frames/s (median)', 'frames/s per repeat', 'RTT mean ms', 'RTT p50 ms', 'RTT p99 ms'],
    paths.map((path) => {
      const f = result.figures[path];
      return [path, num(f.framesPerSecond), f.framesPerSecondByRepeat.map((v) => num(v)).join(' '), num(f.rttMs.mean, 3), num(f.rttMs.p50, 3), num(f.rttMs.p99, 3)];
    }),
  );
  const verdict = (transport: 'direct' | 'relay') => {
    const r = result.ratios[transport];
    const meets = r.throughput >= result.goalThroughputRatio ? 'meets' : 'misses';
    return `  ${transport.padEnd(6)}  throughput ${num(r.throughput, 2)} (${meets} the goal >= ${result.goalThroughputRatio})   RTT mean ${num(r.rttMean, 2)}x raw`;
  };
  return [
    optionsLine('fabric', result.options),
    `heartbeat frame ${result.frameSizeBytes} bytes; lab network latencyMs 0 at 10 Gbps; requests and responses both counted; raw = two bare workers, msgpack over a MessageChannel`,
    ...table,
    'ratio lab / raw:',
    verdict('direct'),
    verdict('relay'),
    `winner: ${result.winner} (${num(result.figures[result.winner].framesPerSecond)} frames/s)`,
  ];
}

export function bootReport(result: BootBenchResult): string[] {
  const table = formatTable(
    ['lab', 'workers', 'lab loaded ms', 'Up (stamped) ms', 'Up (seen) ms', 'bare ready ms', 'Up ÷ bare', 'RSS/worker lab MB', 'RSS/worker bare MB', 'RSS ratio'],
    result.rows.map((row) => [
      row.lab === 'default' ? 'default (2 nodes)' : `${row.nodeCount} nodes`,
      String(row.workerCount),
      num(row.result.loadedWallMs),
      num(row.result.stampedReadyWallMs),
      num(row.result.readyWallMs),
      num(row.bare.readyWallMs),
      num(row.timeRatio, 1),
      row.result.error === null ? mb(row.result.rssPerWorkerBytes) : 'n/a',
      mb(row.bare.rssPerWorkerBytes),
      num(row.rssRatio, 1),
    ]),
  );
  const waitMs = result.rows[0]?.firstHeartbeatWallMs ?? 0;
  return [
    optionsLine('boot', result.options),
    `threads runtime; default = labs/default.yaml (2 nodes, dc01, host), n nodes = smallLab (2 networks); bare = as many workers as the lab; each measurement in a fresh process; the lab waits SameSubnetDelay x timeScale = ${num(waitMs)} ms for its first heartbeats by design`,
    'loaded = start() resolved (workers spawned, modules loaded, actors started); stamped = by the nodes\' own clocks; seen = when the lab heard of it',
    ...table,
    ...result.rows
      .filter((row) => row.result.readyWallMs === null)
      .map((row) => `${row.lab === 'default' ? 'default lab' : `${row.nodeCount} nodes`}: ${row.result.error === null ? `not all Up within ${num(result.options.deadlineWallMs)} ms` : `the lab failed to start: ${row.result.error}`}`),
  ];
}

const trialCells = (trial: DetectTrial, misses: string | null) => [
  trial.timeScale === null ? 'sim' : String(trial.timeScale),
  num(trial.offeredFramesPerSecond),
  `${trial.detected}/${trial.survivors}`,
  num(trial.ratioMin, 3),
  num(trial.ratioMean, 3),
  num(trial.ratioMax, 3),
  String(trial.falseRemovals),
  num(trial.simSpeed, 2),
  num(trial.wallMs / 1000, 1),
  misses ?? 'meets',
];

const trialHeaders = ['timeScale', 'offered frames/s', 'detected', 'ratio min', 'ratio mean', 'ratio max', 'false 1135', 'sim ms/wall ms', 'wall s', 'goal'];

function searchLines(row: ThreadsDetectRow): string[] {
  if (row.requestedMisses === null) return [`${row.nodeCount} nodes: meets the goal at the requested timeScale ${row.requested.timeScale}`];
  const smallest = row.smallestMeeting === null ? 'none found' : String(row.smallestMeeting);
  const missing = row.largestMissing === null ? '' : `; misses at ${row.largestMissing}`;
  const line = `${row.nodeCount} nodes: smallest timeScale meeting the goal: ${smallest}${missing} (${row.searchNote})`;
  if (!row.searchNote.startsWith('stopped by the wall budget')) return [line];
  return [line, `  to search on: pnpm bench detect --nodes ${row.nodeCount} --sim-nodes none --budget-s 600`];
}

const early = (result: DetectBenchResult) =>
  [...result.sim.map((s) => s.trial), ...result.threads.flatMap((row) => [row.requested, ...row.search.map((s) => s.trial)])].some((trial) => trial.ratioMin < 1);

export function detectReport(result: DetectBenchResult): string[] {
  const threadsRows = result.threads.flatMap((row) => [
    [String(row.nodeCount), ...trialCells(row.requested, row.requestedMisses)],
    ...row.search.map(({ trial, misses }) => [`${row.nodeCount} (search)`, ...trialCells(trial, misses)]),
  ]);
  const simRows = result.sim.map(({ trial, misses }) => [String(trial.nodeCount), ...trialCells(trial, misses)]);
  const sim16 = result.sim.find(({ trial }) => trial.nodeCount === 16)?.trial;
  return [
    optionsLine('detect', result.options),
    `ratio = (survivor's 1135 atMs - kill) / (SameSubnetDelay x SameSubnetThreshold = ${result.boundMs} ms); goal: max <= ${result.goalRatioMax}; expected 1.0-1.1 when the lab keeps up`,
    'offered = heartbeat requests + responses, 2·n·(n-1)·networks per SameSubnetDelay, per wall second (sim: per simulated second)',
    'threads:',
    ...formatTable(['nodes', ...trialHeaders], threadsRows),
    ...result.threads.flatMap(searchLines),
    'sim:',
    ...formatTable(['nodes', ...trialHeaders], simRows),
    ...(sim16 ? [`sim speed at 16 nodes: ${num(sim16.simSpeed, 1)} simulated ms per wall ms`] : []),
    ...(early(result) ? ['note: a ratio under 1.0 is a removal before Threshold heartbeat periods of silence: the heartbeat period ran short'] : []),
  ];
}
