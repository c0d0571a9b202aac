// What the Storage cmdlets show: objects with the property names of MSFT_Disk, MSFT_Partition and
// MSFT_Volume, default table columns first (Get-Disk: Number, FriendlyName, SerialNumber,
// HealthStatus, OperationalStatus, Size (shown as "Total Size"), PartitionStyle). An iSCSI LUN of
// iSCSI Target Server shows as "MSFT Virtual HD". A drive letter not assigned is null.
import { blockSizeBytes } from '@wsfc-lab/protocol';
import { partitionTypeGuids, type DiskLayout } from '@wsfc-lab/storage-target';
import { localDisk, localPartitions, systemVolumeUsedBytes } from './local-disk.js';
import { dvdDriveLetter, entryOf, systemDriveLetter, type MountDatabase } from './mount-manager.js';
import type { IscsiDisk } from './state.js';

type Partition = DiskLayout['partitions'][number];

const braced = (guid: string) => `{${guid.toLowerCase()}}`;

function partitionTypeName(typeGuid: string): string {
  if (typeGuid === partitionTypeGuids.BasicData) return 'Basic';
  if (typeGuid === partitionTypeGuids.MicrosoftReserved) return 'Reserved';
  return 'Unknown';
}

export function localDiskView() {
  return {
    Number: localDisk.Number,
    FriendlyName: localDisk.FriendlyName,
    SerialNumber: localDisk.SerialNumber,
    HealthStatus: 'Healthy',
    OperationalStatus: 'Online',
    Size: localDisk.sizeBytes,
    PartitionStyle: 'GPT',
    IsOffline: false,
    OfflineReason: null,
    IsReadOnly: false,
    IsSystem: true,
    IsBoot: true,
    IsClustered: false,
    BusType: localDisk.BusType,
    Manufacturer: localDisk.Manufacturer,
    Model: localDisk.Model,
    NumberOfPartitions: localPartitions.length,
    Guid: localDisk.diskGuid,
    Location: 'Integrated : Adapter 0 : Port 0 : Target 0 : LUN 0',
  };
}

export function iscsiDiskView(disk: IscsiDisk) {
  const layout = disk.layout;
  return {
    Number: disk.number,
    FriendlyName: 'MSFT Virtual HD',
    SerialNumber: disk.serialNumber,
    HealthStatus: 'Healthy',
    OperationalStatus: disk.isOffline ? 'Offline' : 'Online',
    Size: disk.sizeBlocks * blockSizeBytes,
    PartitionStyle: layout?.partitionStyle ?? 'RAW',
    IsOffline: disk.isOffline,
    OfflineReason: disk.isOffline ? disk.offlineReason : null,
    IsReadOnly: false,
    IsSystem: false,
    IsBoot: false,
    IsClustered: false,
    BusType: 'iSCSI',
    Manufacturer: 'MSFT',
    Model: 'Virtual HD',
    NumberOfPartitions: layout?.partitions.length ?? 0,
    Guid: layout?.diskGuid ? `{${layout.diskGuid}}` : null,
    Location: `${disk.targetIqn} : LUN ${disk.lun}`,
  };
}

/** The letter a partition shows: its own in the mount database, while its disk is online. */
export function letterOf(disk: IscsiDisk, partition: Partition, mount: MountDatabase): string | null {
  if (disk.isOffline || !disk.present) return null;
  return entryOf(mount, partition.partitionGuid)?.driveLetter ?? null;
}

export function localPartitionViews() {
  return localPartitions.map((p) => ({
    DiskNumber: localDisk.Number,
    PartitionNumber: p.PartitionNumber,
    DriveLetter: p.DriveLetter,
    Offset: p.offsetBytes,
    Size: p.sizeBytes,
    Type: p.Type,
    GptType: p.GptType,
    IsOffline: false,
  }));
}

export function partitionView(disk: IscsiDisk, partition: Partition, mount: MountDatabase) {
  const index = disk.layout?.partitions.indexOf(partition) ?? -1;
  return {
    DiskNumber: disk.number,
    PartitionNumber: index + 1,
    DriveLetter: letterOf(disk, partition, mount),
    Offset: partition.firstLba * blockSizeBytes,
    Size: (partition.lastLba - partition.firstLba + 1) * blockSizeBytes,
    Type: partitionTypeName(partition.typeGuid),
    GptType: braced(partition.typeGuid),
    Guid: braced(partition.partitionGuid),
    IsOffline: disk.isOffline,
    Name: partition.name,
  };
}

/** Lab rule for a fresh NTFS volume's used space: $LogFile and the first MFT records, min(64 MiB, size/256) + 1 MiB. */
export function ntfsMetadataBytes(sizeBytes: number, clusterSizeBytes: number): number {
  const bytes = Math.min(64 * 1024 * 1024, Math.floor(sizeBytes / 256)) + 1024 * 1024;
  return Math.ceil(bytes / clusterSizeBytes) * clusterSizeBytes;
}

export function volumeView(disk: IscsiDisk, partition: Partition, mount: MountDatabase) {
  const volume = partition.volume;
  const driveLetter = letterOf(disk, partition, mount);
  const ntfs = volume.fileSystem === 'NTFS' ? volume : null;
  return {
    DriveLetter: driveLetter,
    FriendlyName: ntfs?.label ?? '',
    FileSystemType: ntfs ? 'NTFS' : 'Unknown',
    DriveType: 'Fixed',
    HealthStatus: 'Healthy',
    OperationalStatus: 'OK',
    SizeRemaining: ntfs ? ntfs.sizeBytes - ntfsMetadataBytes(ntfs.sizeBytes, ntfs.clusterSizeBytes) : 0,
    Size: ntfs?.sizeBytes ?? 0,
    FileSystemLabel: ntfs?.label ?? '',
    FileSystem: ntfs ? 'NTFS' : '',
    AllocationUnitSize: ntfs?.clusterSizeBytes ?? 0,
    UniqueId: `\\\\?\\Volume${braced(partition.partitionGuid)}\\`,
    DiskNumber: disk.number,
  };
}

export function localVolumeViews() {
  const system = localPartitions[2];
  return [
    {
      DriveLetter: systemDriveLetter,
      FriendlyName: '',
      FileSystemType: 'NTFS',
      DriveType: 'Fixed',
      HealthStatus: 'Healthy',
      OperationalStatus: 'OK',
      SizeRemaining: system.sizeBytes - systemVolumeUsedBytes,
      Size: system.sizeBytes,
      FileSystemLabel: '',
      FileSystem: 'NTFS',
      AllocationUnitSize: 4096,
      UniqueId: '\\\\?\\Volume{5c2d7a41-0b3e-4f6a-9c81-2d4e6f708192}\\',
      DiskNumber: localDisk.Number,
    },
    {
      DriveLetter: dvdDriveLetter,
      FriendlyName: '',
      FileSystemType: 'Unknown',
      DriveType: 'CD-ROM',
      HealthStatus: 'Healthy',
      OperationalStatus: 'Unknown',
      SizeRemaining: 0,
      Size: 0,
      FileSystemLabel: '',
      FileSystem: '',
      AllocationUnitSize: 0,
      UniqueId: '\\\\?\\Volume{7e1f3b52-6a4c-4d8e-b0f1-3a5c7e9b1d24}\\',
      DiskNumber: null,
    },
  ];
}

