// The Piscina worker of the compression sampler (compression-sample.ts): it compresses the pages it
// is handed and says how many bytes went in and out and how long this thread spent compressing.
//
// Hyper-V's live-migration Compression uses its own fast LZ-class compressor; the lab stands in
// node:zlib's raw deflate at level 1 (Z_BEST_SPEED), the fast end of the same family. Each block
// of `blockBytes` is compressed on its own (a compressor that resets per block, as a migration
// stream sent in chunks would), and a block that does not shrink counts as sent as it is, so
// incompressible memory costs a ratio of 1, never more.
//
// cpuMs is this thread's CPU time when Node has process.threadCpuUsage (23.9+), else the wall time
// of the compress calls by performance.now (close to CPU time while the worker has a core to itself).
import { constants, deflateRawSync } from 'node:zlib';
import { performance } from 'node:perf_hooks';

export interface CompressTask {
  pages: Uint8Array;
  blockBytes: number;
}

export type CpuClock = 'Thread' | 'Wall';

export interface CompressResult {
  inputBytes: number;
  outputBytes: number;
  cpuMs: number;
  cpuClock: CpuClock;
}

type ThreadCpuUsage = () => { user: number; system: number };

const threadCpuUsage = (process as unknown as { threadCpuUsage?: ThreadCpuUsage }).threadCpuUsage?.bind(process);

function nowMs(): number {
  if (threadCpuUsage === undefined) return performance.now();
  const usage = threadCpuUsage();
  return (usage.user + usage.system) / 1000;
}

export function compressPages(task: CompressTask): CompressResult {
  const { pages, blockBytes } = task;
  if (!Number.isSafeInteger(blockBytes) || blockBytes <= 0) throw new RangeError(`blockBytes must be a positive integer, got ${blockBytes}`);
  let outputBytes = 0;
  const startMs = nowMs();
  for (let offset = 0; offset < pages.length; offset += blockBytes) {
    const block = pages.subarray(offset, Math.min(offset + blockBytes, pages.length));
    const compressed = deflateRawSync(block, { level: constants.Z_BEST_SPEED });
    outputBytes += Math.min(compressed.length, block.length);
  }
  const cpuMs = nowMs() - startMs;
  return { inputBytes: pages.length, outputBytes, cpuMs, cpuClock: threadCpuUsage === undefined ? 'Wall' : 'Thread' };
}

export default function compressWorker(task: CompressTask): CompressResult {
  return compressPages(task);
}
