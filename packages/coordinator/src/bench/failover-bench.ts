// `pnpm bench failover`: how long the default lab's cluster takes to fail its role over when the
// owner's worker is killed, phase by phase (detection, regroup, disk arbitration, online; see
// failover-trial.ts), for several seeds on sim and a few trials on threads at each timeScale, and
// the graceful case (Move-ClusterGroup). Two baselines in the same run: the detection bound
// SameSubnetDelay × SameSubnetThreshold the lab runs with (detection ÷ bound), and the sum of the
// real product's documented timeouts (failover-baselines.ts; total ÷ documented).
import { documentedFailover, type FailoverBaseline } from './failover-baselines.js';
import { runGracefulTrial, type GracefulTrial } from './failover-graceful.js';
import { failoverLab } from './failover-lab.js';
import { runFailoverTrial, type FailoverTrial, type FailoverTrialOptions } from './failover-trial.js';
import { ratio, summarize, type Summary } from './stats.js';

export interface FailoverBenchOptions {
  /** sim: one trial per seed. */
  seeds: number[];
  /** threads: wall ms per simulated ms, one set of trials each. */
  timeScales: number[];
  /** threads: trials per timeScale (seeds 1..trials). */
  trials: number;
  /** Simulated ms between Get-ClusterResource polls. */
  pollMs: number;
  /** threads: the least wall ms to wait for settling and for the failover. */
  graceWallMs: number;
  /** Also measure Move-ClusterGroup (one per sim seed, one per timeScale). */
  graceful: boolean;
}

/** sim: simulated ms between polls after Move-ClusterGroup. */
const gracefulSimPollMs = 1;

export const failoverDefaults: FailoverBenchOptions = {
  seeds: [1, 2, 3, 4, 5],
  timeScales: [0.01, 0.05],
  trials: 3,
  pollMs: 10,
  graceWallMs: 5000,
  graceful: true,
};

/** Phase durations in simulated ms: each from the previous moment; total from the kill. */
export interface FailoverPhases {
  detectionMs: number;
  regroupMs: number;
  arbitrationMs: number;
  onlineMs: number;
  totalMs: number;
}

export function phasesOf(trial: Pick<FailoverTrial, 'detection' | 'regroup' | 'arbitration' | 'online'>): FailoverPhases | null {
  const { detection, regroup, arbitration, online } = trial;
  if (detection === null || regroup === null || arbitration === null || online === null) return null;
  return {
    detectionMs: detection.simMs,
    regroupMs: regroup.simMs - detection.simMs,
    arbitrationMs: arbitration.simMs - regroup.simMs,
    onlineMs: online.simMs - arbitration.simMs,
    totalMs: online.simMs,
  };
}

/** Null when the trial is a clean failover, else why not (STYLE 15). */
export function failoverMisses(trial: FailoverTrial): string | null {
  if (trial.error !== null) return `failed: ${trial.error}`;
  const missing = (['detection', 'regroup', 'arbitration', 'online'] as const).filter((name) => trial[name] === null);
  if (missing.length > 0) return `no ${missing.join(', ')} seen`;
  const phases = phasesOf(trial);
  const backwards = phases && Object.entries(phases).filter(([, ms]) => !(ms >= 0));
  if (backwards && backwards.length > 0) return `phases out of order: ${backwards.map(([name, ms]) => `${name} ${ms.toFixed(1)}`).join(', ')}`;
  if (trial.anomalies.length > 0) return trial.anomalies.join('; ');
  return null;
}

export interface FailoverRow {
  trial: FailoverTrial;
  phases: FailoverPhases | null;
  /** detection ÷ the lab's SameSubnetDelay × SameSubnetThreshold; total ÷ the documented sum. */
  detectionRatio: number;
  totalRatio: number;
  misses: string | null;
}

export interface FailoverSummary {
  label: string;
  trials: number;
  clean: number;
  detectionMs: Summary | null;
  regroupMs: Summary | null;
  arbitrationMs: Summary | null;
  onlineMs: Summary | null;
  totalMs: Summary | null;
  /** threads: wall ms from the kill to the disk shown Online. */
  totalWallMs: Summary | null;
  detectionRatioMean: number;
  totalRatioMean: number;
}

export interface FailoverBenchResult {
  benchmark: 'failover';
  options: FailoverBenchOptions;
  lab: { victim: string; survivor: string; group: string; disk: string; sameSubnetDelayMs: number; sameSubnetThreshold: number; detectionBoundMs: number };
  baseline: FailoverBaseline;
  rows: FailoverRow[];
  summaries: FailoverSummary[];
  graceful: { trial: GracefulTrial; misses: string | null }[];
}

const summaryOf = (values: (number | undefined | null)[]): Summary | null => {
  const present = values.filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
  return present.length === 0 ? null : summarize(present);
};
const mean = (values: number[]): number => {
  const present = values.filter(Number.isFinite);
  return present.length === 0 ? Number.NaN : present.reduce((a, b) => a + b, 0) / present.length;
};

export function summarizeRows(label: string, rows: readonly FailoverRow[]): FailoverSummary {
  const clean = rows.filter((row) => row.misses === null);
  const phase = (name: keyof FailoverPhases) => summaryOf(clean.map((row) => row.phases?.[name]));
  return {
    label,
    trials: rows.length,
    clean: clean.length,
    detectionMs: phase('detectionMs'),
    regroupMs: phase('regroupMs'),
    arbitrationMs: phase('arbitrationMs'),
    onlineMs: phase('onlineMs'),
    totalMs: phase('totalMs'),
    totalWallMs: summaryOf(clean.map((row) => row.trial.online?.wallMs)),
    detectionRatioMean: mean(clean.map((row) => row.detectionRatio)),
    totalRatioMean: mean(clean.map((row) => row.totalRatio)),
  };
}

/** The trials to run: each sim seed, then `trials` per threads timeScale. */
export function trialPlan(options: FailoverBenchOptions): { label: string; trial: Omit<FailoverTrialOptions, 'pollMs' | 'graceWallMs'> }[] {
  const sim = options.seeds.map((seed) => ({ label: 'sim', trial: { runtime: 'sim' as const, seed, timeScale: 1 } }));
  const threads = options.timeScales.flatMap((timeScale) =>
    Array.from({ length: options.trials }, (_, i) => ({ label: `threads ${timeScale}`, trial: { runtime: 'threads' as const, seed: i + 1, timeScale } })),
  );
  return [...sim, ...threads];
}

export async function failoverBench(options: FailoverBenchOptions): Promise<FailoverBenchResult> {
  const lab = failoverLab();
  const detectionBoundMs = lab.sameSubnetDelayMs * lab.sameSubnetThreshold;
  const baseline = documentedFailover();
  const plan = trialPlan(options);
  const labelled: { label: string; row: FailoverRow }[] = [];
  for (const { label, trial: planned } of plan) {
    const trial = await runFailoverTrial({ ...planned, pollMs: options.pollMs, graceWallMs: options.graceWallMs });
    const phases = phasesOf(trial);
    const row = { trial, phases, detectionRatio: ratio(phases?.detectionMs ?? Number.NaN, detectionBoundMs), totalRatio: ratio(phases?.totalMs ?? Number.NaN, baseline.totalMs), misses: failoverMisses(trial) };
    labelled.push({ label, row });
  }
  const labels = [...new Set(plan.map((p) => p.label))];
  const summaries = labels.map((label) => summarizeRows(label, labelled.filter((l) => l.label === label).map((l) => l.row)));
  const graceful: FailoverBenchResult['graceful'] = [];
  if (options.graceful) {
    const gracefulPlan = [...options.seeds.map((seed) => ({ runtime: 'sim' as const, seed, timeScale: 1 })), ...options.timeScales.map((timeScale) => ({ runtime: 'threads' as const, seed: 1, timeScale }))];
    for (const planned of gracefulPlan) {
      // The move takes a few simulated ms when the old owner gives the disk back: poll finely in sim.
      const trial = await runGracefulTrial({ ...planned, pollMs: planned.runtime === 'sim' ? gracefulSimPollMs : options.pollMs, graceWallMs: options.graceWallMs });
      graceful.push({ trial, misses: gracefulMisses(trial) });
    }
  }
  const { victim, survivor, group, disk, sameSubnetDelayMs, sameSubnetThreshold } = lab;
  return { benchmark: 'failover', options, lab: { victim, survivor, group, disk, sameSubnetDelayMs, sameSubnetThreshold, detectionBoundMs }, baseline, rows: labelled.map((l) => l.row), summaries, graceful };
}

/** Null when the move answered ok and the disk came Online on the new node with nothing amiss. */
export function gracefulMisses(trial: GracefulTrial): string | null {
  if (trial.error !== null) return `failed: ${trial.error}`;
  if (trial.reply !== 'ok') return `Move-ClusterGroup: ${trial.reply ?? 'not run'}`;
  if (trial.online === null) return 'the disk was never shown Online after the move';
  if (trial.anomalies.length > 0) return trial.anomalies.join('; ');
  return null;
}
