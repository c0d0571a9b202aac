// The migrations sweep: every (VM count, MaximumParallelMigrations, performance option) trial in
// sim on a Piscina pool (one thread per core: a sim lab is one thread, so trials run side by side),
// biggest first so the pool ends evenly; then a subset again in threads, one at a time, to see how
// far the two runtimes agree. The caller passes a reporter for its progress display; results come
// back in plan order whatever order they finished in.
import { availableParallelism } from 'node:os';
import { Piscina } from 'piscina';
import type { CompressionFigures, MigrationPerformanceOption } from '@wsfc-lab/node-agent';
import { modelEstimate } from './migrations-model.js';
import { runMigrationTrial, type MigrationTrial, type MigrationTrialOptions } from './migrations-trial.js';

const workerUrl = new URL('./migrations-worker.js', import.meta.url);

export interface SweepPlan {
  vmCounts: number[];
  limits: number[];
  options: MigrationPerformanceOption[];
  seed: number;
  compression: CompressionFigures;
}

/** Told after each trial: how many are done of how many, and the trial. */
export type TrialReporter = (done: number, total: number, trial: MigrationTrial) => void;

export function sweepTrials(plan: SweepPlan): MigrationTrialOptions[] {
  return plan.options.flatMap((option) =>
    plan.vmCounts.flatMap((vmCount) => plan.limits.map((limit) => ({ vmCount, limit, option, runtime: 'sim' as const, seed: plan.seed, timeScale: 1, compression: plan.compression }))),
  );
}

/** A trial's expected cost in wall time: its simulated span times the per-event work, which grows with the VMs. */
const costOf = (o: MigrationTrialOptions): number => modelEstimate(o).drainMs * o.vmCount;

/** Runs the trials on `workers` threads, biggest first; results in the order of `trials`. */
export async function runSimTrials(trials: readonly MigrationTrialOptions[], o: { workers?: number; report?: TrialReporter }): Promise<MigrationTrial[]> {
  const workers = Math.max(1, Math.min(o.workers ?? availableParallelism(), trials.length));
  const pool = new Piscina<MigrationTrialOptions, MigrationTrial>({ filename: workerUrl.href, minThreads: workers, maxThreads: workers, maxQueue: trials.length });
  const order = trials.map((trial, index) => ({ trial, index })).sort((a, b) => costOf(b.trial) - costOf(a.trial));
  const results: MigrationTrial[] = new Array<MigrationTrial>(trials.length);
  let done = 0;
  try {
    await Promise.all(
      order.map(async ({ trial, index }) => {
        const result = await pool.run(trial);
        results[index] = result;
        o.report?.(++done, trials.length, result);
      }),
    );
  } finally {
    await pool.destroy();
  }
  return results;
}

/** The threads subset, one trial at a time (each starts a worker per actor already). */
export async function runThreadsTrials(trials: readonly MigrationTrialOptions[], report?: TrialReporter): Promise<MigrationTrial[]> {
  const results: MigrationTrial[] = [];
  for (const trial of trials) {
    const result = await runMigrationTrial(trial);
    results.push(result);
    report?.(results.length, trials.length, result);
  }
  return results;
}
