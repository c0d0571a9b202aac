// One failover trial on the default lab: start it, poll `Get-ClusterResource` on the survivor until
// every resource is Online on the victim (the cluster has settled), wait a seeded phase of one
// heartbeat period (so the kill lands anywhere in it), kill the victim's worker, and take from the
// kill to four moments of the survivor's failover:
//   detection    its PeerUnreachable for the victim (all routes down after Threshold missed heartbeats)
//   regroup      its RegroupViewInstalled without the victim (event 1135 follows; the witness is won)
//   arbitration  its DiskArbitrationEnded Won for the role's disk (it holds the disk at the target)
//   online       Get-ClusterResource on it shows the disk Online with OwnerNode itself
// and, after it, every resource Online on the survivor. Simulated ms are the actors' own stamps; in
// threads the wall ms from the kill to when the lab saw each moment are kept as well.
import { Prng } from '@wsfc-lab/protocol';
import type { Runtime, RuntimeName } from '../runtime/runtime.js';
import { allOnlineOn, failoverLab, failoverRuntime, idle, onlineOn, type FailoverLab, type ResourceRow } from './failover-lab.js';
import { describeRows, pollResources, type PollHit } from './failover-poll.js';
import { FailoverWatch, type Moment } from './failover-watch.js';
import { BenchError } from './errors.js';
import { historyExcerpt } from './failover-evidence.js';
import { wallNowMs } from './lab-helpers.js';

export interface FailoverTrialOptions {
  runtime: RuntimeName;
  seed: number;
  /** threads only: wall ms per simulated ms. */
  timeScale: number;
  /** Simulated ms between Get-ClusterResource polls. */
  pollMs: number;
  /** threads: the least wall ms to wait for settling and for the failover, whatever the scale. */
  graceWallMs: number;
}

/** A moment of the failover, from the kill: simulated ms, and wall ms (threads; null in sim). */
export interface Mark {
  simMs: number;
  wallMs: number | null;
}

export interface FailoverTrial {
  runtime: RuntimeName;
  seed: number;
  timeScale: number | null;
  /** What ended the trial early, or null. */
  error: string | null;
  /** When every resource was first seen Online on the victim, simulated ms from the start. */
  settledAtMs: number | null;
  /** The seeded wait after settling, within one SameSubnetDelay. */
  phaseMs: number;
  killAtMs: number | null;
  detection: Mark | null;
  /** The survivor's own count of silence at detection (PeerUnreachable.detectedAfterMs): more than
   * `detection` when it last heard the victim before the kill, less when frames still came after it. */
  detectionSilenceMs: number | null;
  regroup: Mark | null;
  arbitration: Mark | null;
  online: Mark | null;
  /** Every resource of the cluster Online on the survivor. */
  allOnline: Mark | null;
  /** The online figure is within this many simulated ms (the polling window). */
  onlineWindowMs: number | null;
  /** durationMs the survivor reported for winning the witness and the disk. */
  witnessArbitrationMs: number | null;
  diskArbitrationMs: number | null;
  /** The survivor had to preempt the victim's key on the disk (a challenge with its wait). */
  diskPreempted: boolean;
  anomalies: string[];
  /** PeerUnreachable verdicts logged before the kill, when every node was alive: false detections. */
  falseDetectionsBeforeKill: number;
  /** Get-ClusterResource on the survivor at the end (empty when the trial ended early). */
  finalResources: ResourceRow[];
  /** When the trial failed: the last significant history entries (failover-evidence.ts). */
  evidence: string[];
  polls: number;
  simulatedMs: number;
  wallMs: number;
}

/** Simulated ms the cluster may take to settle, and a failover to complete, before the trial gives up. */
const settleDeadlineMs = 120_000;
const failoverDeadlineMs = 180_000;
/** Simulated ms between polls once the survivor has won the disk. */
const finePollMs = 1;

/** Simulated ms to wait for something that should take `simMs`, stretched to the wall grace in threads. */
export function patienceMs(options: Pick<FailoverTrialOptions, 'runtime' | 'timeScale' | 'graceWallMs'>, simMs: number): number {
  return options.runtime === 'sim' ? simMs : Math.max(simMs, options.graceWallMs / options.timeScale);
}

interface Kill {
  atMs: number;
  wallMs: number;
}

const markOf = (moment: Moment | undefined, kill: Kill, runtime: RuntimeName): Mark | null =>
  moment === undefined ? null : { simMs: moment.atMs - kill.atMs, wallMs: runtime === 'threads' ? moment.seenWallMs - kill.wallMs : null };

const hitMoment = (hit: PollHit | undefined): Moment | undefined => (hit === undefined ? undefined : { atMs: hit.atMs, seenWallMs: hit.seenWallMs });

interface Progress {
  settledAtMs: number | null;
  kill: Kill | null;
  online: PollHit | undefined;
  allOnline: PollHit | undefined;
  polls: number;
}

/** Starts the lab and polls the survivor until every resource is Online on the victim. */
export async function startSettled(runtime: Runtime, lab: FailoverLab, options: FailoverTrialOptions): Promise<PollHit> {
  await runtime.start();
  const poll = { node: lab.survivor, stepMs: options.pollMs, timeScale: options.timeScale, deadlineMs: runtime.nowMs() + patienceMs(options, settleDeadlineMs) };
  const settled = await pollResources(runtime, poll, (rows) => allOnlineOn(rows, lab.victim));
  if ('miss' in settled) throw new BenchError(`the cluster never settled: ${lab.survivor} shows ${describeRows(settled.miss.rows)}`);
  return settled.hit;
}

/** Settle, phase, kill, and poll until the survivor shows the disk, then everything, Online. */
async function drive(runtime: Runtime, lab: FailoverLab, options: FailoverTrialOptions, watch: FailoverWatch, phaseMs: number, progress: Progress): Promise<void> {
  const poll = { node: lab.survivor, stepMs: options.pollMs, timeScale: options.timeScale };
  const settled = await startSettled(runtime, lab, options);
  progress.polls += settled.polls;
  progress.settledAtMs = settled.atMs;
  await idle(runtime, phaseMs, options.timeScale);
  const kill = { atMs: runtime.nowMs(), wallMs: wallNowMs() };
  watch.arm(kill.atMs);
  progress.kill = kill;
  await runtime.kill(lab.victim);
  const deadlineMs = kill.atMs + patienceMs(options, failoverDeadlineMs);
  // Once the survivor holds the disk, Online is a GUM update away: poll at once (sim), then finely.
  const wake = () => watch.arbitration !== undefined;
  const online = await pollResources(runtime, { ...poll, deadlineMs, wake, fineStepMs: Math.min(options.pollMs, finePollMs) }, (rows) => onlineOn(rows, lab.disk, lab.survivor));
  if ('miss' in online) throw new BenchError(`${lab.disk} never came Online on ${lab.survivor}: it shows ${describeRows(online.miss.rows)}`);
  progress.online = online.hit;
  progress.polls += online.hit.polls;
  const all = await pollResources(runtime, { ...poll, deadlineMs }, (rows) => allOnlineOn(rows, lab.survivor));
  if ('miss' in all) throw new BenchError(`not every resource came Online on ${lab.survivor}: it shows ${describeRows(all.miss.rows)}`);
  progress.allOnline = all.hit;
  progress.polls += all.hit.polls;
  // threads: events stamped before the last reply may still be on their way to the lab.
  await runtime.runUntil(() => watch.arbitration !== undefined, runtime.nowMs() + options.pollMs);
}

/** An Online shown before the survivor held the disk is a state nobody earned: say so. */
function staleOnline(lab: FailoverLab, watch: FailoverWatch, online: PollHit | undefined): string[] {
  if (online === undefined || watch.arbitration === undefined || online.atMs >= watch.arbitration.atMs) return [];
  return [`Get-ClusterResource showed ${lab.disk} Online@${lab.survivor} at ${online.atMs.toFixed(1)} ms, before ${lab.survivor} won it at ${watch.arbitration.atMs.toFixed(1)} ms`];
}

export async function runFailoverTrial(options: FailoverTrialOptions): Promise<FailoverTrial> {
  const lab = failoverLab();
  const phaseMs = new Prng(options.seed, `bench-failover/${options.runtime}`).next() * lab.sameSubnetDelayMs;
  const watch = new FailoverWatch(lab);
  const startedWallMs = wallNowMs();
  const runtime = failoverRuntime(lab, options);
  runtime.onEntry((entry) => watch.apply(entry));
  const progress: Progress = { settledAtMs: null, kill: null, online: undefined, allOnline: undefined, polls: 0 };
  let error: string | null = null;
  try {
    await drive(runtime, lab, options, watch, phaseMs, progress);
  } catch (caught) {
    error = (caught as Error).message;
  } finally {
    await runtime.stop();
  }
  const kill = progress.kill;
  const mark = (moment: Moment | undefined) => (kill === null ? null : markOf(moment, kill, options.runtime));
  const online = progress.online;
  return {
    runtime: options.runtime,
    seed: options.seed,
    timeScale: options.runtime === 'threads' ? options.timeScale : null,
    error,
    settledAtMs: progress.settledAtMs,
    phaseMs,
    killAtMs: kill?.atMs ?? null,
    detection: mark(watch.detection),
    detectionSilenceMs: watch.detectionSilenceMs ?? null,
    regroup: mark(watch.regroup),
    arbitration: mark(watch.arbitration),
    online: mark(hitMoment(online)),
    allOnline: mark(hitMoment(progress.allOnline)),
    // The disk comes online only once won, so the moment lies after both the last poll without it and the win.
    onlineWindowMs: online === undefined ? null : online.atMs - Math.max(online.previousSentAtMs, watch.arbitration?.atMs ?? -Infinity),
    witnessArbitrationMs: watch.witnessArbitrationMs ?? null,
    diskArbitrationMs: watch.diskArbitrationMs ?? null,
    diskPreempted: watch.diskPreempted,
    anomalies: [...watch.anomalies, ...staleOnline(lab, watch, online)],
    falseDetectionsBeforeKill: watch.falseDetectionsBeforeArm,
    finalResources: progress.allOnline?.rows ?? online?.rows ?? [],
    evidence: error === null ? [] : historyExcerpt(runtime.history(), 0),
    polls: progress.polls,
    simulatedMs: runtime.nowMs(),
    wallMs: wallNowMs() - startedWallMs,
  };
}
