// Deciding what a disk-management cmdlet does, from the layouts just read: an answer now (a view,
// or the Storage module's error with nothing changed), or the block writes that make the change
// (with the volume-layout encoders of the storage-target package), the drive letter to record,
// and what to show afterwards. Pure: randomness (GUIDs, the NTFS serial) comes in as `random`.
import { blockSizeBytes, type CmdletError, type CommandReply } from '@wsfc-lab/protocol';
import {
  encodeGptDisk,
  encodeNtfsVolume,
  gptPartitionNames,
  gptUsableRange,
  partitionAlignmentBlocks,
  partitionTypeGuids,
  randomGuid,
  type BlockWrite,
  type GptDisk,
  type GptPartition,
} from '@wsfc-lab/storage-target';
import type { AfterWrite, DiskRequest, LetterChange } from './disk-requests.js';
import { notFoundError, storageWmiError, unsupportedValueError, type StorageWmiStatusName } from './errors.js';
import { systemDiskNumber } from './disks.js';
import { dvdDriveLetter, isLocalLetter, systemDriveLetter } from './mount-manager.js';
import { letterOf } from './disk-views.js';
import { diskByNumber, type IscsiDisk, type StorageState } from './state.js';

export type Plan =
  | { type: 'Reply'; reply: CommandReply }
  | { type: 'SetOffline'; serialNumber: string; isOffline: boolean }
  | { type: 'Write'; serialNumber: string; writes: BlockWrite[]; letter: LetterChange | null; after: AfterWrite };

type Request<C extends DiskRequest['cmdlet']> = Extract<DiskRequest, { cmdlet: C }>;

const fail = (error: CmdletError): Plan => ({ type: 'Reply', reply: { ok: false, error } });
const wmi = (cmdlet: string, status: StorageWmiStatusName): Plan => fail(storageWmiError(cmdlet, status));
const diskNotFound = (cmdlet: string, number: number) => fail(notFoundError({ cmdlet, cimClass: 'MSFT_Disk', property: 'Number', value: number }));

/** Microsoft reserved partition: 16 MiB from LBA 34, as Windows 10 / Server 2016 and later create it. */
const reservedPartitionBlocks = (16 * 1024 * 1024) / blockSizeBytes;

/** The disk a change addresses, or the Storage module's refusal (disk 0 is never changed here). */
function writableDisk(state: StorageState, cmdlet: string, number: number): IscsiDisk | Plan {
  if (number === systemDiskNumber) return wmi(cmdlet, cmdlet === 'Initialize-Disk' ? 'AlreadyInitialized' : 'CriticalDisk');
  const disk = diskByNumber(state, number);
  if (!disk) return diskNotFound(cmdlet, number);
  if (disk.isOffline) return wmi(cmdlet, 'DiskOffline');
  if (!disk.layout) return wmi(cmdlet, 'IoError');
  return disk;
}

export function planSetDisk(state: StorageState, request: Request<'Set-Disk'>): Plan {
  if (request.number === systemDiskNumber) return request.isOffline ? wmi(request.cmdlet, 'CriticalDisk') : { type: 'Reply', reply: { ok: true, output: null } };
  const disk = diskByNumber(state, request.number);
  if (!disk) return diskNotFound(request.cmdlet, request.number);
  if (request.isOffline === undefined) return { type: 'Reply', reply: { ok: true, output: null } };
  return { type: 'SetOffline', serialNumber: disk.serialNumber, isOffline: request.isOffline };
}

export function planInitialize(state: StorageState, request: Request<'Initialize-Disk'>, random: () => number): Plan {
  const disk = writableDisk(state, request.cmdlet, request.number);
  if ('type' in disk) return disk;
  if (disk.layout?.partitionStyle !== 'RAW') return wmi(request.cmdlet, 'AlreadyInitialized');
  const style = request.partitionStyle.toUpperCase();
  if (style !== 'GPT' && style !== 'MBR') return fail(unsupportedValueError({ cmdlet: request.cmdlet, parameter: 'PartitionStyle', value: request.partitionStyle, why: 'is not one of MBR, GPT' }));
  // The lab writes GPT only; MBR disks are out of its scope.
  if (style === 'MBR') return wmi(request.cmdlet, 'NotSupported');
  const usable = gptUsableRange(disk.sizeBlocks);
  const hasRoom = usable.firstLba + reservedPartitionBlocks + partitionAlignmentBlocks <= usable.lastLba;
  const reserved: GptPartition = {
    typeGuid: partitionTypeGuids.MicrosoftReserved,
    partitionGuid: randomGuid(random),
    firstLba: usable.firstLba,
    lastLba: usable.firstLba + reservedPartitionBlocks - 1,
    attributes: '0x0000000000000000',
    name: gptPartitionNames.MicrosoftReserved,
  };
  const encoded = encodeGptDisk({ diskGuid: randomGuid(random), sizeBlocks: disk.sizeBlocks, partitions: hasRoom ? [reserved] : [] });
  if (!encoded.ok) return wmi(request.cmdlet, 'NotSupported');
  const after: AfterWrite = request.passThru ? { type: 'ShowDisk', serialNumber: disk.serialNumber } : { type: 'Nothing' };
  return { type: 'Write', serialNumber: disk.serialNumber, writes: encoded.writes, letter: null, after };
}

/** Letters in use now: the node's own, and those of volumes mounted (present, online disks). */
function mountedLetters(state: StorageState): Set<string> {
  const letters = new Set([systemDriveLetter, dvdDriveLetter]);
  for (const disk of state.disks) {
    for (const partition of disk.layout?.partitions ?? []) {
      const letter = letterOf(disk, partition, state.mount);
      if (letter) letters.add(letter);
    }
  }
  return letters;
}

/** The first free extent, aligned to 1 MiB, after the last partition. */
function freeExtent(disk: IscsiDisk): { firstLba: number; lastLba: number } {
  const usable = gptUsableRange(disk.sizeBlocks);
  const lastEnd = Math.max(usable.firstLba - 1, ...(disk.layout?.partitions ?? []).map((p) => p.lastLba));
  const firstLba = Math.ceil((lastEnd + 1) / partitionAlignmentBlocks) * partitionAlignmentBlocks;
  const lastLba = Math.floor((usable.lastLba + 1) / partitionAlignmentBlocks) * partitionAlignmentBlocks - 1;
  return { firstLba, lastLba };
}

export function planNewPartition(state: StorageState, request: Request<'New-Partition'>, random: () => number): Plan {
  if (request.diskNumber === systemDiskNumber) return wmi(request.cmdlet, 'NotEnoughCapacity');
  const disk = writableDisk(state, request.cmdlet, request.diskNumber);
  if ('type' in disk) return disk;
  const layout = disk.layout!;
  if (layout.partitionStyle === 'RAW') return wmi(request.cmdlet, 'NotInitialized');
  if (layout.partitionStyle !== 'GPT' || layout.diskGuid === null) return wmi(request.cmdlet, 'NotSupported');
  if (request.driveLetter !== undefined && mountedLetters(state).has(request.driveLetter)) return wmi(request.cmdlet, 'AccessPathInUse');
  if (layout.partitions.length >= 128) return wmi(request.cmdlet, 'PartitionLimit');
  const extent = freeExtent(disk);
  const lastLba = request.sizeBytes === 'Maximum' ? extent.lastLba : extent.firstLba + Math.ceil(request.sizeBytes / blockSizeBytes) - 1;
  if (request.sizeBytes !== 'Maximum' && request.sizeBytes <= 0) return wmi(request.cmdlet, 'InvalidParameter');
  if (lastLba < extent.firstLba || lastLba > extent.lastLba) return wmi(request.cmdlet, 'NotEnoughCapacity');
  const partition: GptPartition = {
    typeGuid: partitionTypeGuids.BasicData,
    partitionGuid: randomGuid(random),
    firstLba: extent.firstLba,
    lastLba,
    attributes: '0x0000000000000000',
    name: gptPartitionNames.BasicData,
  };
  const gpt: GptDisk = { diskGuid: layout.diskGuid, sizeBlocks: disk.sizeBlocks, partitions: [...layout.partitions.map(({ volume: _volume, ...p }) => p), partition] };
  const encoded = encodeGptDisk(gpt);
  if (!encoded.ok) return wmi(request.cmdlet, 'InvalidParameter');
  // A new partition starts RAW: its first block is cleared, so an old boot sector cannot show through.
  const clearBoot: BlockWrite = { lba: partition.firstLba, data: new Uint8Array(blockSizeBytes) };
  const driveLetter = request.driveLetter ?? (request.assignDriveLetter ? freeLetterFor(state) : null);
  return {
    type: 'Write',
    serialNumber: disk.serialNumber,
    writes: [...encoded.writes, clearBoot],
    letter: { partitionGuid: partition.partitionGuid, driveLetter },
    after: { type: 'ShowPartition', serialNumber: disk.serialNumber, partitionGuid: partition.partitionGuid },
  };
}

function freeLetterFor(state: StorageState): string | null {
  const mounted = mountedLetters(state);
  const remembered = new Set(state.mount.entries.flatMap((e) => (e.driveLetter ? [e.driveLetter] : [])));
  for (let code = 'C'.charCodeAt(0); code <= 'Z'.charCodeAt(0); code++) {
    const letter = String.fromCharCode(code);
    if (!mounted.has(letter) && !remembered.has(letter)) return letter;
  }
  return null;
}

/** The mounted volume with this drive letter: its disk and partition. */
function volumeByLetter(state: StorageState, driveLetter: string): { disk: IscsiDisk; partition: NonNullable<IscsiDisk['layout']>['partitions'][number] } | undefined {
  for (const disk of state.disks) {
    for (const partition of disk.layout?.partitions ?? []) {
      if (letterOf(disk, partition, state.mount) === driveLetter) return { disk, partition };
    }
  }
  return undefined;
}

function randomVolumeSerial(random: () => number): string {
  let hex = '';
  for (let i = 0; i < 16; i++) hex += Math.floor(random() * 16).toString(16);
  return `0x${hex}`;
}

export function planFormat(state: StorageState, request: Request<'Format-Volume'>, random: () => number): Plan {
  if (request.driveLetter === systemDriveLetter) return wmi(request.cmdlet, 'AccessDenied');
  if (isLocalLetter(request.driveLetter)) return wmi(request.cmdlet, 'NotSupported');
  const found = volumeByLetter(state, request.driveLetter);
  if (!found) return fail(notFoundError({ cmdlet: request.cmdlet, cimClass: 'MSFT_Volume', property: 'DriveLetter', value: request.driveLetter }));
  if (request.fileSystem.toUpperCase() !== 'NTFS') return wmi(request.cmdlet, 'FileSystemNotSupported');
  if (request.label.length > 32) return wmi(request.cmdlet, 'InvalidParameter');
  const { disk, partition } = found;
  const encoded = encodeNtfsVolume({
    partitionFirstLba: partition.firstLba,
    partitionSizeBlocks: partition.lastLba - partition.firstLba + 1,
    label: request.label,
    serialNumber: randomVolumeSerial(random),
    ...(request.clusterSizeBytes !== undefined ? { clusterSizeBytes: request.clusterSizeBytes } : {}),
  });
  if (!encoded.ok) return wmi(request.cmdlet, /AllocationUnitSize/.test(encoded.why) ? 'ClusterSizeInvalid' : 'InvalidParameter');
  return { type: 'Write', serialNumber: disk.serialNumber, writes: encoded.writes, letter: null, after: { type: 'ShowVolume', serialNumber: disk.serialNumber, partitionGuid: partition.partitionGuid } };
}
