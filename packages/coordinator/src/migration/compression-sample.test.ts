import test from 'ava';
import { compressPages } from './compress-worker.js';
import { measureCompression } from './compression-sample.js';
import { pageLikeSample, pageSizeBytes, type PageMix } from './page-sample.js';

const onlyZero: PageMix = { Zero: 1, Structured: 0, Text: 0, Random: 0 };
const onlyRandom: PageMix = { Zero: 0, Structured: 0, Text: 0, Random: 1 };

test('the page sample is deterministic per seed and differs between seeds', (t) => {
  const a = pageLikeSample(7, 64);
  t.is(a.length, 64 * pageSizeBytes);
  t.true(a.equals(pageLikeSample(7, 64)));
  t.false(a.equals(pageLikeSample(8, 64)));
  t.true(pageLikeSample(7, 8, onlyZero).every((byte) => byte === 0));
});

test('the default mix has zero pages and compressible pages and incompressible ones', (t) => {
  const sample = pageLikeSample(3, 256);
  let zeroPages = 0;
  for (let i = 0; i < 256; i++) {
    if (sample.subarray(i * pageSizeBytes, (i + 1) * pageSizeBytes).every((byte) => byte === 0)) zeroPages++;
  }
  t.true(zeroPages > 20 && zeroPages < 90, `${zeroPages} zero pages of 256 (20 % expected)`);
  const { inputBytes, outputBytes } = compressPages({ pages: sample, blockBytes: 64 * 1024 });
  const ratio = outputBytes / inputBytes;
  t.true(ratio > 0.2 && ratio < 0.6, `ratio ${ratio}`);
});

test('a bad mix or page count is a RangeError naming the value', (t) => {
  t.throws(() => pageLikeSample(1, -1), { instanceOf: RangeError, message: /got -1/ });
  t.throws(() => pageLikeSample(1, 1, { ...onlyZero, Zero: 0 }), { instanceOf: RangeError, message: /positive total weight/ });
  t.throws(() => pageLikeSample(1, 1, { ...onlyZero, Text: 0.5 }), { instanceOf: RangeError, message: /Text .* got 0\.5/ });
});

test('on the pool, the ratio is identical for the same seed; throughput is positive and finite', async (t) => {
  const first = await measureCompression({ seed: 11, sampleMiB: 4, workers: 2 });
  const second = await measureCompression({ seed: 11, sampleMiB: 4, workers: 1 });
  t.is(first.ratio, second.ratio);
  t.is(first.sampleBytes, 4 * 1024 * 1024);
  t.is(first.workers, 2);
  t.true(first.ratio > 0 && first.ratio < 1);
  for (const m of [first, second]) {
    t.true(Number.isFinite(m.compressBytesPerSecPerCore) && m.compressBytesPerSecPerCore > 0);
    t.true(m.wallMs > 0);
  }
  t.log(`ratio ${first.ratio.toFixed(4)}, ${(first.compressBytesPerSecPerCore / 1e6).toFixed(0)} MB/s per core (${first.cpuClock} clock)`);
});

test('only random pages do not shrink (ratio 1); only zero pages shrink to almost nothing', async (t) => {
  const random = await measureCompression({ seed: 5, sampleMiB: 2, mix: onlyRandom });
  const zero = await measureCompression({ seed: 5, sampleMiB: 2, mix: onlyZero });
  t.true(random.ratio > 0.99 && random.ratio <= 1, `random ratio ${random.ratio}`);
  t.true(zero.ratio > 0 && zero.ratio < 0.01, `zero ratio ${zero.ratio}`);
});

// Alone it takes 130–300 ms here; the bound leaves room for a loaded full test run.
test('the default measurement is an 8 MiB sample and finishes quickly', async (t) => {
  const m = await measureCompression();
  t.is(m.sampleBytes, 8 * 1024 * 1024);
  t.true(m.wallMs < 5000, `${m.wallMs} ms`);
  t.log(`default: ratio ${m.ratio.toFixed(4)}, ${(m.compressBytesPerSecPerCore / 1e6).toFixed(0)} MB/s per core, ${m.workers} workers, ${m.wallMs.toFixed(0)} ms wall`);
});

test('bad options are RangeErrors naming the value', async (t) => {
  await t.throwsAsync(measureCompression({ sampleMiB: 0 }), { instanceOf: RangeError, message: /sampleMiB .* got 0/ });
  await t.throwsAsync(measureCompression({ workers: 99 }), { instanceOf: RangeError, message: /workers .* got 99/ });
});
