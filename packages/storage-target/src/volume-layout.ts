// The on-disk layout of a shared disk, as seed 000 leaves it: Initialize-Disk -PartitionStyle GPT,
// New-Partition, Format-Volume -FileSystem NTFS. Everything lives in the LUN's own blocks and goes
// through the normal WRITE path, so any node that READs the blocks sees the same formatted volume
// (the node-side Get-Disk, Get-Partition and Get-Volume decode with these functions). Drive
// letters are not on the disk: each node keeps its own (the cluster keeps a clustered disk's).
//
// The node side does its own I/O: encode* return the block writes to send as WRITEs; decode*
// take the blocks READ at the ranges given here. `readDiskLayout` chains them over a synchronous
// reader, for tests and for callers that hold the blocks already.
import { blockSizeBytes } from '@wsfc-lab/protocol';
import { decodeGptDisk, decodePartitionStyle, gptBackupRange, gptPrimaryRange, type GptPartition, type PartitionStyle } from './gpt.js';
import { decodeNtfsBootSector, decodeNtfsVolumeRecord, ntfsVolumeRecordRange } from './ntfs.js';

export {
  decodeGptDisk,
  decodePartitionStyle,
  encodeGptDisk,
  gptBackupRange,
  gptEntryCount,
  gptPrimaryRange,
  gptUsableRange,
  partitionTypeGuids,
  type BlockWrite,
  type DecodedGpt,
  type GptDisk,
  type GptPartition,
  type PartitionStyle,
} from './gpt.js';
export {
  decodeNtfsBootSector,
  decodeNtfsVolumeRecord,
  encodeNtfsVolume,
  ntfsVolumeRecordRange,
  type NtfsBootSector,
  type NtfsFormat,
  type NtfsVolumeRecord,
} from './ntfs.js';

/** Windows aligns partitions to 1 MiB (2048 blocks of 512 bytes). */
export const partitionAlignmentBlocks = (1024 * 1024) / blockSizeBytes;

/** The names Windows gives GPT partition entries. */
export const gptPartitionNames = { BasicData: 'Basic data partition', MicrosoftReserved: 'Microsoft reserved partition' } as const;

export type VolumeInfo =
  | { fileSystem: 'NTFS'; label: string; serialNumber: string; sizeBytes: number; clusterSizeBytes: number; ntfsVersion: string }
  | { fileSystem: 'RAW'; why: string };

export interface DiskLayout {
  partitionStyle: PartitionStyle;
  diskGuid: string | null;
  partitions: (GptPartition & { volume: VolumeInfo })[];
  /** Why the partition table could not be read, when it could not. */
  why?: string;
}

/** Reads what Get-Disk/Get-Partition/Get-Volume show, through `read(lba, blockCount)`. */
export function readDiskLayout(read: (lba: number, blockCount: number) => Uint8Array, sizeBlocks: number): DiskLayout {
  const primary = read(gptPrimaryRange.lba, Math.min(gptPrimaryRange.blockCount, sizeBlocks));
  const style = decodePartitionStyle(primary);
  if (style !== 'GPT') return { partitionStyle: style, diskGuid: null, partitions: [] };
  let decoded = decodeGptDisk({ sizeBlocks, primary });
  if (!decoded.ok) {
    const range = gptBackupRange(sizeBlocks);
    decoded = decodeGptDisk({ sizeBlocks, primary, backup: read(range.lba, range.blockCount) });
  }
  if (!decoded.ok) return { partitionStyle: 'GPT', diskGuid: null, partitions: [], why: decoded.why };
  const partitions = decoded.disk.partitions.map((p) => ({ ...p, volume: readVolume(read, p) }));
  return { partitionStyle: 'GPT', diskGuid: decoded.disk.diskGuid, partitions };
}

function readVolume(read: (lba: number, blockCount: number) => Uint8Array, partition: GptPartition): VolumeInfo {
  const boot = decodeNtfsBootSector(read(partition.firstLba, 1));
  if (!boot.ok) return { fileSystem: 'RAW', why: boot.why };
  const range = ntfsVolumeRecordRange(boot.boot);
  if (partition.firstLba + range.lbaOffset + range.blockCount > partition.lastLba + 1) return { fileSystem: 'RAW', why: '$Volume record lies outside the partition' };
  const record = decodeNtfsVolumeRecord(read(partition.firstLba + range.lbaOffset, range.blockCount));
  if (!record.ok) return { fileSystem: 'RAW', why: record.why };
  return {
    fileSystem: 'NTFS',
    label: record.record.label,
    serialNumber: boot.boot.serialNumber,
    sizeBytes: boot.boot.totalSectors * boot.boot.bytesPerSector,
    clusterSizeBytes: boot.boot.clusterSizeBytes,
    ntfsVersion: record.record.ntfsVersion,
  };
}
