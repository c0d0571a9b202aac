// A frame-fuzz run: batches of frames into each actor kind until the frame budget is spent,
// summed per kind (frames by class, rejections by reason, crashes). A batch that crashes ends
// at the crashing frame; the run goes on with the next batch and a fresh lab.
import type { ActorKind, FrameRejectReason } from '@wsfc-lab/protocol';
import type { FrameClass } from './frame-cases.js';
import { batchFramesMax, runBatch, type BatchReport, type FrameCrash } from './frames.js';
import { knownCrashOf } from './known-crashes.js';

export interface KindSummary {
  kind: ActorKind;
  target: string;
  frames: number;
  batches: number;
  byClass: Partial<Record<FrameClass, number>>;
  rejected: Partial<Record<FrameRejectReason, number>>;
  accepted: number;
  rejectEvents: number;
  crashes: FrameCrash[];
  problems: string[];
}

function add<K extends string>(into: Partial<Record<K, number>>, from: Partial<Record<K, number>>): void {
  for (const [key, count] of Object.entries(from) as [K, number][]) into[key] = (into[key] ?? 0) + count;
}

export async function fuzzKind(options: { kind: ActorKind; frames: number; seed: number; onBatch?: (report: BatchReport) => void }): Promise<KindSummary> {
  const summary: KindSummary = { kind: options.kind, target: '', frames: 0, batches: 0, byClass: {}, rejected: {}, accepted: 0, rejectEvents: 0, crashes: [], problems: [] };
  for (let batch = 0; summary.frames < options.frames; batch++) {
    const frames = Math.min(batchFramesMax, options.frames - summary.frames);
    const report = await runBatch({ kind: options.kind, seed: options.seed, batch, frames });
    options.onBatch?.(report);
    summary.target = report.target;
    summary.frames += report.frames;
    summary.batches++;
    add(summary.byClass, report.byClass);
    add(summary.rejected, report.rejected);
    summary.accepted += report.expected.accepted ?? 0;
    summary.rejectEvents += report.rejectEvents;
    if (report.crash) summary.crashes.push(report.crash);
    summary.problems.push(...report.problems);
  }
  return summary;
}

/** The command that replays one crashing batch. */
export function replayCommand(crash: FrameCrash): string {
  return `node packages/coordinator/dist/fuzz/cli.js --kind ${crash.kind} --seed ${crash.seed} --batch ${crash.batch}`;
}

/** Crashes no entry of known-crashes.ts explains: each is a new bug. */
export function newCrashes(summary: KindSummary): FrameCrash[] {
  return summary.crashes.filter((crash) => knownCrashOf(crash) === undefined);
}

export function formatSummary(summary: KindSummary): string[] {
  const rejectedTotal = Object.values(summary.rejected).reduce((n, c) => n + (c ?? 0), 0);
  const lines = [
    `${summary.kind} (${summary.target}): ${summary.frames} frames in ${summary.batches} labs, ${rejectedTotal} rejected, ${summary.accepted} accepted, ${summary.crashes.length} crashes`,
    `  classes: ${Object.entries(summary.byClass).map(([k, n]) => `${k} ${n}`).join(', ')}`,
    `  rejected by reason: ${Object.entries(summary.rejected).map(([k, n]) => `${k} ${n}`).join(', ')}`,
  ];
  for (const crash of summary.crashes) {
    const known = knownCrashOf(crash);
    lines.push(`  CRASH seed=${crash.seed} batch=${crash.batch} frame=${crash.index} (${crash.frameClass} ${crash.messageType}${crash.crashesAlone ? ', crashes a fresh lab alone' : ''}): ${crash.error}`);
    if (known) lines.push(`    known: ${known.name}; fix in ${known.fixIn}`);
    lines.push(`    frame: ${crash.frameJson}`);
    lines.push(`    replay: ${replayCommand(crash)}`);
  }
  for (const problem of summary.problems) lines.push(`  PROBLEM ${problem}`);
  return lines;
}
