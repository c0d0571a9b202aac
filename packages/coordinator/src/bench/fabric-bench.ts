// `pnpm bench fabric`: frames per second and round-trip time through the lab's fabric, against raw
// msgpack `postMessage` between two bare workers measured in the same run. The baseline packs
// heartbeat-sized frames, transfers them over a MessageChannel, unpacks and answers each with a
// packed response; the lab does the same with a pinger actor and a real node actor on the threads
// runtime, once per transport ('direct': a port per actor pair, the sender's worker judges the
// frame; 'relay': every frame through the main thread's fabric). Requests and responses are both
// counted as frames, on both sides. The network has no latency, so the figures are the cost of
// the machinery: envelope and schema checks, the actor host, the fabric's verdict, the transport.
import { encodeFrame } from '@wsfc-lab/protocol';
import type { Transport } from '../runtime/threads/wire.js';
import { startLabDriver, startRawDriver, type FabricDriver } from './fabric-drivers.js';
import { ratio, summarize, type Summary } from './stats.js';

export interface FabricBenchOptions {
  /** Heartbeat requests in the measured flood; each is answered, so 2× frames move. */
  frames: number;
  /** Requests in flight at once during the flood. */
  window: number;
  /** Sequential ping-pongs for the round-trip time. */
  pings: number;
  /** Requests flooded (and answered) before measuring, to warm the JIT. */
  warmup: number;
  /** Wall ms per simulated ms in the lab; 1 keeps the node's own heartbeats to one a second. */
  timeScale: number;
  /**
   * Rounds of raw, direct, relay in turn; frames and pings are split across them. Interleaving
   * spreads the machine's noise (other processes, CPU frequency) over the three paths alike.
   */
  repeats: number;
  seed: number;
}

export const fabricDefaults: FabricBenchOptions = { frames: 150_000, window: 256, pings: 6000, warmup: 5000, timeScale: 1, repeats: 3, seed: 1 };

export interface PathFigures {
  /** The median over the repeats. */
  framesPerSecond: number;
  /** One figure per repeat, in run order. */
  framesPerSecondByRepeat: number[];
  /** Round-trip time of one heartbeat request and its response, wall ms, all repeats pooled. */
  rttMs: Summary;
}

export type FabricPath = 'raw' | Transport;

export interface FabricBenchResult {
  benchmark: 'fabric';
  options: FabricBenchOptions;
  frameSizeBytes: number;
  figures: Record<FabricPath, PathFigures>;
  /** Lab ÷ raw: throughput (higher is better) and mean RTT (lower is better). */
  ratios: Record<Transport, { throughput: number; rttMean: number }>;
  /** The transport with the higher throughput. */
  winner: Transport;
  /** The goal: lab throughput ≥ 0.5 × raw. */
  goalThroughputRatio: number;
}

/** One flood command must finish well inside the lab's command reply timeout. */
const roundRequestsMax = 25_000;

async function flood(driver: FabricDriver, requests: number, window: number): Promise<{ frames: number; elapsedWallMs: number }> {
  let frames = 0;
  let elapsedWallMs = 0;
  for (let left = requests; left > 0; left -= roundRequestsMax) {
    const round = await driver.flood({ requests: Math.min(left, roundRequestsMax), window });
    frames += round.requests + round.responses;
    elapsedWallMs += round.elapsedWallMs;
  }
  return { frames, elapsedWallMs };
}

interface Sample {
  framesPerSecond: number;
  rttMs: number[];
}

async function measure(driver: FabricDriver, options: { frames: number; pings: number; window: number; warmup: number }): Promise<Sample> {
  try {
    if (options.warmup > 0) await flood(driver, options.warmup, options.window);
    const { frames, elapsedWallMs } = await flood(driver, options.frames, options.window);
    return { framesPerSecond: (frames * 1000) / elapsedWallMs, rttMs: await driver.pingPong(options.pings) };
  } finally {
    await driver.stop();
  }
}

function figuresOf(samples: readonly Sample[]): PathFigures {
  const byRepeat = samples.map((s) => s.framesPerSecond);
  return { framesPerSecond: summarize(byRepeat).p50, framesPerSecondByRepeat: byRepeat, rttMs: summarize(samples.flatMap((s) => s.rttMs)) };
}

export async function fabricBench(options: FabricBenchOptions): Promise<FabricBenchResult> {
  const perRepeat = {
    frames: Math.ceil(options.frames / options.repeats),
    pings: Math.ceil(options.pings / options.repeats),
    window: options.window,
    warmup: options.warmup,
  };
  const starters: Record<FabricPath, () => Promise<FabricDriver>> = {
    raw: startRawDriver,
    direct: () => startLabDriver({ transport: 'direct', timeScale: options.timeScale, seed: options.seed }),
    relay: () => startLabDriver({ transport: 'relay', timeScale: options.timeScale, seed: options.seed }),
  };
  const samples: Record<FabricPath, Sample[]> = { raw: [], direct: [], relay: [] };
  for (let repeat = 0; repeat < options.repeats; repeat++) {
    for (const path of paths) samples[path].push(await measure(await starters[path](), perRepeat));
  }
  const [raw, direct, relay] = paths.map((path) => figuresOf(samples[path])) as [PathFigures, PathFigures, PathFigures];
  const against = (figures: PathFigures) => ({ throughput: ratio(figures.framesPerSecond, raw.framesPerSecond), rttMean: ratio(figures.rttMs.mean, raw.rttMs.mean) });
  return {
    benchmark: 'fabric',
    options,
    frameSizeBytes: heartbeatFrameSizeBytes(),
    figures: { raw, direct, relay },
    ratios: { direct: against(direct), relay: against(relay) },
    winner: direct.framesPerSecond >= relay.framesPerSecond ? 'direct' : 'relay',
    goalThroughputRatio: 0.5,
  };
}

const paths: readonly FabricPath[] = ['raw', 'direct', 'relay'];

function heartbeatFrameSizeBytes(): number {
  const address = { source: 'pinger', destination: 'node01', network: 'Cluster', sequence: 123_456 };
  return encodeFrame(address, { type: 'HeartbeatRequest', sequence: 123_456, incarnation: 0, sentAtMs: 123_456.789, hearsYou: true }).byteLength;
}
