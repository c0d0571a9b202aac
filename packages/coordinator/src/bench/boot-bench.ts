// `pnpm bench boot`: wall time from the command to "all nodes Up" (every node's own view has every
// node Up, read from the event stream) for the default lab (labs/default.yaml: two nodes, the
// directory and the storage target) and smallLabs of 16, 32 and 64 nodes on the threads runtime,
// against the time to spawn as many bare workers that load nothing and post 'ready'; and RSS per
// worker, sampled once all are Up (ready). Each measurement runs in a fresh process (boot-child).
// A lab waits SameSubnetDelay × timeScale for its first heartbeats by design; that share is shown.
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { heartbeatDefaults } from '@wsfc-lab/node-agent';
import type { BootChildRequest, BootChildResult } from './boot-child.js';
import { benchErrors } from './errors.js';
import { ratio } from './stats.js';

export interface BootBenchOptions {
  /** Measure the default lab first. */
  defaultLab: boolean;
  /** smallLab node counts. */
  nodeCounts: number[];
  timeScale: number;
  seed: number;
  deadlineWallMs: number;
}

export const bootDefaults: BootBenchOptions = { defaultLab: true, nodeCounts: [16, 32, 64], timeScale: 0.01, seed: 1, deadlineWallMs: 30_000 };

export interface BootRow {
  lab: 'default' | 'small';
  nodeCount: number;
  workerCount: number;
  result: BootChildResult;
  bare: BootChildResult;
  /** Of the lab's time, the wall ms it waits for the first heartbeat tick by design. */
  firstHeartbeatWallMs: number;
  /** Lab all-Up ÷ bare all-ready (NaN when the lab never got all Up). */
  timeRatio: number;
  /** Lab RSS per worker ÷ bare RSS per worker (NaN when the lab failed to start). */
  rssRatio: number;
}

export interface BootBenchResult {
  benchmark: 'boot';
  options: BootBenchOptions;
  rows: BootRow[];
}

const childPath = fileURLToPath(new URL('./boot-child.js', import.meta.url));

function runChild(request: BootChildRequest): Promise<BootChildResult> {
  const what = `boot measurement (${request.mode}, ${request.lab} lab, ${request.nodeCount} nodes)`;
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [childPath, JSON.stringify(request)], { timeout: request.deadlineWallMs * 2 + 30_000, maxBuffer: 1 << 20 }, (error, stdout, stderr) => {
      if (error) return reject(benchErrors.childFailed(what, typeof error.code === 'number' ? error.code : null, `${error.message}\n${stderr}`));
      const line = stdout.trim().split('\n').pop() ?? '';
      try {
        resolve(JSON.parse(line) as BootChildResult);
      } catch {
        reject(benchErrors.childFailed(what, 0, `unreadable output ${JSON.stringify(line.slice(0, 200))}`));
      }
    });
  });
}

async function measureRow(lab: 'default' | 'small', nodeCount: number, options: BootBenchOptions): Promise<BootRow> {
  const request = { lab, nodeCount, timeScale: options.timeScale, seed: options.seed, deadlineWallMs: options.deadlineWallMs };
  const result = await runChild({ ...request, mode: 'lab' });
  // As many bare workers as the lab started (the default lab has two machines besides its nodes).
  const bare = await runChild({ ...request, nodeCount: result.workerCount, mode: 'bare' });
  return {
    lab,
    nodeCount: result.nodeCount,
    workerCount: result.workerCount,
    result,
    bare,
    firstHeartbeatWallMs: heartbeatDefaults.SameSubnetDelay * options.timeScale,
    timeRatio: result.readyWallMs === null || bare.readyWallMs === null ? Number.NaN : ratio(result.readyWallMs, bare.readyWallMs),
    rssRatio: result.error === null ? ratio(result.rssPerWorkerBytes, bare.rssPerWorkerBytes) : Number.NaN,
  };
}

export async function bootBench(options: BootBenchOptions): Promise<BootBenchResult> {
  const rows: BootRow[] = [];
  if (options.defaultLab) rows.push(await measureRow('default', 2, options));
  for (const nodeCount of options.nodeCounts) rows.push(await measureRow('small', nodeCount, options));
  return { benchmark: 'boot', options, rows };
}
