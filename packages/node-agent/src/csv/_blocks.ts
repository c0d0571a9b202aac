// The block each node writes to each CSV (timing.ts): where it is and what it carries.
import { blockSizeBytes } from '@wsfc-lab/protocol';
import { arbitrationTagLba } from '../arbitration/mod.js';
import type { CsvHost } from './state.js';

/**
 * The node's own heartbeat block on a CSV (timing.ts), or undefined when the disk is too small or
 * was never seen here. A disk whose session is down (not present) still has its size known.
 */
export function heartbeatLba(host: CsvHost, disk: string): number | undefined {
  const iscsi = host.storage.disks.find((d) => d.name.toLowerCase() === disk.toLowerCase());
  const nodeId = host.cluster.identity?.nodes.find((n) => n.name === host.io.self)?.id;
  if (!iscsi || nodeId === undefined) return undefined;
  try {
    const lba = arbitrationTagLba(iscsi.sizeBlocks) - 1 - nodeId;
    return lba > 34 ? lba : undefined;
  } catch {
    return undefined;
  }
}

/** One block naming the writer and the time: what the periodic write carries. */
export function heartbeatBlock(node: string, nowMs: number): Uint8Array {
  const block = new Uint8Array(blockSizeBytes);
  block.set(new TextEncoder().encode(`CSVIO ${node} ${Math.round(nowMs)}`.slice(0, blockSizeBytes)));
  return block;
}

