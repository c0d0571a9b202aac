// `pnpm bench migrations`: how long draining a node takes, and what its VMs' blackouts and bytes
// are, as the cluster's MaximumParallelMigrations goes from 1 to 8, for 8 to 64 VMs and each
// VirtualMachineMigrationPerformanceOption (facts §6.1, §6.3), in sim; then a subset in threads.
// Baselines in the same run: limit 1 for the same VMs and option (drain ÷ limit-1 drain), and the
// node's own pre-copy model (migrations-model.ts; sim drain ÷ model drain).
import { defaultCompressionFigures, type CompressionFigures, type MigrationPerformanceOption } from '@wsfc-lab/node-agent';
import { labCompression } from '../lab/compression.js';
import { wallNowMs } from './lab-helpers.js';
import { migrationsLab } from './migrations-lab.js';
import { modelEstimate, type ModelEstimate } from './migrations-model.js';
import { withProgress } from './migrations-progress.js';
import { runSimTrials, runThreadsTrials, sweepTrials } from './migrations-sweep.js';
import { hostMigrationsMax, type MigrationTrial, type MigrationTrialOptions } from './migrations-trial.js';
import { ratio } from './stats.js';
import { protectedPlan, protectedReporter, protectedRowsOf, runProtectedTrials, type ProtectedRow } from './migrations-protected-sweep.js';
import type { ProtectedTrial } from './migrations-protected-trial.js';

export interface MigrationsBenchOptions {
  vmCounts: number[];
  limits: number[];
  options: MigrationPerformanceOption[];
  seed: number;
  /** Pool threads for the sim trials (default: one per core). */
  workers: number;
  /** Re-run a subset in threads. */
  threads: boolean;
  threadsVmCount: number;
  threadsLimits: number[];
  threadsOption: MigrationPerformanceOption;
  timeScale: number;
  /** Show listr2's progress display. */
  progress: boolean;
  /** Also run the protected-network case (a NIC failure instead of a drain) for the same VM counts and limits, with `threadsOption`. */
  protected: boolean;
}

export const migrationsDefaults: MigrationsBenchOptions = {
  vmCounts: [8, 16, 32, 64],
  limits: [1, 2, 3, 4, 5, 6, 7, 8],
  options: ['TCPIP', 'Compression', 'SMB'],
  seed: 1,
  workers: 0,
  threads: true,
  threadsVmCount: 8,
  threadsLimits: [1, 2, 4],
  threadsOption: 'Compression',
  // 0.01 makes each wall-ms hop between workers 100 simulated ms: blackouts (which include the
  // cluster's hand-over) read 12-32x sim's and drains 1.4-1.9x; at 0.05 drains agree within ~5 %.
  timeScale: 0.05,
  progress: true,
  protected: true,
};

/** --quick: a small sweep that still shows the shape. */
export const migrationsQuick: Pick<MigrationsBenchOptions, 'vmCounts' | 'limits' | 'threadsLimits'> = { vmCounts: [4, 8], limits: [1, 2, 4], threadsLimits: [1, 4] };

export interface MigrationsRow {
  trial: MigrationTrial;
  model: ModelEstimate;
  /** drain ÷ the limit-1 drain of the same VMs and option. */
  drainVsLimit1: number;
  /** sim drain ÷ the model's drain. */
  drainVsModel: number;
}

export interface AgreementRow {
  vmCount: number;
  limit: number;
  option: MigrationPerformanceOption;
  sim: MigrationTrial;
  threads: MigrationTrial;
  /** threads ÷ sim. */
  drainRatio: number;
  blackoutRatio: number;
}

export interface MigrationsBenchResult {
  benchmark: 'migrations';
  options: MigrationsBenchOptions;
  compression: CompressionFigures;
  hostMigrationsMax: number;
  rows: MigrationsRow[];
  agreement: AgreementRow[];
  simWallMs: number;
  threadsWallMs: number;
  /** The protected-network case (migrations-protected-sweep.ts), when run. */
  protected?: ProtectedRow[];
}

const sameConfig = (a: MigrationTrialOptions, b: Pick<MigrationTrialOptions, 'vmCount' | 'limit' | 'option'>) => a.vmCount === b.vmCount && a.limit === b.limit && a.option === b.option;

export function rowsOf(trials: readonly MigrationTrial[]): MigrationsRow[] {
  return trials.map((trial) => {
    const o = trial.options;
    const baseline = trials.find((t) => sameConfig(t.options, { ...o, limit: 1 }));
    const model = modelEstimate(o);
    const drainMs = trial.figures?.drainMs ?? Number.NaN;
    return { trial, model, drainVsLimit1: ratio(drainMs, baseline?.figures?.drainMs ?? Number.NaN), drainVsModel: ratio(drainMs, model.drainMs) };
  });
}

export function agreementOf(sim: readonly MigrationTrial[], threads: readonly MigrationTrial[]): AgreementRow[] {
  return threads.flatMap((t) => {
    const s = sim.find((x) => sameConfig(x.options, t.options));
    if (!s) return [];
    const { vmCount, limit, option } = t.options;
    const drainRatio = ratio(t.figures?.drainMs ?? Number.NaN, s.figures?.drainMs ?? Number.NaN);
    const blackoutRatio = ratio(t.figures?.blackoutMsMean ?? Number.NaN, s.figures?.blackoutMsMean ?? Number.NaN);
    return [{ vmCount, limit, option, sim: s, threads: t, drainRatio, blackoutRatio }];
  });
}

/** Compression as the lab measures it for sim (ratio measured, speed the nodes' fixed default); both runtimes use it, so they run the same model. */
async function sweepCompression(): Promise<CompressionFigures> {
  return (await labCompression(migrationsLab({ vmCount: 1, limit: 1 }), 'sim')) ?? defaultCompressionFigures;
}

export async function migrationsBench(options: MigrationsBenchOptions): Promise<MigrationsBenchResult> {
  const compression = await sweepCompression();
  const plan = sweepTrials({ vmCounts: options.vmCounts, limits: [...new Set([1, ...options.limits])].sort((a, b) => a - b), options: options.options, seed: options.seed, compression });
  const threadsPlan: MigrationTrialOptions[] = options.threads
    ? options.threadsLimits.map((limit) => ({ vmCount: options.threadsVmCount, limit, option: options.threadsOption, runtime: 'threads', seed: options.seed, timeScale: options.timeScale, compression }))
    : [];
  // The subset's sim twins, when the sweep does not already hold them.
  const twins = threadsPlan.filter((t) => !plan.some((p) => sameConfig(p, t))).map((t): MigrationTrialOptions => ({ ...t, runtime: 'sim', timeScale: 1 }));
  let simTrials: MigrationTrial[] = [];
  let threadsTrials: MigrationTrial[] = [];
  let simWallMs = 0;
  let threadsWallMs = 0;
  const protectedTrials = options.protected ? protectedPlan({ vmCounts: options.vmCounts, limits: options.limits, option: options.threadsOption, seed: options.seed, compression }) : [];
  let protectedDone: ProtectedTrial[] = [];
  await withProgress(options.progress, [
    {
      title: `sim: ${plan.length + twins.length} trials on ${options.workers || 'one per core'} threads`,
      run: async (report) => {
        const startedMs = wallNowMs();
        simTrials = await runSimTrials([...plan, ...twins], { ...(options.workers > 0 ? { workers: options.workers } : {}), report });
        simWallMs = wallNowMs() - startedMs;
      },
    },
    {
      title: `protected network: ${protectedTrials.length} NIC-failure trials in sim`,
      run: async (report) => {
        protectedDone = await runProtectedTrials(protectedTrials, { ...(options.workers > 0 ? { workers: options.workers } : {}), report: protectedReporter(report) });
      },
    },
    {
      title: `threads: ${threadsPlan.length} trials at timeScale ${options.timeScale}`,
      run: async (report) => {
        const startedMs = wallNowMs();
        threadsTrials = await runThreadsTrials(threadsPlan, report);
        threadsWallMs = wallNowMs() - startedMs;
      },
    },
  ]);
  const swept = simTrials.slice(0, plan.length);
  return { benchmark: 'migrations', options, compression, hostMigrationsMax, rows: rowsOf(swept), agreement: agreementOf(simTrials, threadsTrials), simWallMs, threadsWallMs, protected: protectedRowsOf(protectedDone) };
}
