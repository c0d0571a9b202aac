// The node's own devices, which are not on the iSCSI target: disk 0, the Hyper-V guest's system
// disk (a 127 GB VHDX, New-VM's default size, GPT with the EFI system, Microsoft reserved and
// Windows partitions), C: on it, and the guest's DVD drive as D:. Their contents never change in
// the lab. Lab rule: a fresh Windows Server install takes 15 GiB of C:.
const gib = 1024 ** 3;
const mib = 1024 ** 2;

export const localDisk = {
  Number: 0,
  FriendlyName: 'Msft Virtual Disk',
  SerialNumber: '',
  Manufacturer: 'Msft',
  Model: 'Virtual Disk',
  BusType: 'SCSI',
  sizeBytes: 127 * gib,
  diskGuid: '{1B2C3D4E-5F60-4718-8293-A4B5C6D7E8F9}',
} as const;

export const localPartitions = [
  { PartitionNumber: 1, Type: 'System', GptType: '{c12a7328-f81f-11d2-ba4b-00a0c93ec93b}', offsetBytes: 1 * mib, sizeBytes: 100 * mib, DriveLetter: null },
  { PartitionNumber: 2, Type: 'Reserved', GptType: '{e3c9e316-0b5c-4db8-817d-f92df00215ae}', offsetBytes: 101 * mib, sizeBytes: 16 * mib, DriveLetter: null },
  { PartitionNumber: 3, Type: 'Basic', GptType: '{ebd0a0a2-b9e5-4433-87c0-68b6b72699c7}', offsetBytes: 117 * mib, sizeBytes: 127 * gib - 118 * mib, DriveLetter: 'C' },
] as const;

export const systemVolumeUsedBytes = 15 * gib;
