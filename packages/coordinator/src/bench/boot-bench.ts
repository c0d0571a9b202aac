// `pnpm bench boot`: wall time from the command to "all nodes Up" (every node's own view has every
// node Up, read from the event stream) for labs of 2, 16, 32 and 64 nodes on the threads runtime,
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
  nodeCounts: number[];
  timeScale: number;
  seed: number;
  deadlineWallMs: number;
}

export const bootDefaults: BootBenchOptions = { nodeCounts: [2, 16, 32, 64], timeScale: 0.01, seed: 1, deadlineWallMs: 30_000 };

export interface BootRow {
  nodeCount: number;
  lab: BootChildResult;
  bare: BootChildResult;
  /** Of the lab's time, the wall ms it waits for the first heartbeat tick by design. */
  firstHeartbeatWallMs: number;
  /** Lab all-Up ÷ bare all-ready (NaN when the lab never got all Up). */
  timeRatio: number;
  /** Lab RSS per worker ÷ bare RSS per worker. */
  rssRatio: number;
}

export interface BootBenchResult {
  benchmark: 'boot';
  options: BootBenchOptions;
  rows: BootRow[];
}

const childPath = fileURLToPath(new URL('./boot-child.js', import.meta.url));

function runChild(request: BootChildRequest): Promise<BootChildResult> {
  const what = `boot measurement (${request.mode}, ${request.nodeCount} nodes)`;
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

export async function bootBench(options: BootBenchOptions): Promise<BootBenchResult> {
  const rows: BootRow[] = [];
  for (const nodeCount of options.nodeCounts) {
    const request = { nodeCount, timeScale: options.timeScale, seed: options.seed, deadlineWallMs: options.deadlineWallMs };
    const bare = await runChild({ ...request, mode: 'bare' });
    const lab = await runChild({ ...request, mode: 'lab' });
    rows.push({
      nodeCount,
      lab,
      bare,
      firstHeartbeatWallMs: heartbeatDefaults.SameSubnetDelay * options.timeScale,
      timeRatio: lab.readyWallMs === null || bare.readyWallMs === null ? Number.NaN : ratio(lab.readyWallMs, bare.readyWallMs),
      rssRatio: ratio(lab.rssPerWorkerBytes, bare.rssPerWorkerBytes),
    });
  }
  return { benchmark: 'boot', options, rows };
}
