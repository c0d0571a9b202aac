// A GPT disk as Initialize-Disk -PartitionStyle GPT leaves it (UEFI 2.x §5): a protective MBR in
// LBA 0, the primary header in LBA 1, 128 partition entries of 128 bytes in LBA 2–33, and the
// backup entries and header at the end of the disk, each header carrying CRC-32s of itself and of
// the entry array. Pure encode/decode; the caller does the I/O.
import { blockSizeBytes } from '@wsfc-lab/protocol';
import { crc32 } from './crc32.js';
import { decodeGuid, encodeGuid, isGuid } from './guid.js';

export interface BlockWrite {
  lba: number;
  data: Uint8Array;
}

export interface GptPartition {
  typeGuid: string;
  partitionGuid: string;
  firstLba: number;
  /** Inclusive. */
  lastLba: number;
  /** The 64 attribute bits as "0x" and 16 hex digits (bit 63: no drive letter, 62: hidden, 60: read-only). */
  attributes: string;
  /** At most 36 UTF-16 characters. */
  name: string;
}

export interface GptDisk {
  diskGuid: string;
  sizeBlocks: number;
  partitions: GptPartition[];
}

export type PartitionStyle = 'RAW' | 'MBR' | 'GPT';

export const partitionTypeGuids = {
  BasicData: 'EBD0A0A2-B9E5-4433-87C0-68B6B72699C7',
  MicrosoftReserved: 'E3C9E316-0B5C-4DB8-817D-F92DF00215AE',
} as const;

export const gptEntryCount = 128;
export const gptEntrySizeBytes = 128;
const entriesBlocks = (gptEntryCount * gptEntrySizeBytes) / blockSizeBytes; // 32
const headerSizeBytes = 92;
const emptyGuid = '00000000-0000-0000-0000-000000000000';

/** LBA 0 through the last primary entry block: what to READ to decode a GPT disk. */
export const gptPrimaryRange = { lba: 0, blockCount: 2 + entriesBlocks } as const;

/** The backup entries and header at the end of the disk. */
export function gptBackupRange(sizeBlocks: number): { lba: number; blockCount: number } {
  return { lba: sizeBlocks - 1 - entriesBlocks, blockCount: entriesBlocks + 1 };
}

/** Where partitions may go: after the primary entries, before the backup entries. */
export function gptUsableRange(sizeBlocks: number): { firstLba: number; lastLba: number } {
  return { firstLba: 2 + entriesBlocks, lastLba: sizeBlocks - 2 - entriesBlocks };
}

export type Encoded = { ok: true; writes: BlockWrite[] } | { ok: false; why: string };

function validate(disk: GptDisk): string | undefined {
  if (!Number.isSafeInteger(disk.sizeBlocks) || disk.sizeBlocks < 2 * (2 + entriesBlocks)) return `a disk of ${disk.sizeBlocks} blocks is too small for GPT`;
  if (!isGuid(disk.diskGuid)) return `disk GUID ${JSON.stringify(disk.diskGuid)} is not a GUID`;
  if (disk.partitions.length > gptEntryCount) return `${disk.partitions.length} partitions, GPT holds ${gptEntryCount}`;
  const usable = gptUsableRange(disk.sizeBlocks);
  const sorted = [...disk.partitions].sort((a, b) => a.firstLba - b.firstLba);
  for (const [i, p] of sorted.entries()) {
    if (!isGuid(p.typeGuid) || !isGuid(p.partitionGuid)) return `partition "${p.name}" has a GUID that is not a GUID`;
    if (!(p.firstLba >= usable.firstLba && p.lastLba >= p.firstLba && p.lastLba <= usable.lastLba)) {
      return `partition "${p.name}" LBA ${p.firstLba}-${p.lastLba} is outside the usable ${usable.firstLba}-${usable.lastLba}`;
    }
    const previous = sorted[i - 1];
    if (previous && previous.lastLba >= p.firstLba) return `partition "${p.name}" overlaps partition "${previous.name}"`;
    if (p.name.length > 36) return `partition name ${JSON.stringify(p.name)} is longer than 36 characters`;
    if (!/^0x[0-9a-f]{16}$/.test(p.attributes)) return `partition "${p.name}" attributes ${JSON.stringify(p.attributes)} are not "0x" and 16 hex digits`;
  }
  return undefined;
}

function protectiveMbr(sizeBlocks: number): Uint8Array {
  const mbr = new Uint8Array(blockSizeBytes);
  const view = new DataView(mbr.buffer);
  const entry = 446;
  mbr.set([0x00, 0x00, 0x02, 0x00, 0xee, 0xff, 0xff, 0xff], entry);
  view.setUint32(entry + 8, 1, true);
  view.setUint32(entry + 12, Math.min(sizeBlocks - 1, 0xffff_ffff), true);
  mbr[510] = 0x55;
  mbr[511] = 0xaa;
  return mbr;
}

function entryArray(partitions: readonly GptPartition[]): Uint8Array {
  const bytes = new Uint8Array(gptEntryCount * gptEntrySizeBytes);
  const view = new DataView(bytes.buffer);
  partitions.forEach((p, i) => {
    const at = i * gptEntrySizeBytes;
    encodeGuid(p.typeGuid, bytes, at);
    encodeGuid(p.partitionGuid, bytes, at + 16);
    view.setBigUint64(at + 32, BigInt(p.firstLba), true);
    view.setBigUint64(at + 40, BigInt(p.lastLba), true);
    view.setBigUint64(at + 48, BigInt(p.attributes), true);
    for (let c = 0; c < p.name.length; c++) view.setUint16(at + 56 + c * 2, p.name.charCodeAt(c), true);
  });
  return bytes;
}

function header(o: { disk: GptDisk; myLba: number; alternateLba: number; entriesLba: number; entriesCrc: number }): Uint8Array {
  const bytes = new Uint8Array(blockSizeBytes);
  const view = new DataView(bytes.buffer);
  const usable = gptUsableRange(o.disk.sizeBlocks);
  bytes.set(new TextEncoder().encode('EFI PART'), 0);
  view.setUint32(8, 0x0001_0000, true);
  view.setUint32(12, headerSizeBytes, true);
  view.setBigUint64(24, BigInt(o.myLba), true);
  view.setBigUint64(32, BigInt(o.alternateLba), true);
  view.setBigUint64(40, BigInt(usable.firstLba), true);
  view.setBigUint64(48, BigInt(usable.lastLba), true);
  encodeGuid(o.disk.diskGuid, bytes, 56);
  view.setBigUint64(72, BigInt(o.entriesLba), true);
  view.setUint32(80, gptEntryCount, true);
  view.setUint32(84, gptEntrySizeBytes, true);
  view.setUint32(88, o.entriesCrc, true);
  view.setUint32(16, crc32(bytes.subarray(0, headerSizeBytes)), true);
  return bytes;
}

/** The writes that make `disk` a GPT disk: LBA 0–33 in one, the backup in another. */
export function encodeGptDisk(disk: GptDisk): Encoded {
  const why = validate(disk);
  if (why) return { ok: false, why };
  const entries = entryArray(disk.partitions);
  const entriesCrc = crc32(entries);
  const lastLba = disk.sizeBlocks - 1;
  const backup = gptBackupRange(disk.sizeBlocks);
  const primary = new Uint8Array(gptPrimaryRange.blockCount * blockSizeBytes);
  primary.set(protectiveMbr(disk.sizeBlocks), 0);
  primary.set(header({ disk, myLba: 1, alternateLba: lastLba, entriesLba: 2, entriesCrc }), blockSizeBytes);
  primary.set(entries, 2 * blockSizeBytes);
  const tail = new Uint8Array(backup.blockCount * blockSizeBytes);
  tail.set(entries, 0);
  tail.set(header({ disk, myLba: lastLba, alternateLba: 1, entriesLba: backup.lba, entriesCrc }), entriesBlocks * blockSizeBytes);
  return { ok: true, writes: [{ lba: 0, data: primary }, { lba: backup.lba, data: tail }] };
}

/** RAW (no boot signature), MBR, or GPT (a protective 0xEE partition), from LBA 0. */
export function decodePartitionStyle(lba0: Uint8Array): PartitionStyle {
  if (lba0.length < blockSizeBytes || lba0[510] !== 0x55 || lba0[511] !== 0xaa) return 'RAW';
  const types = [0, 1, 2, 3].map((i) => lba0[446 + i * 16 + 4]);
  return types.includes(0xee) ? 'GPT' : 'MBR';
}

export type DecodedGpt = { ok: true; disk: GptDisk; header: 'Primary' | 'Backup' } | { ok: false; partitionStyle: PartitionStyle; why: string };

/**
 * Decodes a GPT disk from its first 34 blocks (`gptPrimaryRange`); when the primary header is
 * damaged and `backup` (the blocks of `gptBackupRange`) is given, from the backup, as Windows does.
 */
export function decodeGptDisk(o: { sizeBlocks: number; primary: Uint8Array; backup?: Uint8Array }): DecodedGpt {
  const style = decodePartitionStyle(o.primary);
  if (style !== 'GPT') return { ok: false, partitionStyle: style, why: `LBA 0 holds no protective MBR (${style})` };
  const primary = decodeHeaderAndEntries(o.primary.subarray(blockSizeBytes), o.primary.subarray(2 * blockSizeBytes), { sizeBlocks: o.sizeBlocks, myLba: 1 });
  if (primary.ok) return { ok: true, disk: primary.disk, header: 'Primary' };
  if (!o.backup) return { ok: false, partitionStyle: 'GPT', why: `primary GPT header: ${primary.why}` };
  const backupRange = gptBackupRange(o.sizeBlocks);
  const backup = decodeHeaderAndEntries(o.backup.subarray(entriesBlocks * blockSizeBytes), o.backup.subarray(0, entriesBlocks * blockSizeBytes), {
    sizeBlocks: o.sizeBlocks,
    myLba: o.sizeBlocks - 1,
    entriesLba: backupRange.lba,
  });
  if (backup.ok) return { ok: true, disk: backup.disk, header: 'Backup' };
  return { ok: false, partitionStyle: 'GPT', why: `primary GPT header: ${primary.why}; backup GPT header: ${backup.why}` };
}

function decodeHeaderAndEntries(
  headerBlock: Uint8Array,
  entries: Uint8Array,
  expect: { sizeBlocks: number; myLba: number; entriesLba?: number },
): { ok: true; disk: GptDisk } | { ok: false; why: string } {
  if (headerBlock.length < blockSizeBytes) return { ok: false, why: 'the header block was not read' };
  const view = new DataView(headerBlock.buffer, headerBlock.byteOffset, blockSizeBytes);
  if (new TextDecoder().decode(headerBlock.subarray(0, 8)) !== 'EFI PART') return { ok: false, why: 'no "EFI PART" signature' };
  const size = view.getUint32(12, true);
  if (size < headerSizeBytes || size > blockSizeBytes) return { ok: false, why: `header size ${size} is outside ${headerSizeBytes}..${blockSizeBytes}` };
  const copy = headerBlock.slice(0, size);
  new DataView(copy.buffer).setUint32(16, 0, true);
  if (crc32(copy) !== view.getUint32(16, true)) return { ok: false, why: 'header CRC-32 does not match' };
  const myLba = Number(view.getBigUint64(24, true));
  if (myLba !== expect.myLba) return { ok: false, why: `header says it is at LBA ${myLba}, read from LBA ${expect.myLba}` };
  const entriesLba = Number(view.getBigUint64(72, true));
  if (expect.entriesLba !== undefined ? entriesLba !== expect.entriesLba : entriesLba !== 2) return { ok: false, why: `partition entries at LBA ${entriesLba}, not where they were read` };
  const count = view.getUint32(80, true);
  const entrySize = view.getUint32(84, true);
  if (entrySize !== gptEntrySizeBytes || count > gptEntryCount) return { ok: false, why: `${count} entries of ${entrySize} bytes; the lab reads up to ${gptEntryCount} of ${gptEntrySizeBytes}` };
  const array = entries.subarray(0, count * entrySize);
  if (array.length < count * entrySize) return { ok: false, why: 'the partition entries were not all read' };
  if (crc32(array) !== view.getUint32(88, true)) return { ok: false, why: 'partition entry array CRC-32 does not match' };
  return { ok: true, disk: { diskGuid: decodeGuid(headerBlock, 56), sizeBlocks: expect.sizeBlocks, partitions: decodeEntries(array, count) } };
}

function decodeEntries(array: Uint8Array, count: number): GptPartition[] {
  const view = new DataView(array.buffer, array.byteOffset, array.byteLength);
  const partitions: GptPartition[] = [];
  for (let i = 0; i < count; i++) {
    const at = i * gptEntrySizeBytes;
    const typeGuid = decodeGuid(array, at);
    if (typeGuid === emptyGuid) continue;
    let name = '';
    for (let c = 0; c < 36; c++) {
      const code = view.getUint16(at + 56 + c * 2, true);
      if (code === 0) break;
      name += String.fromCharCode(code);
    }
    partitions.push({
      typeGuid,
      partitionGuid: decodeGuid(array, at + 16),
      firstLba: Number(view.getBigUint64(at + 32, true)),
      lastLba: Number(view.getBigUint64(at + 40, true)),
      attributes: `0x${view.getBigUint64(at + 48, true).toString(16).padStart(16, '0')}`,
      name,
    });
  }
  return partitions;
}
