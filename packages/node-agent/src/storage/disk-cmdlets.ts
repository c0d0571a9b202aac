// The Storage module's disk cmdlets on the node. Parameters are bound and checked here (a bad one
// fails at once, nothing queued); the cmdlet then runs as a disk operation, which reads the
// disks through the initiator and answers once the target has answered.
import type { CmdletError } from '@wsfc-lab/protocol';
import type { CmdletCall } from '../subsystem.js';
import { enqueueOperation } from './disk-operation.js';
import type { DiskRequest } from './disk-requests.js';
import { storageWmiError } from './errors.js';
import { bindAll, CmdletParameters } from './params.js';
import type { StorageIo, StorageState } from './state.js';

type Binder = (p: CmdletParameters) => { ok: true; request: DiskRequest } | { ok: false; error: CmdletError };

const bindGetDisk: Binder = (p) => {
  const number = p.optionalInteger('Number');
  return number.ok ? { ok: true, request: { cmdlet: 'Get-Disk', number: number.value } } : number;
};

const bindUpdateDisk: Binder = (p) => {
  const number = p.optionalInteger('Number');
  return number.ok ? { ok: true, request: { cmdlet: 'Update-Disk', number: number.value } } : number;
};

const bindGetPartition: Binder = (p) => {
  const bound = bindAll({ diskNumber: p.optionalInteger('DiskNumber'), partitionNumber: p.optionalInteger('PartitionNumber'), driveLetter: p.optionalDriveLetter('DriveLetter') });
  return bound.ok ? { ok: true, request: { cmdlet: 'Get-Partition', ...bound.values } } : bound;
};

const bindGetVolume: Binder = (p) => {
  const bound = bindAll({ driveLetter: p.optionalDriveLetter('DriveLetter'), fileSystemLabel: p.optionalString('FileSystemLabel') });
  return bound.ok ? { ok: true, request: { cmdlet: 'Get-Volume', ...bound.values } } : bound;
};

const bindSetDisk: Binder = (p) => {
  const bound = bindAll({ number: p.requiredInteger('Number'), isOffline: p.optionalBoolean('IsOffline') });
  return bound.ok ? { ok: true, request: { cmdlet: 'Set-Disk', ...bound.values } } : bound;
};

const bindInitializeDisk: Binder = (p) => {
  const bound = bindAll({ number: p.requiredInteger('Number'), partitionStyle: p.optionalString('PartitionStyle') });
  if (!bound.ok) return bound;
  // "If no partition style is specified, GPT will be selected by default" (MSFT_Disk.Initialize).
  return { ok: true, request: { cmdlet: 'Initialize-Disk', number: bound.values.number, partitionStyle: bound.values.partitionStyle ?? 'GPT', passThru: p.switch('PassThru') } };
};

const bindNewPartition: Binder = (p) => {
  const bound = bindAll({ diskNumber: p.requiredInteger('DiskNumber'), size: p.optionalInteger('Size', 'System.UInt64'), driveLetter: p.optionalDriveLetter('DriveLetter') });
  if (!bound.ok) return bound;
  const { diskNumber, size, driveLetter } = bound.values;
  const useMaximumSize = p.switch('UseMaximumSize');
  if ((size === undefined) === !useMaximumSize) return { ok: false, error: storageWmiError('New-Partition', 'SizeRequired') };
  return { ok: true, request: { cmdlet: 'New-Partition', diskNumber, sizeBytes: size ?? 'Maximum', driveLetter, assignDriveLetter: p.switch('AssignDriveLetter') } };
};

const bindFormatVolume: Binder = (p) => {
  const bound = bindAll({
    driveLetter: p.optionalDriveLetter('DriveLetter'),
    fileSystem: p.optionalString('FileSystem'),
    label: p.optionalString('NewFileSystemLabel'),
    clusterSizeBytes: p.optionalInteger('AllocationUnitSize'),
  });
  if (!bound.ok) return bound;
  const { driveLetter, fileSystem, label, clusterSizeBytes } = bound.values;
  // The lab finds the volume by drive letter only (not -Path, -Partition or -ObjectId).
  if (driveLetter === undefined) return { ok: false, error: storageWmiError('Format-Volume', 'InvalidParameter') };
  return { ok: true, request: { cmdlet: 'Format-Volume', driveLetter, fileSystem: fileSystem ?? 'NTFS', label: label ?? '', clusterSizeBytes } };
};

/** Each cmdlet's binder and the parameters it takes by position (names.ts "Name@0"). */
const binders: Record<DiskRequest['cmdlet'], { bind: Binder; positions: string[] }> = {
  'Get-Disk': { bind: bindGetDisk, positions: ['Number'] },
  'Update-Disk': { bind: bindUpdateDisk, positions: ['Number'] },
  'Get-Partition': { bind: bindGetPartition, positions: ['DiskNumber', 'PartitionNumber'] },
  'Get-Volume': { bind: bindGetVolume, positions: ['DriveLetter'] },
  'Set-Disk': { bind: bindSetDisk, positions: ['Number'] },
  'Initialize-Disk': { bind: bindInitializeDisk, positions: ['Number'] },
  'New-Partition': { bind: bindNewPartition, positions: ['DiskNumber'] },
  'Format-Volume': { bind: bindFormatVolume, positions: ['DriveLetter'] },
};

function diskCmdlet(cmdlet: DiskRequest['cmdlet']) {
  return (state: StorageState, call: CmdletCall, io: StorageIo): void => {
    const { bind, positions } = binders[cmdlet];
    const bound = bind(new CmdletParameters(cmdlet, call.parameters, positions));
    if (!bound.ok) return io.reply(call.requestId, { ok: false, error: bound.error });
    enqueueOperation(state, io, { opId: call.requestId, request: bound.request });
  };
}

export const diskCmdlets = Object.fromEntries(
  (Object.keys(binders) as DiskRequest['cmdlet'][]).map((cmdlet) => [cmdlet, diskCmdlet(cmdlet)]),
) as Record<DiskRequest['cmdlet'], (state: StorageState, call: CmdletCall, io: StorageIo) => void>;
