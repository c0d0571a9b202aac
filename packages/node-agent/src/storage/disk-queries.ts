// The answers of Get-Disk, Get-Partition and Get-Volume, and of a change once it has landed, from
// the layouts just read. A query that names something absent fails as CIM cmdletization does.
import type { CommandReply } from '@wsfc-lab/protocol';
import { partitionTypeGuids } from '@wsfc-lab/storage-target';
import type { AfterWrite, DiskRequest } from './disk-requests.js';
import { iscsiDiskView, localDiskView, localPartitionViews, localVolumeViews, partitionView, volumeView } from './disk-views.js';
import { presentDisks } from './disks.js';
import { notFoundError } from './errors.js';
import { diskBySerial, type StorageState } from './state.js';

type Request<C extends DiskRequest['cmdlet']> = Extract<DiskRequest, { cmdlet: C }>;

const notFound = (cmdlet: string, cimClass: string, property: string, value: unknown): CommandReply => ({
  ok: false,
  error: notFoundError({ cmdlet, cimClass, property, value }),
});

export function answerGetDisk(state: StorageState, request: Request<'Get-Disk'> | Request<'Update-Disk'>): CommandReply {
  const rows = [localDiskView(), ...presentDisks(state).map(iscsiDiskView)];
  if (request.number === undefined) return { ok: true, output: request.cmdlet === 'Update-Disk' ? null : rows };
  const row = rows.find((r) => r.Number === request.number);
  if (!row) return notFound(request.cmdlet, 'MSFT_Disk', 'Number', request.number);
  return { ok: true, output: request.cmdlet === 'Update-Disk' ? null : [row] };
}

function allPartitionRows(state: StorageState) {
  return [...localPartitionViews(), ...presentDisks(state).flatMap((disk) => (disk.layout?.partitions ?? []).map((p) => partitionView(disk, p, state.mount)))];
}

export function answerGetPartition(state: StorageState, request: Request<'Get-Partition'>): CommandReply {
  let rows = allPartitionRows(state);
  if (request.driveLetter !== undefined) {
    rows = rows.filter((r) => r.DriveLetter === request.driveLetter);
    if (rows.length === 0) return notFound(request.cmdlet, 'MSFT_Partition', 'DriveLetter', request.driveLetter);
  }
  if (request.diskNumber !== undefined) {
    rows = rows.filter((r) => r.DiskNumber === request.diskNumber);
    if (rows.length === 0) return notFound(request.cmdlet, 'MSFT_Partition', 'DiskNumber', request.diskNumber);
  }
  if (request.partitionNumber !== undefined) {
    rows = rows.filter((r) => r.PartitionNumber === request.partitionNumber);
    if (rows.length === 0) return notFound(request.cmdlet, 'MSFT_Partition', 'PartitionNumber', request.partitionNumber);
  }
  return { ok: true, output: rows };
}

/** Volumes: the node's own, and one per basic data partition of each present, online disk. */
function allVolumeRows(state: StorageState) {
  const shared = presentDisks(state)
    .filter((disk) => !disk.isOffline)
    .flatMap((disk) => (disk.layout?.partitions ?? []).filter((p) => p.typeGuid === partitionTypeGuids.BasicData).map((p) => volumeView(disk, p, state.mount)));
  return [...localVolumeViews(), ...shared];
}

export function answerGetVolume(state: StorageState, request: Request<'Get-Volume'>): CommandReply {
  let rows = allVolumeRows(state);
  if (request.driveLetter !== undefined) {
    rows = rows.filter((r) => r.DriveLetter === request.driveLetter);
    if (rows.length === 0) return notFound(request.cmdlet, 'MSFT_Volume', 'DriveLetter', request.driveLetter);
  }
  if (request.fileSystemLabel !== undefined) {
    const wanted = request.fileSystemLabel.toLowerCase();
    rows = rows.filter((r) => r.FileSystemLabel.toLowerCase() === wanted);
    if (rows.length === 0) return notFound(request.cmdlet, 'MSFT_Volume', 'FileSystemLabel', request.fileSystemLabel);
  }
  return { ok: true, output: rows };
}

/** What a change shows once its writes landed and the disk was read again. */
export function answerAfterWrite(state: StorageState, after: AfterWrite): CommandReply {
  if (after.type === 'Nothing') return { ok: true, output: null };
  const disk = diskBySerial(state, after.serialNumber);
  if (!disk) return { ok: true, output: null };
  if (after.type === 'ShowDisk') return { ok: true, output: iscsiDiskView(disk) };
  const partition = disk.layout?.partitions.find((p) => p.partitionGuid === after.partitionGuid);
  if (!partition) return { ok: true, output: null };
  return { ok: true, output: after.type === 'ShowPartition' ? partitionView(disk, partition, state.mount) : volumeView(disk, partition, state.mount) };
}

