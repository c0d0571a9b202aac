// The shared disk as seed 000 formats it: GPT with a reserved and a basic data partition, NTFS
// labelled and serialled, written by node01 through the target's WRITE path and read back by
// node02 through READ. Also the failure paths: a damaged primary header, a torn record, bad input.
import test from 'ava';
import { blockSizeBytes } from '@wsfc-lab/protocol';
import { Initiator, TargetBench, filled } from './_harness.js';
import {
  decodeGptDisk,
  decodeNtfsBootSector,
  decodeNtfsVolumeRecord,
  encodeGptDisk,
  encodeNtfsVolume,
  gptPartitionNames,
  gptPrimaryRange,
  gptUsableRange,
  ntfsVolumeRecordRange,
  partitionAlignmentBlocks,
  partitionTypeGuids,
  readDiskLayout,
  type BlockWrite,
  type GptDisk,
} from './volume-layout.js';

const sizeBlocks = (64 * 1024 * 1024) / blockSizeBytes;
const usable = gptUsableRange(sizeBlocks);
const dataFirstLba = 17 * partitionAlignmentBlocks; // 17 MiB: after a 16 MiB reserved partition, aligned to 1 MiB
const dataLastLba = Math.floor((usable.lastLba + 1) / partitionAlignmentBlocks) * partitionAlignmentBlocks - 1;

const disk: GptDisk = {
  diskGuid: '6A2B7C1D-0E3F-4A5B-8C7D-9E0F1A2B3C4D',
  sizeBlocks,
  partitions: [
    {
      typeGuid: partitionTypeGuids.MicrosoftReserved,
      partitionGuid: '11111111-2222-4333-8444-555555555555',
      firstLba: 34,
      lastLba: 34 + 32768 - 1,
      attributes: '0x0000000000000000',
      name: gptPartitionNames.MicrosoftReserved,
    },
    {
      typeGuid: partitionTypeGuids.BasicData,
      partitionGuid: 'AAAAAAAA-BBBB-4CCC-8DDD-EEEEEEEEEEEE',
      firstLba: dataFirstLba,
      lastLba: dataLastLba,
      attributes: '0x0000000000000000',
      name: gptPartitionNames.BasicData,
    },
  ],
};
const format = { partitionFirstLba: dataFirstLba, partitionSizeBlocks: dataLastLba - dataFirstLba + 1, label: 'Cluster Disk 1', serialNumber: '0x5e2a1f3b9c4d7e60' };

function writesOf(): BlockWrite[] {
  const gpt = encodeGptDisk(disk);
  const ntfs = encodeNtfsVolume(format);
  if (!gpt.ok || !ntfs.ok) throw new Error('encoding failed');
  return [...gpt.writes, ...ntfs.writes];
}

/** A plain in-memory disk to test the pure functions without the actor. */
function memoryDisk(writes: BlockWrite[]) {
  const bytes = new Uint8Array(sizeBlocks * blockSizeBytes);
  for (const w of writes) bytes.set(w.data, w.lba * blockSizeBytes);
  return { bytes, read: (lba: number, count: number) => bytes.slice(lba * blockSizeBytes, (lba + count) * blockSizeBytes) };
}

test('a GPT disk round-trips: header, both partitions, names, GUIDs', (t) => {
  const { read } = memoryDisk(writesOf());
  const decoded = decodeGptDisk({ sizeBlocks, primary: read(gptPrimaryRange.lba, gptPrimaryRange.blockCount) });
  t.like(decoded, { ok: true, header: 'Primary' });
  t.deepEqual(decoded.ok ? decoded.disk : undefined, disk);
});

test('with the primary header damaged, the disk is read from the backup header', (t) => {
  const { bytes, read } = memoryDisk(writesOf());
  bytes[blockSizeBytes + 40] = (bytes[blockSizeBytes + 40] ?? 0) ^ 0xff;
  const layout = readDiskLayout(read, sizeBlocks);
  t.is(layout.partitionStyle, 'GPT');
  t.is(layout.partitions.length, 2);
  const primaryOnly = decodeGptDisk({ sizeBlocks, primary: read(0, 34) });
  t.like(primaryOnly, { ok: false, why: 'primary GPT header: header CRC-32 does not match' });
});

test('a blank disk is RAW and a disk with a plain MBR is MBR', (t) => {
  t.like(readDiskLayout(memoryDisk([]).read, sizeBlocks), { partitionStyle: 'RAW', partitions: [] });
  const mbr = new Uint8Array(blockSizeBytes);
  mbr[446 + 4] = 0x07;
  mbr[510] = 0x55;
  mbr[511] = 0xaa;
  t.like(readDiskLayout(memoryDisk([{ lba: 0, data: mbr }]).read, sizeBlocks), { partitionStyle: 'MBR' });
});

test('the NTFS boot sector carries the geometry, the $MFT position and the 64-bit serial number', (t) => {
  const { read } = memoryDisk(writesOf());
  const boot = decodeNtfsBootSector(read(dataFirstLba, 1));
  t.like(boot, {
    ok: true,
    boot: { bytesPerSector: 512, clusterSizeBytes: 4096, totalSectors: format.partitionSizeBlocks - 1, hiddenSectors: dataFirstLba, fileRecordSizeBytes: 1024, serialNumber: format.serialNumber },
  });
  t.deepEqual(read(dataFirstLba + format.partitionSizeBlocks - 1, 1), read(dataFirstLba, 1), 'the backup boot sector is in the last sector');
});

test('the $Volume record holds the label and NTFS 3.1, and a torn sector is detected', (t) => {
  const { read } = memoryDisk(writesOf());
  const boot = decodeNtfsBootSector(read(dataFirstLba, 1));
  if (!boot.ok) return t.fail(boot.why);
  const range = ntfsVolumeRecordRange(boot.boot);
  const record = read(dataFirstLba + range.lbaOffset, range.blockCount);
  t.deepEqual(decodeNtfsVolumeRecord(record), { ok: true, record: { label: 'Cluster Disk 1', ntfsVersion: '3.1' } });
  const torn = record.slice();
  torn[1022] = 0x99;
  t.like(decodeNtfsVolumeRecord(torn), { ok: false, why: 'sector 1 of the record is torn (update sequence mismatch)' });
});

test('impossible layouts are refused with the reason', (t) => {
  const overlapping = { ...disk, partitions: [disk.partitions[0]!, { ...disk.partitions[1]!, firstLba: 100 }] };
  t.like(encodeGptDisk(overlapping), { ok: false, why: 'partition "Basic data partition" overlaps partition "Microsoft reserved partition"' });
  t.like(encodeGptDisk({ ...disk, partitions: [{ ...disk.partitions[1]!, lastLba: sizeBlocks }] }), { ok: false });
  t.like(encodeNtfsVolume({ ...format, label: 'x'.repeat(33) }), { ok: false, why: `label "${'x'.repeat(33)}" is longer than 32 characters` });
  t.like(encodeNtfsVolume({ ...format, partitionSizeBlocks: 64 }), { ok: false });
});

test('seed 000: node01 formats the shared disk through WRITE; node02 READs the same GPT and NTFS volume', (t) => {
  const bench = new TargetBench();
  const node01 = new Initiator(() => bench, 'node01');
  const node02 = new Initiator(() => bench, 'node02');
  node01.login();
  node02.login();
  for (const write of writesOf()) t.like(node01.write(write.lba, write.data), { type: 'ScsiResponse', status: 'Good' });
  t.is(bench.eventsOf('ScsiWrite').length, 6);

  const readThroughTarget = (lba: number, blockCount: number) => {
    const response = node02.read(lba, blockCount);
    if (response.type !== 'ScsiResponse' || !response.data) throw new Error(`READ at ${lba} failed`);
    return response.data;
  };
  const layout = readDiskLayout(readThroughTarget, sizeBlocks);
  t.is(layout.partitionStyle, 'GPT');
  t.is(layout.diskGuid, disk.diskGuid);
  t.deepEqual(
    layout.partitions.map((p) => [p.name, p.volume.fileSystem]),
    [
      ['Microsoft reserved partition', 'RAW'],
      ['Basic data partition', 'NTFS'],
    ],
  );
  t.like(layout.partitions[1]?.volume, { fileSystem: 'NTFS', label: 'Cluster Disk 1', serialNumber: format.serialNumber, clusterSizeBytes: 4096 });

  // The volume is on the LUN itself: it is still there after the target restarts.
  const restarted = bench.restart();
  const node02Again = new Initiator(() => restarted, 'node02');
  node02Again.login();
  const again = readDiskLayout((lba, count) => {
    const response = node02Again.read(lba, count);
    return response.type === 'ScsiResponse' && response.data ? response.data : filled(0, count);
  }, sizeBlocks);
  t.like(again.partitions[1]?.volume, { label: 'Cluster Disk 1' });
});
