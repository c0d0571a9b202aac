// The Storage cmdlets through the initiator: seed 000's steps on node01, node02 seeing the same
// volume, drive letters kept across a restart, and bad input refused with the Storage module's
// texts and nothing written.
import test from 'ava';
import { formatReservationKey, zeroReservationKey } from '@wsfc-lab/protocol';
import { StorageBench, benchNodeConfig } from './_bench.js';
import { registerKey, reserve } from './cluster-api.js';
import { storage } from './subsystem.js';

function bench() {
  const b = new StorageBench({ nodes: [benchNodeConfig('node01', { address: '172.16.1.5' }), benchNodeConfig('node02', { address: '172.16.1.10' })] });
  b.advance(1000);
  return b;
}

/** Seed 000 on node01: online, GPT, one partition as E:, NTFS. */
function formatOnNode01(b: StorageBench, driveLetter = 'E') {
  b.ok('node01', 'Set-Disk', { Number: 1, IsOffline: false });
  b.ok('node01', 'Initialize-Disk', { Number: 1, PartitionStyle: 'GPT' });
  const partition = b.ok<Record<string, unknown>>('node01', 'New-Partition', { DiskNumber: 1, UseMaximumSize: true, DriveLetter: driveLetter });
  const volume = b.ok<Record<string, unknown>>('node01', 'Format-Volume', { DriveLetter: driveLetter, FileSystem: 'NTFS', NewFileSystemLabel: 'Cluster Disk 1' });
  return { partition, volume };
}

test("seed 000's disk steps on node01 leave a GPT disk with a reserved and a basic partition, and an NTFS E:", (t) => {
  const b = bench();
  const [disk] = b.ok('node01', 'Get-Disk', { $positional: [1] });
  t.like(disk, { Number: 1, FriendlyName: 'MSFT Virtual HD', OperationalStatus: 'Offline', PartitionStyle: 'RAW', HealthStatus: 'Healthy', Size: 64 * 1024 * 1024 });
  const { partition, volume } = formatOnNode01(b);
  t.like(partition, { DiskNumber: 1, PartitionNumber: 2, DriveLetter: 'E', Offset: 17 * 1024 * 1024, Type: 'Basic' });
  t.like(volume, { DriveLetter: 'E', FriendlyName: 'Cluster Disk 1', FileSystemType: 'NTFS', HealthStatus: 'Healthy' });
  t.true((volume.SizeRemaining as number) < (volume.Size as number));
  t.like(b.ok('node01', 'Get-Disk', { Number: 1 })[0], { OperationalStatus: 'Online', PartitionStyle: 'GPT', NumberOfPartitions: 2 });
  t.deepEqual(b.ok('node01', 'Get-Partition', { DiskNumber: 1 }).map((p) => p.Type), ['Reserved', 'Basic']);
  t.deepEqual(b.ok('node01', 'Get-Volume').map((v) => v.DriveLetter), ['C', 'D', 'E']);
});

test('node02 sees the volume node01 formatted once it takes the disk online, and its own mount manager gives it E:', (t) => {
  const b = bench();
  const { volume } = formatOnNode01(b);
  t.like(b.ok('node02', 'Get-Disk', { Number: 1 })[0], { OperationalStatus: 'Offline', PartitionStyle: 'GPT' }, 'the partition table is read while offline');
  t.regex(b.error('node02', 'Get-Volume', { FileSystemLabel: 'Cluster Disk 1' }), /No MSFT_Volume objects found with property 'FileSystemLabel'/);
  b.ok('node02', 'Set-Disk', { Number: 1, IsOffline: false });
  const [seen] = b.ok('node02', 'Get-Volume', { DriveLetter: 'E' });
  t.like(seen, { FileSystemLabel: 'Cluster Disk 1', FileSystemType: 'NTFS', Size: volume.Size, UniqueId: volume.UniqueId });
  t.is(b.sent('node02', 'ScsiWrite'), 0, 'node02 only read');
});

test("drive letters and the online state are the node's own and survive its restart", (t) => {
  const b = bench();
  formatOnNode01(b, 'G');
  b.restartNode('node01');
  b.advance(1000);
  t.like(b.ok('node01', 'Get-Disk', { Number: 1 })[0], { OperationalStatus: 'Online' }, 'not Offline again by SAN policy');
  t.like(b.ok('node01', 'Get-Volume', { DriveLetter: 'G' })[0], { FileSystemLabel: 'Cluster Disk 1' }, 'G: kept, not the E: automount would give');
  b.ok('node02', 'Set-Disk', { Number: 1, IsOffline: false });
  t.like(b.ok('node02', 'Get-Volume', { FileSystemLabel: 'Cluster Disk 1' })[0], { DriveLetter: 'E' }, "node01's G: is not on the disk");
});

test('bad input fails with the Storage module texts and nothing is written', (t) => {
  const b = bench();
  const writes = () => b.sent('node01', 'ScsiWrite');
  t.is(b.error('node01', 'Get-Disk', { Number: 9 }), "Get-Disk : No MSFT_Disk objects found with property 'Number' equal to '9'.  Verify the value of the property and retry.");
  t.is(b.error('node01', 'Initialize-Disk', { Number: 9 }), "Initialize-Disk : No MSFT_Disk objects found with property 'Number' equal to '9'.  Verify the value of the property and retry.");
  t.is(b.error('node01', 'Initialize-Disk', { Number: 1 }), 'Initialize-Disk : The disk is offline.');
  t.is(b.error('node01', 'New-Partition', { DiskNumber: 1, UseMaximumSize: true }), 'New-Partition : The disk is offline.');
  t.is(writes(), 0);
  formatOnNode01(b);
  const before = writes();
  const layout = structuredClone(b.state('node01').disks[0]?.layout);
  const mount = structuredClone(b.state('node01').mount);
  const initialized = b.cmdlet('node01', 'Initialize-Disk', { Number: 1 });
  t.deepEqual(initialized.ok ? null : initialized.error, { category: 'InvalidOperation', errorId: 'StorageWMI 41001,Initialize-Disk', message: 'Initialize-Disk : The disk has already been initialized.' });
  b.ok('node01', 'Set-Disk', { Number: 2, IsOffline: false });
  b.ok('node01', 'Initialize-Disk', { Number: 2 });
  const afterInit = writes();
  t.is(b.error('node01', 'New-Partition', { DiskNumber: 2, UseMaximumSize: true, DriveLetter: 'E' }), 'New-Partition : The requested access path is already in use.');
  t.is(b.error('node01', 'New-Partition', { DiskNumber: 2, UseMaximumSize: true, DriveLetter: 'C' }), 'New-Partition : The requested access path is already in use.');
  t.is(b.error('node01', 'New-Partition', { DiskNumber: 2 }), 'New-Partition : You must specify a size by using either the Size or the UseMaximumSize parameter. You can specify only one of these parameters at a time.');
  t.is(b.error('node01', 'Format-Volume', { DriveLetter: 'Q', FileSystem: 'NTFS' }), "Format-Volume : No MSFT_Volume objects found with property 'DriveLetter' equal to 'Q'.  Verify the value of the property and retry.");
  t.is(b.error('node01', 'Format-Volume', { DriveLetter: 'E', FileSystem: 'ReFS' }), 'Format-Volume : The specified file system is not supported');
  t.is(b.error('node01', 'Set-Disk', { Number: 0, IsOffline: true }), 'Set-Disk : Operation not supported on a critical disk.');
  t.regex(b.error('node01', 'New-Partition', { DiskNumber: 1, DriveLetter: 'EE', UseMaximumSize: true }), /Cannot convert value "EE" to type "System.Char"/);
  t.is(writes(), afterInit, 'no refused cmdlet wrote a block');
  t.true(afterInit > before);
  t.deepEqual(b.state('node01').disks[0]?.layout, layout, 'disk 1 unchanged');
  t.deepEqual(b.state('node01').mount.entries.filter((e) => mount.entries.some((m) => m.partitionGuid === e.partitionGuid)), mount.entries, 'E: unchanged');
});

test("a WRITE refused by another node's reservation fails the cmdlet with an I/O error", (t) => {
  const b = bench();
  const key = formatReservationKey(0xb2);
  b.stepNode('node02', (state, io) => registerKey(state, io, { disk: { name: 'Cluster Disk 1' }, tag: { subsystem: 'cluster', token: 'r' }, key: zeroReservationKey, newKey: key }));
  b.stepNode('node02', (state, io) => reserve(state, io, { disk: { name: 'Cluster Disk 1' }, tag: { subsystem: 'cluster', token: 'v' }, key }));
  b.advance(10);
  b.ok('node01', 'Set-Disk', { Number: 1, IsOffline: false });
  t.is(b.error('node01', 'Initialize-Disk', { Number: 1 }), 'Initialize-Disk : An unexpected I/O error has occurred');
  t.like(b.ok('node01', 'Get-Disk', { Number: 1 })[0], { PartitionStyle: 'RAW' }, 'reads still work under WERO');
});

test('cmdlets run one at a time in the order they came', (t) => {
  const b = bench();
  b.stepNode('node01', (state, io) => {
    const run = (requestId: string, name: string, parameters: Record<string, unknown>) => storageCmdlet(name)(state, { requestId, parameters }, io);
    run('a', 'Set-Disk', { Number: 1, IsOffline: false });
    run('b', 'Initialize-Disk', { Number: 1 });
    run('c', 'Get-Disk', { Number: 1 });
  });
  t.is(b.state('node01').operations.length, 3);
  b.advance(100);
  t.deepEqual(b.replies.get('b'), { ok: true, output: null });
  const c = b.replies.get('c');
  t.like(c?.ok ? (c.output as unknown[])[0] : undefined, { PartitionStyle: 'GPT', OperationalStatus: 'Online' });
  t.is(b.state('node01').operations.length, 0);
});

function storageCmdlet(name: string) {
  const handler = storage.cmdlets?.[name];
  if (!handler) throw new Error(`no cmdlet ${name}`);
  return handler;
}
