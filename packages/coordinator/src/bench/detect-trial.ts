// One detection trial: start a smallLab of nodeCount nodes, wait until every node's own view has
// every node Up, let it run for a settling time plus a random phase of one heartbeat period, kill
// one node, and take from the kill to each survivor's PeerUnreachable (the failure detector's verdict) for it, as stamped by the
// survivor (entry.atMs). The ratio to SameSubnetDelay × SameSubnetThreshold is the figure: a node
// that keeps up detects between 1.0 and 1.1 of it (the kill lands somewhere in a heartbeat
// period; then Threshold requests go unanswered). Removals of live nodes are counted as false.
import { Prng, type HistoryEntry } from '@wsfc-lab/protocol';
import { heartbeatDefaults } from '@wsfc-lab/node-agent';
import type { Runtime, RuntimeName } from '../runtime/runtime.js';
import { SimRuntime } from '../runtime/sim/sim-runtime.js';
import { ThreadsRuntime } from '../runtime/threads/threads-runtime.js';
import { smallLab } from '../testing/small-lab.js';
import { allSeeAllUp, benchDataDirectory, heartbeatFramesPerSimSecond, wallNowMs, watchCluster } from './lab-helpers.js';

export interface DetectTrialOptions {
  runtime: RuntimeName;
  nodeCount: number;
  /** threads only: wall ms per simulated ms. */
  timeScale: number;
  seed: number;
  /** threads: how long (wall ms) to wait for all Up, and for late removals, before giving up. */
  graceWallMs: number;
}

export interface DetectTrial {
  runtime: RuntimeName;
  nodeCount: number;
  /** Wall ms per simulated ms (sim: none, it runs as fast as it can). */
  timeScale: number | null;
  /** What ended the trial early (a worker died while the lab started), or null. */
  error: string | null;
  allUp: boolean;
  victim: string;
  /** Where in the heartbeat period the kill landed, simulated ms after the settling time. */
  phaseMs: number;
  survivors: number;
  /** Survivors that logged 1135 for the victim after the kill. */
  detected: number;
  /** Per detecting survivor: (its PeerUnreachable atMs − kill) ÷ (SameSubnetDelay × SameSubnetThreshold). */
  ratios: number[];
  ratioMin: number;
  ratioMean: number;
  ratioMax: number;
  /** PeerUnreachable events for nodes that were never killed. */
  falseRemovals: number;
  /** Workers that died of an error (ActorCrashed), and the first one's error. */
  crashes: number;
  firstCrash: string | null;
  /** Heartbeat frames the lab offers per wall second (sim: per simulated second). */
  offeredFramesPerSecond: number;
  simulatedMs: number;
  wallMs: number;
  /** Simulated ms ÷ wall ms over the whole trial. */
  simSpeed: number;
}

const delayMs = heartbeatDefaults.SameSubnetDelay;
export const detectionBoundMs = heartbeatDefaults.SameSubnetDelay * heartbeatDefaults.SameSubnetThreshold;
const settleMs = 2 * delayMs;
const simUpDeadlineMs = 60_000;

function makeRuntime(options: DetectTrialOptions, lab: ReturnType<typeof smallLab>): Runtime {
  if (options.runtime === 'sim') return new SimRuntime({ actors: lab.actors, fabric: lab.fabric, seed: options.seed });
  return new ThreadsRuntime({ actors: lab.actors, fabric: lab.fabric, seed: options.seed, timeScale: options.timeScale, dataDirectory: benchDataDirectory() });
}

/** Simulated ms to wait for something that should take `simMs`, stretched to the wall grace in threads. */
function patienceMs(options: DetectTrialOptions, simMs: number): number {
  return options.runtime === 'sim' ? simMs : Math.max(simMs, options.graceWallMs / options.timeScale);
}

/** Folds the event stream: each survivor's first 1135 for the victim after the kill, false removals, crashes. */
class TrialWatch {
  readonly removedAtMs = new Map<string, number>();
  falseRemovals = 0;
  crashes = 0;
  firstCrash: string | undefined;
  killAtMs: number | undefined;

  constructor(
    readonly victim: string,
    /** Where in the heartbeat period the kill lands, simulated ms after the settling time. */
    readonly phaseMs: number,
  ) {}

  apply(entry: HistoryEntry): void {
    if (entry.event.type === 'ActorCrashed') {
      this.crashes++;
      this.firstCrash ??= `${entry.event.actor}: ${entry.event.error}`;
    }
    if (entry.event.type !== 'PeerUnreachable') return;
    if (entry.event.node !== this.victim) {
      this.falseRemovals++;
      return;
    }
    if (this.killAtMs === undefined || entry.atMs < this.killAtMs || this.removedAtMs.has(entry.source)) return;
    this.removedAtMs.set(entry.source, entry.atMs);
  }
}

interface Measured {
  allUp: boolean;
  killAtMs: number;
  error: string | null;
}

/** Start, all Up, settle, kill, wait for the survivors' removals; an error (a worker that dies while starting) ends it early. */
async function measure(runtime: Runtime, options: DetectTrialOptions, lab: ReturnType<typeof smallLab>, watch: TrialWatch): Promise<Measured> {
  const view = watchCluster(runtime, lab.nodes);
  let allUp = false;
  try {
    await runtime.start();
    allUp = await runtime.runUntil(allSeeAllUp(view, lab.nodes), runtime.nowMs() + patienceMs(options, simUpDeadlineMs));
    await runtime.runUntil(() => false, runtime.nowMs() + settleMs + watch.phaseMs);
    const killAtMs = runtime.nowMs();
    watch.killAtMs = killAtMs;
    await runtime.kill(watch.victim);
    const survivorCount = lab.nodes.length - 1;
    await runtime.runUntil(() => watch.removedAtMs.size === survivorCount, killAtMs + patienceMs(options, 3 * detectionBoundMs));
    return { allUp, killAtMs, error: null };
  } catch (error) {
    return { allUp, killAtMs: watch.killAtMs ?? Number.NaN, error: (error as Error).message };
  }
}

const minOf = (values: number[]) => (values.length === 0 ? Number.NaN : Math.min(...values));
const maxOf = (values: number[]) => (values.length === 0 ? Number.NaN : Math.max(...values));
const meanOf = (values: number[]) => (values.length === 0 ? Number.NaN : values.reduce((a, b) => a + b, 0) / values.length);

export async function runDetectTrial(options: DetectTrialOptions): Promise<DetectTrial> {
  const lab = smallLab({ nodeCount: options.nodeCount });
  const prng = new Prng(options.seed, `bench-detect/${options.runtime}/${options.nodeCount}`);
  const watch = new TrialWatch(lab.nodes[Math.floor(prng.next() * lab.nodes.length)] as string, prng.next() * delayMs);
  const startedAtMs = wallNowMs();
  const runtime = makeRuntime(options, lab);
  runtime.onEntry((entry) => watch.apply(entry));
  let measured: Measured;
  try {
    measured = await measure(runtime, options, lab, watch);
  } finally {
    await runtime.stop();
  }
  const ratios = [...watch.removedAtMs.values()].map((atMs) => (atMs - measured.killAtMs) / detectionBoundMs);
  const wallMs = wallNowMs() - startedAtMs;
  const simulatedMs = runtime.nowMs();
  const offered = heartbeatFramesPerSimSecond({ nodeCount: options.nodeCount, networkCount: lab.fabric.networks.length, sameSubnetDelayMs: delayMs });
  return {
    runtime: options.runtime,
    nodeCount: options.nodeCount,
    timeScale: options.runtime === 'threads' ? options.timeScale : null,
    error: measured.error,
    firstCrash: watch.firstCrash ?? null,
    allUp: measured.allUp,
    victim: watch.victim,
    phaseMs: watch.phaseMs,
    survivors: lab.nodes.length - 1,
    detected: ratios.length,
    ratios,
    ratioMin: minOf(ratios),
    ratioMean: meanOf(ratios),
    ratioMax: maxOf(ratios),
    falseRemovals: watch.falseRemovals,
    crashes: watch.crashes,
    offeredFramesPerSecond: options.runtime === 'threads' ? offered / options.timeScale : offered,
    simulatedMs,
    wallMs,
    simSpeed: simulatedMs / wallMs,
  };
}
