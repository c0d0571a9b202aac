// The witness's arbitration tag, kept in the witness LUN's own blocks and read and written through
// the initiator like any other data (facts §2.1: the disk witness holds the cluster's state; the
// regroup's rule, regroup-node.ts: the witness records the view it last granted). One 512-byte
// block, at the last usable LBA of the disk: GPT keeps its backup entries and header in the 33
// blocks after it, and Windows aligns partitions to 1 MiB, so on a disk whose size is a whole
// number of MiB the last MiB before the backup table holds no partition and this block is free.
//
//   bytes 0-7     "WSFCTAG1"
//   bytes 8-11    view number the witness was last granted for (unsigned, big-endian)
//   bytes 12-15   the view that view followed (its previousViewNumber)
//   byte  16      length of the leader's name in bytes (1-64), then the name in UTF-8
//   bytes 508-511 CRC-32 of bytes 0-507
//
// A block of zeros is a witness that was never granted (no tag). Anything else that does not
// decode is reported as unreadable, and the grant is refused (safety before liveness).
import { blockSizeBytes } from '@wsfc-lab/protocol';
import { crc32 } from './crc32.js';

/** What the witness records: the view it last granted, its leader, and the view that one followed. */
export interface ArbitrationTag {
  viewNumber: number;
  coordinator: string;
  previousViewNumber: number;
}

const magic = 'WSFCTAG1';
const nameBytesMax = 64;
const crcOffset = blockSizeBytes - 4;
/** Blocks GPT keeps at the end of a disk: 32 of partition entries and the backup header. */
const gptTailBlocks = 33;

/** The smallest disk with room for GPT at both ends and the tag block. */
export const witnessSizeBlocksMin = 2 * gptTailBlocks + 2;

/** The LBA of the tag block on a disk of `sizeBlocks` blocks: its last usable LBA. */
export function arbitrationTagLba(sizeBlocks: number): number {
  if (!Number.isSafeInteger(sizeBlocks) || sizeBlocks < witnessSizeBlocksMin) throw new RangeError(`a witness disk of ${sizeBlocks} blocks is too small for an arbitration tag`);
  return sizeBlocks - 1 - gptTailBlocks;
}

export function encodeArbitrationTag(tag: ArbitrationTag): Uint8Array {
  const name = new TextEncoder().encode(tag.coordinator);
  if (name.byteLength < 1 || name.byteLength > nameBytesMax) throw new RangeError(`leader name "${tag.coordinator}" is ${name.byteLength} bytes; a tag holds 1-${nameBytesMax}`);
  for (const [field, value] of [['viewNumber', tag.viewNumber], ['previousViewNumber', tag.previousViewNumber]] as const) {
    if (!Number.isInteger(value) || value < 0 || value > 0xffff_ffff) throw new RangeError(`tag ${field} ${value} is not a 32-bit unsigned number`);
  }
  const block = new Uint8Array(blockSizeBytes);
  const view = new DataView(block.buffer);
  block.set(new TextEncoder().encode(magic), 0);
  view.setUint32(8, tag.viewNumber);
  view.setUint32(12, tag.previousViewNumber);
  block[16] = name.byteLength;
  block.set(name, 17);
  view.setUint32(crcOffset, crc32(block.subarray(0, crcOffset)));
  return block;
}

export type DecodedTag = { ok: true; tag: ArbitrationTag | null } | { ok: false; why: string };

export function decodeArbitrationTag(block: Uint8Array): DecodedTag {
  if (block.byteLength < blockSizeBytes) return { ok: false, why: `the tag block is ${block.byteLength} bytes, not ${blockSizeBytes}` };
  if (block.subarray(0, blockSizeBytes).every((b) => b === 0)) return { ok: true, tag: null };
  const view = new DataView(block.buffer, block.byteOffset, blockSizeBytes);
  if (new TextDecoder().decode(block.subarray(0, 8)) !== magic) return { ok: false, why: 'the tag block does not start with WSFCTAG1' };
  const stored = view.getUint32(crcOffset);
  const computed = crc32(block.subarray(0, crcOffset));
  if (stored !== computed) return { ok: false, why: `the tag block's CRC-32 is 0x${stored.toString(16)}, its contents give 0x${computed.toString(16)}` };
  const nameLength = block[16] as number;
  if (nameLength < 1 || nameLength > nameBytesMax) return { ok: false, why: `the tag's leader name length ${nameLength} is outside 1-${nameBytesMax}` };
  const coordinator = new TextDecoder().decode(block.subarray(17, 17 + nameLength));
  return { ok: true, tag: { viewNumber: view.getUint32(8), previousViewNumber: view.getUint32(12), coordinator } };
}
