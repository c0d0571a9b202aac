// Reading a layout in rounds: each round asks only for what the decoder needs next.
import test from 'ava';
import { blockSizeBytes } from '@wsfc-lab/protocol';
import { encodeGptDisk, encodeNtfsVolume, gptPartitionNames, gptPrimaryRange, partitionTypeGuids, type BlockWrite } from '@wsfc-lab/storage-target';
import { attemptLayout, type ReadBlocks } from './layout-read.js';

const sizeBlocks = (64 * 1024 * 1024) / blockSizeBytes;
const firstLba = 2048 * 17;
const lastLba = sizeBlocks - 2048 - 1;

function formattedDisk(): Uint8Array {
  const gpt = encodeGptDisk({
    diskGuid: '6A2B7C1D-0E3F-4A5B-8C7D-9E0F1A2B3C4D',
    sizeBlocks,
    partitions: [{ typeGuid: partitionTypeGuids.BasicData, partitionGuid: 'AAAAAAAA-BBBB-4CCC-8DDD-EEEEEEEEEEEE', firstLba, lastLba, attributes: '0x0000000000000000', name: gptPartitionNames.BasicData }],
  });
  const ntfs = encodeNtfsVolume({ partitionFirstLba: firstLba, partitionSizeBlocks: lastLba - firstLba + 1, label: 'Witness', serialNumber: '0x0123456789abcdef' });
  if (!gpt.ok || !ntfs.ok) throw new Error('encoding failed');
  const bytes = new Uint8Array(sizeBlocks * blockSizeBytes);
  for (const w of [...gpt.writes, ...ntfs.writes] as BlockWrite[]) bytes.set(w.data, w.lba * blockSizeBytes);
  return bytes;
}

const readFrom = (disk: Uint8Array, lba: number, blockCount: number): ReadBlocks => ({ lba, data: disk.slice(lba * blockSizeBytes, (lba + blockCount) * blockSizeBytes) });

test('a blank disk needs one round: the primary GPT range, and it is RAW', (t) => {
  const first = attemptLayout([], sizeBlocks);
  t.deepEqual(first.missing, [{ lba: gptPrimaryRange.lba, blockCount: gptPrimaryRange.blockCount }]);
  const blank = new Uint8Array(sizeBlocks * blockSizeBytes);
  const second = attemptLayout([readFrom(blank, 0, gptPrimaryRange.blockCount)], sizeBlocks);
  t.deepEqual(second.missing, []);
  t.is(second.layout.partitionStyle, 'RAW');
});

test('a formatted disk is read in rounds: the GPT, then the boot sector, then the $Volume record', (t) => {
  const disk = formattedDisk();
  const blocks: ReadBlocks[] = [];
  const asked: number[][] = [];
  for (let round = 0; round < 5; round++) {
    const attempt = attemptLayout(blocks, sizeBlocks);
    if (attempt.missing.length === 0) break;
    asked.push(attempt.missing.map((m) => m.lba));
    for (const m of attempt.missing) blocks.push(readFrom(disk, m.lba, m.blockCount));
  }
  t.is(asked.length, 3);
  t.deepEqual(asked[0], [0]);
  t.deepEqual(asked[1], [firstLba]);
  const final = attemptLayout(blocks, sizeBlocks);
  t.deepEqual(final.missing, []);
  t.is(final.layout.partitionStyle, 'GPT');
  t.like(final.layout.partitions[0]?.volume, { fileSystem: 'NTFS', label: 'Witness' });
});
