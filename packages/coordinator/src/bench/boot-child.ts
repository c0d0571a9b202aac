// One boot measurement in a fresh process, so its RSS delta and its timing see no other run's
// workers, heap or warm JIT. Run as `node boot-child.js '<BootChildRequest as JSON>'`; prints one
// line of BootChildResult JSON. `lab`: the default lab, or a smallLab of nodeCount nodes, on the
// threads runtime, timed from the command to "every node's own view has every node Up". `bare`:
// as many workers that load nothing and post 'ready', timed until all have. Only types may be imported from this file.
import { Worker } from 'node:worker_threads';
import { defaultLab } from '../config/default-lab.js';
import { buildLab } from '../lab/build-lab.js';
import { ThreadsRuntime } from '../runtime/threads/threads-runtime.js';
import { smallLab } from '../testing/small-lab.js';
import { benchErrors } from './errors.js';
import { allSeeAllUp, benchDataDirectory, wallNowMs, watchCluster } from './lab-helpers.js';

export interface BootChildRequest {
  mode: 'lab' | 'bare';
  /** `default`: the embedded default lab (labs/default.yaml); `small`: smallLab of nodeCount nodes. */
  lab: 'default' | 'small';
  /** small: cluster nodes; bare: workers to spawn. */
  nodeCount: number;
  timeScale: number;
  seed: number;
  /** Give up waiting for all Up after this many wall ms. */
  deadlineWallMs: number;
}

export interface BootChildResult {
  mode: 'lab' | 'bare';
  nodeCount: number;
  /** Workers started: one per actor (the default lab also has its directory and storage target). */
  workerCount: number;
  /** Wall ms from the command until every worker had loaded (lab: start() resolved). */
  loadedWallMs: number;
  /** Wall ms from the command until all nodes were Up (bare: until all were ready); null if never. */
  readyWallMs: number | null;
  /**
   * lab: wall ms from the command until the last node became Up by the nodes' own clocks (the
   * events' atMs); the rest of readyWallMs is the lab's lag in hearing about it. bare: readyWallMs.
   */
  stampedReadyWallMs: number | null;
  rssDeltaBytes: number;
  rssPerWorkerBytes: number;
  /** Why the lab did not start (a worker died while starting), or null. */
  error: string | null;
}

const readyWorkerUrl = new URL('./ready-worker.js', import.meta.url);

async function bootBare(request: BootChildRequest): Promise<BootChildResult> {
  const rssBeforeBytes = process.memoryUsage().rss;
  const startedAtMs = wallNowMs();
  const workers = Array.from({ length: request.nodeCount }, () => new Worker(readyWorkerUrl));
  await Promise.all(
    workers.map((worker, i) => new Promise<void>((resolve, reject) => {
      worker.once('message', () => resolve());
      worker.once('exit', (code) => reject(benchErrors.workerExited(`bare worker ${i}`, code)));
    })),
  );
  const readyWallMs = wallNowMs() - startedAtMs;
  const rssDeltaBytes = process.memoryUsage().rss - rssBeforeBytes;
  await Promise.all(workers.map((worker) => worker.terminate()));
  return { mode: 'bare', nodeCount: request.nodeCount, workerCount: request.nodeCount, loadedWallMs: readyWallMs, readyWallMs, stampedReadyWallMs: readyWallMs, rssDeltaBytes, rssPerWorkerBytes: rssDeltaBytes / request.nodeCount, error: null };
}

async function bootLab(request: BootChildRequest): Promise<BootChildResult> {
  const rssBeforeBytes = process.memoryUsage().rss;
  const startedAtMs = wallNowMs();
  const lab = request.lab === 'default' ? buildLab(defaultLab()) : smallLab({ nodeCount: request.nodeCount });
  const runtime = new ThreadsRuntime({ actors: lab.actors, fabric: lab.fabric, seed: request.seed, timeScale: request.timeScale, dataDirectory: benchDataDirectory() });
  const view = watchCluster(runtime, lab.nodes);
  const common = { mode: 'lab' as const, nodeCount: lab.nodes.length, workerCount: lab.actors.length };
  try {
    await runtime.start();
  } catch (error) {
    await runtime.stop();
    const loadedWallMs = wallNowMs() - startedAtMs;
    return { ...common, loadedWallMs, readyWallMs: null, stampedReadyWallMs: null, rssDeltaBytes: 0, rssPerWorkerBytes: 0, error: (error as Error).message };
  }
  try {
    const loadedWallMs = wallNowMs() - startedAtMs;
    const epochWallMs = loadedWallMs - runtime.nowMs() * request.timeScale;
    const allUp = await runtime.runUntil(allSeeAllUp(view, lab.nodes), runtime.nowMs() + request.deadlineWallMs / request.timeScale);
    const readyWallMs = allUp ? wallNowMs() - startedAtMs : null;
    const stampedReadyWallMs = allUp ? epochWallMs + runtime.heldAtMs() * request.timeScale : null;
    const rssDeltaBytes = process.memoryUsage().rss - rssBeforeBytes;
    return { ...common, loadedWallMs, readyWallMs, stampedReadyWallMs, rssDeltaBytes, rssPerWorkerBytes: rssDeltaBytes / common.workerCount, error: null };
  } finally {
    await runtime.stop();
  }
}

const request = JSON.parse(process.argv[2] ?? '{}') as BootChildRequest;
const result = request.mode === 'lab' ? await bootLab(request) : await bootBare(request);
process.stdout.write(`${JSON.stringify(result)}\n`);
