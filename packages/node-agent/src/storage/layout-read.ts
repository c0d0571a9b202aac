// Reading a disk's layout over the wire with the target package's decoder. `readDiskLayout` wants a
// synchronous reader; here it runs over the blocks read so far, and every range it asks for that is
// not there yet is noted and answered with zeros. The caller READs the noted ranges and runs it
// again, until a run asks for nothing new: the protective MBR and GPT first, then each
// partition's boot sector, then its $Volume record. Each run is pure and cheap.
import { blockSizeBytes } from '@wsfc-lab/protocol';
import { readDiskLayout, type DiskLayout } from '@wsfc-lab/storage-target';

export interface BlockRange {
  lba: number;
  blockCount: number;
}

export interface ReadBlocks {
  lba: number;
  data: Uint8Array;
}

export interface LayoutAttempt {
  layout: DiskLayout;
  /** Ranges the decoder asked for that were not read yet; empty when `layout` is final. */
  missing: BlockRange[];
}

function covering(blocks: readonly ReadBlocks[], range: BlockRange): Uint8Array | undefined {
  for (const read of blocks) {
    const readBlocks = read.data.byteLength / blockSizeBytes;
    if (read.lba <= range.lba && range.lba + range.blockCount <= read.lba + readBlocks) {
      const offset = (range.lba - read.lba) * blockSizeBytes;
      return read.data.slice(offset, offset + range.blockCount * blockSizeBytes);
    }
  }
  return undefined;
}

export function attemptLayout(blocks: readonly ReadBlocks[], sizeBlocks: number): LayoutAttempt {
  const missing: BlockRange[] = [];
  const read = (lba: number, blockCount: number): Uint8Array => {
    const found = covering(blocks, { lba, blockCount });
    if (found) return found;
    if (!missing.some((m) => m.lba === lba && m.blockCount === blockCount)) missing.push({ lba, blockCount });
    return new Uint8Array(blockCount * blockSizeBytes);
  };
  const layout = readDiskLayout(read, sizeBlocks);
  return { layout, missing };
}
