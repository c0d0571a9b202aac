// The swarm (issue 7 item 3, STYLE 14, 17): many seeds in sim on a Piscina pool, one thread per core,
// each seed its own world; then the determinism self-check runs a sample of the seeds again and
// compares the hashes of their histories, which must be equal byte for byte.
import { availableParallelism } from 'node:os';
import { Piscina } from 'piscina';
import type { SwarmSeedResult, SwarmTask } from './swarm-seed.js';

const workerUrl = new URL('./swarm-worker.js', import.meta.url);

export interface SwarmOptions {
  tasks: readonly SwarmTask[];
  workers?: number;
  /** Seeds run a second time for the determinism check (the first `recheck` of the tasks). */
  recheck: number;
  report?: (result: SwarmSeedResult) => void;
}

export interface SwarmResult {
  results: SwarmSeedResult[];
  /** Seeds whose second run hashed differently: seed, first hash, second hash. */
  nondeterministic: { seed: number; first: string; second: string }[];
  rechecked: number;
  wallMs: number;
}

export async function runSwarm(o: SwarmOptions): Promise<SwarmResult> {
  const startedMs = performance.now();
  const rechecks = o.tasks.slice(0, o.recheck);
  const total = o.tasks.length + rechecks.length;
  const workers = Math.max(1, Math.min(o.workers ?? availableParallelism(), total));
  const pool = new Piscina<SwarmTask, SwarmSeedResult>({ filename: workerUrl.href, minThreads: workers, maxThreads: workers, maxQueue: total });
  try {
    const results = await Promise.all(
      o.tasks.map(async (task) => {
        const result = await pool.run(task);
        o.report?.(result);
        return result;
      }),
    );
    const again = await Promise.all(rechecks.map((task) => pool.run(task)));
    const nondeterministic = again.flatMap((second, i) => {
      const first = results[i]!;
      return first.historyHash === second.historyHash ? [] : [{ seed: first.seed, first: first.historyHash, second: second.historyHash }];
    });
    return { results, nondeterministic, rechecked: again.length, wallMs: performance.now() - startedMs };
  } finally {
    await pool.destroy();
  }
}
