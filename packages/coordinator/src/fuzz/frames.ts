// The frame fuzzer (issue 7 item 4): bad frames, drawn from a seed, into a real actor of each
// kind in the default lab on the sim runtime. Each batch boots a fresh lab, delivers its frames one
// at a time through the actor host's checks (as a peer's frame arrives), and then requires three
// things: no step threw (a crash: an uncaught error or a broken invariant ends a sim run), every
// frame that must be rejected was counted by reason and reported as a FrameRejected event, and the
// actor and the cluster still answer a cmdlet. Frames valid in shape but nonsense in content go
// to `step`, which must cope with them (STYLE 8).
import fc from 'fast-check';
import type { ActorKind, FrameRejectReason } from '@wsfc-lab/protocol';
import { decodeValue, limits } from '@wsfc-lab/protocol';
import { defaultLab } from '../config/mod.js';
import { buildLab } from '../lab/build-lab.js';
import { SimRuntime } from '../runtime/sim/sim-runtime.js';
import { frameCaseArbitrary, type FrameCase, type FrameClass, type FuzzTarget, type Verdict } from './frame-cases.js';
import { injectFrame, rejectedFrames } from './sim-inject.js';

export const actorKinds: readonly ActorKind[] = ['node', 'storage', 'directory'];

/** Simulated time the lab runs before the first frame: the cluster is formed by then. */
const bootMs = 3000;
/** Simulated time after each frame, so its consequences (replies, timers) run before the next. */
const frameGapMs = 2;
/** Simulated time after the last frame before the actor is asked to answer. */
const settleMs = 2000;
/** Frames per lab: below rejectEventsPerActorMax, so every rejection is also an event. */
export const batchFramesMax = limits.rejectEventsPerActorMax / 2;

/** The cmdlet that shows an actor of each kind still answers. */
const probes: Record<ActorKind, { name: string; parameters: Record<string, unknown> }> = {
  node: { name: 'Get-ClusterNode', parameters: {} },
  storage: { name: 'Get-IscsiServerTarget', parameters: {} },
  directory: { name: 'Resolve-DnsName', parameters: { Name: 'node01' } },
};

export interface FrameCrash {
  kind: ActorKind;
  seed: number;
  batch: number;
  /** The frame's place in its batch. */
  index: number;
  frameClass: FrameClass;
  messageType: string;
  error: string;
  /** The frame alone, into a freshly booted lab, crashes it too: it is a minimal reproduction. */
  crashesAlone: boolean;
  bytesHex: string;
  /** The frame as msgpack decodes it (cut to 2000 characters), when it decodes at all. */
  frameJson: string;
}

export interface BatchReport {
  kind: ActorKind;
  target: string;
  frames: number;
  byClass: Partial<Record<FrameClass, number>>;
  expected: Partial<Record<Verdict, number>>;
  /** What the actor host counted, by reason. */
  rejected: Partial<Record<FrameRejectReason, number>>;
  /** FrameRejected events the target emitted. */
  rejectEvents: number;
  crash: FrameCrash | undefined;
  /** Why the counts or the answers were not as required; empty when all is well. */
  problems: string[];
}

interface Lab {
  runtime: SimRuntime;
  target: FuzzTarget;
}

async function bootLab(kind: ActorKind, seed: number): Promise<Lab> {
  const built = buildLab(defaultLab());
  const runtime = new SimRuntime({ actors: built.actors, fabric: built.fabric, seed });
  await runtime.start();
  await runtime.runUntil(() => false, bootMs);
  const spec = built.actors.find((a) => a.kind === kind);
  if (!spec) throw new Error(`the default lab has no ${kind} actor`);
  const target: FuzzTarget = {
    id: spec.id,
    kind,
    peers: built.actors.map((a) => a.id).filter((id) => id !== spec.id),
    networks: built.fabric.networks.map((n) => n.name),
  };
  return { runtime, target };
}

/** The frames of one batch: the same seed gives the same frames. */
export function batchCases(target: FuzzTarget, seed: number, frames: number): FrameCase[] {
  return fc.sample(frameCaseArbitrary(target), { seed, numRuns: frames });
}

/** The seed of batch `batch` of a run: each batch is its own lab and its own frames. */
export function batchSeed(seed: number, kind: ActorKind, batch: number): number {
  return (seed * 31 + actorKinds.indexOf(kind) * 1_000_003 + batch * 7919) >>> 0;
}

/** Delivers the frames one by one; returns the index and error of the one that crashed, if any. */
async function deliver(lab: Lab, cases: readonly FrameCase[]): Promise<{ index: number; error: string } | undefined> {
  for (const [index, c] of cases.entries()) {
    injectFrame(lab.runtime, { source: c.actualSource, destination: lab.target.id, bytes: c.bytes });
    try {
      await lab.runtime.runUntil(() => false, lab.runtime.nowMs() + frameGapMs);
    } catch (error) {
      return { index, error: (error as Error).message };
    }
  }
  return undefined;
}

function tally<K extends string>(keys: readonly K[]): Partial<Record<K, number>> {
  const counts: Partial<Record<K, number>> = {};
  for (const key of keys) counts[key] = (counts[key] ?? 0) + 1;
  return counts;
}

function diffCounts(after: Partial<Record<FrameRejectReason, number>>, before: Partial<Record<FrameRejectReason, number>>): Partial<Record<FrameRejectReason, number>> {
  const diff: Partial<Record<FrameRejectReason, number>> = {};
  for (const [reason, count] of Object.entries(after) as [FrameRejectReason, number][]) {
    const d = count - (before[reason] ?? 0);
    if (d !== 0) diff[reason] = d;
  }
  return diff;
}

/** Compares what must have been rejected with what the host counted and reported. */
function countProblems(report: Omit<BatchReport, 'problems' | 'crash'>): string[] {
  const problems: string[] = [];
  const reasons = new Set([...Object.keys(report.expected), ...Object.keys(report.rejected)].filter((r) => r !== 'accepted'));
  for (const reason of reasons) {
    const want = report.expected[reason as Verdict] ?? 0;
    const got = report.rejected[reason as FrameRejectReason] ?? 0;
    if (want !== got) problems.push(`${report.target}: ${want} frames must be rejected as ${reason}, the host counted ${got}`);
  }
  const mustReject = report.frames - (report.expected.accepted ?? 0);
  if (report.rejectEvents !== mustReject) problems.push(`${report.target}: ${mustReject} frames must be rejected, ${report.rejectEvents} FrameRejected events were emitted`);
  return problems;
}

async function answers(lab: Lab): Promise<string[]> {
  const problems: string[] = [];
  await lab.runtime.runUntil(() => false, lab.runtime.nowMs() + settleMs);
  const checks: [string, ActorKind][] = [[lab.target.id, lab.target.kind]];
  if (lab.target.kind !== 'node') checks.push(['node01', 'node']);
  for (const [actor, kind] of checks) {
    if (!lab.runtime.isAlive(actor)) problems.push(`${actor} is not running after the frames`);
    const reply = await lab.runtime.command(actor, { type: 'Cmdlet', ...probes[kind] });
    if (reply === undefined) problems.push(`${actor} did not answer ${probes[kind].name} after the frames`);
  }
  return problems;
}

/** One batch: a fresh lab, `frames` frames from `seed`, the checks. */
export async function runBatch(options: { kind: ActorKind; seed: number; batch: number; frames: number }): Promise<BatchReport> {
  const seed = batchSeed(options.seed, options.kind, options.batch);
  const lab = await bootLab(options.kind, seed);
  const cases = batchCases(lab.target, seed, options.frames);
  const historyStart = lab.runtime.history().length;
  const before = rejectedFrames(lab.runtime, lab.target.id);
  const failure = await deliver(lab, cases);
  const delivered = failure === undefined ? cases : cases.slice(0, failure.index);
  const report = {
    kind: options.kind,
    target: lab.target.id,
    frames: failure === undefined ? cases.length : failure.index + 1,
    byClass: tally(cases.slice(0, failure === undefined ? cases.length : failure.index + 1).map((c) => c.frameClass)),
    expected: tally(delivered.map((c) => c.expected)),
    rejected: diffCounts(rejectedFrames(lab.runtime, lab.target.id), before),
    rejectEvents: lab.runtime.history().slice(historyStart).filter((e) => e.source === lab.target.id && e.event.type === 'FrameRejected').length,
  };
  if (failure !== undefined) {
    const c = cases[failure.index] as FrameCase;
    const crash: FrameCrash = { kind: options.kind, seed: options.seed, batch: options.batch, index: failure.index, frameClass: c.frameClass, messageType: c.messageType, error: failure.error, crashesAlone: await crashesAlone(options.kind, seed, c), bytesHex: Buffer.from(c.bytes.subarray(0, 512)).toString('hex'), frameJson: frameAsJson(c.bytes) };
    return { ...report, crash, problems: [] };
  }
  const problems = [...countProblems(report), ...(await answers(lab))];
  await lab.runtime.stop();
  return { ...report, crash: undefined, problems };
}

function frameAsJson(bytes: Uint8Array): string {
  try {
    return JSON.stringify(decodeValue(bytes), (_key, value: unknown) => (value instanceof Uint8Array ? `<${value.byteLength} bytes>` : value)).slice(0, 2000);
  } catch (error) {
    return `(not msgpack: ${(error as Error).message})`;
  }
}

/** Does `frame` by itself crash a freshly booted lab? Then it is the minimal reproduction. */
async function crashesAlone(kind: ActorKind, seed: number, frame: FrameCase): Promise<boolean> {
  const lab = await bootLab(kind, seed);
  const failure = await deliver(lab, [frame]);
  if (failure === undefined) await lab.runtime.stop();
  return failure !== undefined;
}
