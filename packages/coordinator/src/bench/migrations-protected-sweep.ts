// The protected-network case of `pnpm bench migrations` (facts §7, seed 002): for each VM count and
// MaximumParallelMigrations, the time to evacuate node01 after the NIC under its VM switch fails,
// in sim on a Piscina pool as the drain sweep runs. Limit 1 is always run: each row's ratio is
// against it, measured in the same run. Detection is spread over up to a minute (each VM's health
// check at its own phase), so a higher limit helps less than in a drain, where every VM is asked to
// move at once: the ratio shows how much.
import { availableParallelism } from 'node:os';
import { Piscina } from 'piscina';
import type { CompressionFigures, MigrationPerformanceOption } from '@wsfc-lab/node-agent';
import { ratio } from './stats.js';
import type { ChartPoint } from './migrations-chart.js';
import { modelEstimate } from './migrations-model.js';
import type { TrialReporter } from './migrations-sweep.js';
import type { ProtectedTrial, ProtectedTrialOptions } from './migrations-protected-trial.js';

const workerUrl = new URL('./migrations-protected-worker.js', import.meta.url);

/** The chart's and the report's name for the case. */
export const protectedCaseName = 'NIC failure';

export interface ProtectedRow {
  trial: ProtectedTrial;
  /** evacuation ÷ the limit-1 evacuation of the same VM count. */
  evacuationVsLimit1: number;
}

export function protectedPlan(o: { vmCounts: number[]; limits: number[]; option: MigrationPerformanceOption; seed: number; compression: CompressionFigures }): ProtectedTrialOptions[] {
  const limits = [...new Set([1, ...o.limits])].sort((a, b) => a - b);
  return o.vmCounts.flatMap((vmCount) => limits.map((limit) => ({ kind: 'protected' as const, vmCount, limit, option: o.option, runtime: 'sim' as const, seed: o.seed, timeScale: 1, compression: o.compression })));
}

/** Runs the trials on `workers` threads, biggest first; results in plan order. */
export async function runProtectedTrials(trials: readonly ProtectedTrialOptions[], o: { workers?: number; report?: (done: number, total: number, trial: ProtectedTrial) => void }): Promise<ProtectedTrial[]> {
  if (trials.length === 0) return [];
  const workers = Math.max(1, Math.min(o.workers ?? availableParallelism(), trials.length));
  const pool = new Piscina<ProtectedTrialOptions, ProtectedTrial>({ filename: workerUrl.href, minThreads: workers, maxThreads: workers, maxQueue: trials.length });
  const cost = (t: ProtectedTrialOptions) => modelEstimate(t).drainMs * t.vmCount;
  const order = trials.map((trial, index) => ({ trial, index })).sort((a, b) => cost(b.trial) - cost(a.trial));
  const results = new Array<ProtectedTrial>(trials.length);
  let done = 0;
  try {
    await Promise.all(
      order.map(async ({ trial, index }) => {
        results[index] = await pool.run(trial);
        o.report?.(++done, trials.length, results[index]);
      }),
    );
  } finally {
    await pool.destroy();
  }
  return results;
}

export function protectedRowsOf(trials: readonly ProtectedTrial[]): ProtectedRow[] {
  return trials.map((trial) => {
    const baseline = trials.find((t) => t.options.vmCount === trial.options.vmCount && t.options.limit === 1);
    return { trial, evacuationVsLimit1: ratio(trial.figures?.drainMs ?? Number.NaN, baseline?.figures?.drainMs ?? Number.NaN) };
  });
}

/** The chart's points of the clean trials: evacuation time as the drain time, in a panel of its own. */
export function protectedChartPoints(rows: readonly ProtectedRow[]): ChartPoint[] {
  return rows
    .filter((row) => row.trial.misses === null && row.trial.figures !== null)
    .map((row) => ({ option: protectedCaseName, vmCount: row.trial.options.vmCount, limit: row.trial.options.limit, drainS: row.trial.figures!.drainMs / 1000, blackoutMs: row.trial.figures!.blackoutMsMean }));
}

/** The progress display's line for a trial. */
export const protectedReporter = (report: TrialReporter | undefined) => (done: number, total: number, trial: ProtectedTrial) =>
  report?.(done, total, { options: { ...trial.options }, figures: trial.figures, reply: 'ok', misses: trial.misses, replyMs: Number.NaN, wallMs: trial.wallMs });
