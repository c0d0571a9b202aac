// Measure live-migration compression instead of assuming it (issue 6): build a seeded page-like
// sample (page-sample.ts), split it into chunks, compress them on a Piscina pool
// (compress-worker.ts) and report the ratio (Σ compressed ÷ Σ original, the same for the same
// seed and mix) and one core's speed (Σ original ÷ Σ worker CPU seconds, which varies by machine).
// The lab builder calls this once and hands the figures to the precopy model
// (node-agent hyperv/precopy.ts). The worker runs from the compiled dist/ (tsx does not hook workers).
import { availableParallelism } from 'node:os';
import { performance } from 'node:perf_hooks';
import { Piscina } from 'piscina';
import type { CompressResult, CompressTask, CpuClock } from './compress-worker.js';
import { defaultPageMix, pageLikeSample, pageSizeBytes, type PageMix } from './page-sample.js';

/**
 * Structurally identical to CompressionFigures in @wsfc-lab/node-agent's hyperv/precopy.ts, which
 * the package does not export yet; declared here so the coordinator does not reach into its dist.
 */
export interface CompressionFigures {
  ratio: number;
  compressBytesPerSecPerCore: number;
}

export interface CompressionMeasurement extends CompressionFigures {
  sampleBytes: number;
  outputBytes: number;
  workers: number;
  cpuMs: number;
  cpuClock: CpuClock;
  wallMs: number;
}

export interface MeasureCompressionOptions {
  seed?: number;
  sampleMiB?: number;
  workers?: number;
  mix?: PageMix;
}

const MiB = 1024 * 1024;

export const compressionSampleRules = {
  /** Seed of the default sample; any fixed value gives a reproducible ratio. */
  seed: 1,
  /** 8 MiB measures in well under a second on one core. */
  sampleMiB: 8,
  /** Upper bound of sampleMiB (STYLE 7): a sample, not a memory dump. */
  sampleMiBMax: 256,
  /** Upper bound of the pool size. */
  workersMax: 16,
  /** One Piscina task per chunk. */
  chunkBytes: 1 * MiB,
  /** The compressor resets every block (compress-worker.ts); lab's rule, 64 KiB. */
  blockBytes: 64 * 1024,
} as const;

const workerUrl = new URL('./compress-worker.js', import.meta.url);

function requireOptions(sampleMiB: number, workers: number): void {
  if (!Number.isSafeInteger(sampleMiB) || sampleMiB < 1 || sampleMiB > compressionSampleRules.sampleMiBMax) {
    throw new RangeError(`sampleMiB must be an integer in [1, ${compressionSampleRules.sampleMiBMax}], got ${sampleMiB}`);
  }
  if (!Number.isSafeInteger(workers) || workers < 1 || workers > compressionSampleRules.workersMax) {
    throw new RangeError(`workers must be an integer in [1, ${compressionSampleRules.workersMax}], got ${workers}`);
  }
}

function chunksOf(sample: Buffer): Uint8Array[] {
  const chunks: Uint8Array[] = [];
  for (let offset = 0; offset < sample.length; offset += compressionSampleRules.chunkBytes) {
    chunks.push(sample.subarray(offset, offset + compressionSampleRules.chunkBytes));
  }
  return chunks;
}

function summarize(results: readonly CompressResult[]): { inputBytes: number; outputBytes: number; cpuMs: number; cpuClock: CpuClock } {
  let inputBytes = 0;
  let outputBytes = 0;
  let cpuMs = 0;
  for (const result of results) {
    inputBytes += result.inputBytes;
    outputBytes += result.outputBytes;
    cpuMs += result.cpuMs;
  }
  const cpuClock = results.every((result) => result.cpuClock === 'Thread') ? 'Thread' : 'Wall';
  return { inputBytes, outputBytes, cpuMs, cpuClock };
}

/** Compress a seeded page-like sample on a Piscina pool and measure ratio and per-core speed. */
export async function measureCompression(options: MeasureCompressionOptions = {}): Promise<CompressionMeasurement> {
  const seed = options.seed ?? compressionSampleRules.seed;
  const sampleMiB = options.sampleMiB ?? compressionSampleRules.sampleMiB;
  const workers = options.workers ?? Math.min(2, availableParallelism());
  requireOptions(sampleMiB, workers);
  const sample = pageLikeSample(seed, (sampleMiB * MiB) / pageSizeBytes, options.mix ?? defaultPageMix);
  const chunks = chunksOf(sample);
  const startMs = performance.now();
  const pool = new Piscina<CompressTask, CompressResult>({ filename: workerUrl.href, minThreads: workers, maxThreads: workers, maxQueue: chunks.length });
  let results: CompressResult[];
  try {
    results = await Promise.all(chunks.map((pages) => pool.run({ pages, blockBytes: compressionSampleRules.blockBytes })));
  } finally {
    await pool.destroy();
  }
  const wallMs = performance.now() - startMs;
  const total = summarize(results);
  if (total.inputBytes !== sample.length) throw new Error(`compression workers saw ${total.inputBytes} bytes of a ${sample.length}-byte sample`);
  if (!(total.cpuMs > 0)) throw new Error(`compression workers reported ${total.cpuMs} ms of CPU for ${total.inputBytes} bytes`);
  return {
    ratio: total.outputBytes / total.inputBytes,
    compressBytesPerSecPerCore: total.inputBytes / (total.cpuMs / 1000),
    sampleBytes: total.inputBytes,
    outputBytes: total.outputBytes,
    workers,
    cpuMs: total.cpuMs,
    cpuClock: total.cpuClock,
    wallMs,
  };
}
