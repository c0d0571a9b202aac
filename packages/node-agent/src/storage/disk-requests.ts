// The disk-management cmdlets as data, once their parameters are bound, and what a planned change
// does after its writes land.

export type DiskRequest =
  | { cmdlet: 'Get-Disk'; number: number | undefined }
  | { cmdlet: 'Get-Partition'; diskNumber: number | undefined; partitionNumber: number | undefined; driveLetter: string | undefined }
  | { cmdlet: 'Get-Volume'; driveLetter: string | undefined; fileSystemLabel: string | undefined }
  | { cmdlet: 'Update-Disk'; number: number | undefined }
  | { cmdlet: 'Set-Disk'; number: number; isOffline: boolean | undefined }
  | { cmdlet: 'Initialize-Disk'; number: number; partitionStyle: string; passThru: boolean }
  | { cmdlet: 'New-Partition'; diskNumber: number; sizeBytes: number | 'Maximum'; driveLetter: string | undefined; assignDriveLetter: boolean }
  | { cmdlet: 'Format-Volume'; driveLetter: string; fileSystem: string; label: string; clusterSizeBytes: number | undefined };

export type DiskCmdletName = DiskRequest['cmdlet'];

/** What the cmdlet answers once its writes have landed and the disk has been read again. */
export type AfterWrite =
  | { type: 'Nothing' }
  | { type: 'ShowDisk'; serialNumber: string }
  | { type: 'ShowPartition'; serialNumber: string; partitionGuid: string }
  | { type: 'ShowVolume'; serialNumber: string; partitionGuid: string };

/** A drive letter to record for a new partition once it exists (null: known, no letter). */
export interface LetterChange {
  partitionGuid: string;
  driveLetter: string | null;
}
