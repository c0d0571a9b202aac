// The graceful case: with the cluster settled on the victim, `Move-ClusterGroup <role> -Node
// <survivor>` (run on the survivor). The old owner takes the role offline and gives its disk back
// (it removes its key), so the new owner reserves the disk without a challenge and its wait. Taken
// from the command: when the cmdlet answered (it answers once the role is Online on the new node),
// when the survivor won the disk (DiskArbitrationEnded Won), and when Get-ClusterResource first
// showed the disk Online on the survivor after that. An answer, or an Online, seen before the
// survivor held the disk is kept as an anomaly: the state came from the old owner's publication.
import type { RuntimeName } from '../runtime/runtime.js';
import { failoverLab, failoverRuntime, onlineOn } from './failover-lab.js';
import { pollResources } from './failover-poll.js';
import { patienceMs, startSettled, type FailoverTrialOptions, type Mark } from './failover-trial.js';
import { FailoverWatch } from './failover-watch.js';
import { wallNowMs } from './lab-helpers.js';

export interface GracefulTrial {
  runtime: RuntimeName;
  seed: number;
  timeScale: number | null;
  error: string | null;
  /** Move-ClusterGroup's answer: ok, or its error message. */
  reply: string | null;
  /** From the command to its answer, to the survivor winning the disk, to the disk shown Online after that. */
  answered: Mark | null;
  arbitration: Mark | null;
  online: Mark | null;
  /** The first poll that showed the disk Online on the survivor, won or not, simulated ms from the command. */
  firstShownOnlineMs: number | null;
  diskArbitrationMs: number | null;
  diskPreempted: boolean;
  anomalies: string[];
  wallMs: number;
}

/** Simulated ms Move-ClusterGroup may take: PendingTimeout (180 s, facts §4) and some slack. */
const moveTimeoutMs = 200_000;

interface Start {
  atMs: number;
  wallMs: number;
}

const markFrom = (start: Start, atMs: number, seenWallMs: number, runtime: RuntimeName): Mark => ({ simMs: atMs - start.atMs, wallMs: runtime === 'threads' ? seenWallMs - start.wallMs : null });

function earlyAnswers(trial: GracefulTrial, disk: string, survivor: string): string[] {
  const wonMs = trial.arbitration?.simMs;
  if (wonMs === undefined) return [];
  const notes: string[] = [];
  if (trial.answered !== null && trial.answered.simMs < wonMs) notes.push(`Move-ClusterGroup answered at ${trial.answered.simMs.toFixed(1)} ms, before ${survivor} won ${disk} at ${wonMs.toFixed(1)} ms`);
  if (trial.firstShownOnlineMs !== null && trial.firstShownOnlineMs < wonMs) notes.push(`Get-ClusterResource showed ${disk} Online@${survivor} at ${trial.firstShownOnlineMs.toFixed(1)} ms, before ${survivor} won it at ${wonMs.toFixed(1)} ms`);
  return notes;
}

export async function runGracefulTrial(options: FailoverTrialOptions): Promise<GracefulTrial> {
  const lab = failoverLab();
  const watch = new FailoverWatch(lab);
  const startedWallMs = wallNowMs();
  const runtime = failoverRuntime(lab, options);
  runtime.onEntry((entry) => watch.apply(entry));
  const trial: GracefulTrial = { runtime: options.runtime, seed: options.seed, timeScale: options.runtime === 'threads' ? options.timeScale : null, error: null, reply: null, answered: null, arbitration: null, online: null, firstShownOnlineMs: null, diskArbitrationMs: null, diskPreempted: false, anomalies: [], wallMs: 0 };
  try {
    await startSettled(runtime, lab, options);
    const start = { atMs: runtime.nowMs(), wallMs: wallNowMs() };
    watch.arm(start.atMs);
    const reply = await runtime.command(lab.survivor, { type: 'Cmdlet', name: 'Move-ClusterGroup', parameters: { Name: lab.group, Node: lab.survivor } }, moveTimeoutMs);
    trial.answered = markFrom(start, runtime.nowMs(), wallNowMs(), options.runtime);
    trial.reply = reply === undefined ? 'no answer' : reply.ok ? 'ok' : reply.error.message;
    const poll = { node: lab.survivor, stepMs: options.pollMs, timeScale: options.timeScale, deadlineMs: start.atMs + patienceMs(options, moveTimeoutMs) };
    const online = await pollResources(runtime, poll, (rows, atMs) => {
      const shown = onlineOn(rows, lab.disk, lab.survivor);
      if (shown) trial.firstShownOnlineMs ??= atMs - start.atMs;
      return shown && watch.arbitration !== undefined;
    });
    if ('hit' in online) trial.online = markFrom(start, online.hit.atMs, online.hit.seenWallMs, options.runtime);
    else trial.error = `${lab.disk} never came Online on ${lab.survivor} after Move-ClusterGroup`;
    if (watch.arbitration) trial.arbitration = markFrom(start, watch.arbitration.atMs, watch.arbitration.seenWallMs, options.runtime);
  } catch (caught) {
    trial.error = (caught as Error).message;
  } finally {
    await runtime.stop();
  }
  trial.diskArbitrationMs = watch.diskArbitrationMs ?? null;
  trial.diskPreempted = watch.diskPreempted;
  trial.anomalies = [...watch.anomalies, ...earlyAnswers(trial, lab.disk, lab.survivor)];
  trial.wallMs = wallNowMs() - startedWallMs;
  return trial;
}
