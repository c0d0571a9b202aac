// The storage benchmark end to end with tiny options: well-formed, positive figures, and baselines
// that do the work they claim. No timing thresholds: timings belong in the benchmark output.
import test from 'ava';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileWriteBaseline, pureReservationBaseline, ScratchFiles } from './storage-baselines.js';
import { storageBench } from './storage-bench.js';
import { storageReport } from './storage-report.js';
import { lbaPlan, storageBenchNames as names, writePayload, writeSizeBytes } from './storage-workload.js';

const positive = (value: number) => Number.isFinite(value) && value > 0;

test.serial('storage: the actor and every baseline move all their operations, with ratios', async (t) => {
  const operations = 120;
  const result = await storageBench({ operations, window: 8, warmup: 20, diskGiB: 1 / 16, aptpl: false, repeats: 2, seed: 3 });
  t.is(result.benchmark, 'storage');
  t.deepEqual(result.setup.reservation, { key: names.key, type: 'WriteExclusiveRegistrantsOnly' });
  t.true(result.readBackMatches, 'the last block of each write round reads back as written');
  t.deepEqual(
    result.rows.map((row) => `${row.workload}/${row.baseline}`),
    ['reservations/pureReservations', 'reservations/transport', 'writesSequential/fileWriteSync', 'writesRandom/fileWriteSync', 'writesRandom/transport'],
  );
  for (const row of result.rows) {
    const where = `${row.workload}/${row.baseline}`;
    t.is(row.actor.operations, operations, where);
    t.is(row.base.operations, operations, where);
    t.true(positive(row.actor.opsPerSecond) && positive(row.base.opsPerSecond), `${where} ops/s`);
    t.true(positive(row.ratio), `${where} ratio ${row.ratio}`);
    t.is(row.actor.opsPerSecondByRepeat.length, 2, where);
    t.is(row.actor.latencyMs?.count, 2 * operations, `${where}: one actor latency per command, repeats pooled`);
    t.true((row.actor.latencyMs?.p99 ?? 0) >= (row.actor.latencyMs?.p50 ?? 1), where);
    t.is(row.base.latencyMs === null, row.baseline === 'pureReservations', `${where}: only the pure functions go untimed one by one`);
  }
  const lines = storageReport(result);
  t.true(lines[0]?.startsWith('storage: operations=120 window=8'));
  t.is(lines.filter((line) => /^(PR mix|4 KiB write)\b(?!:)/.test(line)).length, 5, 'one table row per row');
});

test('the file baseline writes each payload at its LBA of a sparse file', (t) => {
  const files = new ScratchFiles();
  try {
    const lbas = lbaPlan({ pattern: 'random', count: 50, diskBlocks: 2048, seed: 1 });
    const run = fileWriteBaseline(files, { name: 'disk', diskBytes: 2048 * 512, lbas });
    t.is(run.operations, 50);
    t.is(run.latencyMs.length, 50);
    const file = readFileSync(join(files.directory, 'disk.img'));
    t.is(file.byteLength, 2048 * 512, 'the file keeps the LUN size');
    const lastIndex = lbas.lastIndexOf(lbas[0] as number);
    const at = (lbas[0] as number) * 512;
    t.deepEqual(new Uint8Array(file.subarray(at, at + writeSizeBytes)), writePayload(lbas[0] as number, lastIndex));
  } finally {
    files.remove();
  }
});

test('the pure reservation baseline runs the mix: every third command raises PRgeneration', (t) => {
  const run = pureReservationBaseline({ count: 30, aptpl: false });
  t.is(run.operations, 30);
  t.is(run.generation, 1 + 10, 'REGISTER at setup, then 10 REGISTER AND IGNORE EXISTING KEY');
});

test('LBA plans are 4 KiB aligned, inside the disk, and the same for the same seed', (t) => {
  const random = lbaPlan({ pattern: 'random', count: 200, diskBlocks: 1000, seed: 9 });
  t.true(random.every((lba) => lba % 8 === 0 && lba + 8 <= 1000));
  t.deepEqual(random, lbaPlan({ pattern: 'random', count: 200, diskBlocks: 1000, seed: 9 }));
  t.notDeepEqual(random, lbaPlan({ pattern: 'random', count: 200, diskBlocks: 1000, seed: 10 }));
  t.deepEqual(lbaPlan({ pattern: 'sequential', count: 5, diskBlocks: 24, seed: 9 }), [0, 8, 16, 0, 8]);
});
