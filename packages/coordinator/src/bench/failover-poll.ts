// Watching the cluster the way an administrator does: `Get-ClusterResource` on one node, again and
// again, until its answer shows what we wait for. No event marks a resource coming Online (the
// resource control manager publishes states through the GUM and logs nothing when one comes up),
// so polling is how the moment is found. The node answers from its own copy of the cluster
// database at some moment between the poll's sending and its reply, so the state changed after the
// previous poll was sent and before this reply: that window is the resolution of the figure.
import type { Runtime } from '../runtime/runtime.js';
import { idle, readResources, type ResourceRow } from './failover-lab.js';
import { wallNowMs } from './lab-helpers.js';

export interface PollOptions {
  /** The node asked. */
  node: string;
  /** Simulated ms between one reply and the next poll. */
  stepMs: number;
  /** Once this holds, poll every `fineStepMs` instead; in sim a pause is cut short when it comes true. */
  wake?: () => boolean;
  fineStepMs?: number;
  /** threads: wall ms per simulated ms (for the pause between polls). */
  timeScale: number;
  /** Give up after this simulated ms. */
  deadlineMs: number;
}

export interface PollHit {
  rows: ResourceRow[];
  /** When the answer that showed it came back (simulated ms), and when that poll was sent. */
  atMs: number;
  sentAtMs: number;
  /** When the previous poll (which did not show it) was sent; the state changed after this. */
  previousSentAtMs: number;
  seenWallMs: number;
  polls: number;
}

export interface PollMiss {
  /** The last answer, or undefined when none came. */
  rows: ResourceRow[] | undefined;
  polls: number;
}

/** Polls until `wanted(rows, atMs)` holds for an answer that came back at `atMs` (a hit) or the deadline passes (a miss). */
export async function pollResources(runtime: Runtime, options: PollOptions, wanted: (rows: readonly ResourceRow[], atMs: number) => boolean): Promise<{ hit: PollHit } | { miss: PollMiss }> {
  let previousSentAtMs = runtime.nowMs();
  let rows: ResourceRow[] | undefined;
  for (let polls = 1; ; polls++) {
    const sentAtMs = runtime.nowMs();
    rows = await readResources(runtime, options.node);
    const atMs = runtime.nowMs();
    if (rows !== undefined && wanted(rows, atMs)) return { hit: { rows, atMs, sentAtMs, previousSentAtMs, seenWallMs: wallNowMs(), polls } };
    if (atMs >= options.deadlineMs) return { miss: { rows, polls } };
    previousSentAtMs = sentAtMs;
    const woken = options.wake?.() === true;
    await idle(runtime, woken ? (options.fineStepMs ?? options.stepMs) : options.stepMs, options.timeScale, woken ? undefined : options.wake);
  }
}

/** "Cluster Disk 1 Offline@node01, …" for a miss's reason. */
export const describeRows = (rows: readonly ResourceRow[] | undefined): string =>
  rows === undefined ? 'no answer' : rows.map((row) => `${row.Name} ${row.State}@${row.OwnerNode || '-'}`).join(', ');
