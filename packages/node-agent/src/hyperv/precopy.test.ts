import test from 'ava';
import {
  afterPass,
  firstPassBytes,
  nextPassBytes,
  planBlackout,
  planPass,
  precopyRules,
  simulatePrecopy,
  type CompressionFigures,
  type LinkShare,
  type PrecopyVm,
} from './precopy.js';

const MiB = 1024 * 1024;
const GiB = 1024 * MiB;
const gbps = (n: number): number => n * 1e9;
const idleCpu: CompressionFigures = { ratio: 0.5, compressBytesPerSecPerCore: 10 * GiB };
const tenGbE: LinkShare = { bandwidthBitsPerSec: gbps(10), compressionCores: 8 };
const oneGbE: LinkShare = { bandwidthBitsPerSec: gbps(1), compressionCores: 8 };
const quietVm: PrecopyVm = { memoryBytes: 4 * GiB, workingSetBytes: 1 * GiB, dirtyRateBytesPerSec: 0 };
const busyVm: PrecopyVm = { memoryBytes: 4 * GiB, workingSetBytes: 2 * GiB, dirtyRateBytesPerSec: 200 * MiB };

test('a VM that dirties nothing takes exactly one pass and converges; the blackout is device state only', (t) => {
  const run = simulatePrecopy(quietVm, 'TCPIP', oneGbE, idleCpu);
  t.is(run.passes.length, 1);
  t.is(run.stopReason, 'Converged');
  t.is(run.passes[0]?.bytes, 4 * GiB);
  t.is(run.blackout.bytes, precopyRules.deviceStateBytes);
  // 4 GiB at 1 Gbit/s = 34359.738… ms, rounded up.
  t.is(run.passes[0]?.durationMs, 34360);
});

test('a VM dirtying faster than the link never converges: it stops at NotConverging or the pass limit', (t) => {
  const run = simulatePrecopy(busyVm, 'TCPIP', oneGbE, idleCpu);
  t.true(run.stopReason === 'NotConverging' || run.stopReason === 'PassLimit');
  // Pass 2 re-sends the whole working set, and so would pass 3: it no longer shrinks.
  t.is(run.stopReason, 'NotConverging');
  t.is(run.passes.length, 2);
  // The working set caps every re-sent pass, so the blackout carries all of it: tens of seconds.
  t.is(run.remainingBytes, busyVm.workingSetBytes);
  t.true(run.blackout.durationMs > 10_000);
});

test('a pass that shrinks only slowly runs into the 5-pass limit', (t) => {
  // Dirtying at 90 % of the link: each pass is 0.9 of the one before, never small enough.
  const vm: PrecopyVm = { memoryBytes: 4 * GiB, workingSetBytes: 4 * GiB, dirtyRateBytesPerSec: 0.9 * 125e6 };
  const run = simulatePrecopy(vm, 'TCPIP', oneGbE, idleCpu);
  t.is(run.stopReason, 'PassLimit');
  t.is(run.passes.length, 5);
  for (let i = 1; i < run.passes.length; i++) t.true((run.passes[i]?.bytes ?? 0) < (run.passes[i - 1]?.bytes ?? 0));
});

test('a moderately busy VM converges in a few passes, each smaller than the last', (t) => {
  const vm: PrecopyVm = { memoryBytes: 8 * GiB, workingSetBytes: 2 * GiB, dirtyRateBytesPerSec: 200 * MiB };
  const run = simulatePrecopy(vm, 'TCPIP', tenGbE, idleCpu);
  t.is(run.stopReason, 'Converged');
  t.true(run.passes.length > 1 && run.passes.length <= precopyRules.passLimit);
  for (let i = 1; i < run.passes.length; i++) t.true((run.passes[i]?.bytes ?? 0) < (run.passes[i - 1]?.bytes ?? 0));
  t.true(run.blackout.durationMs - precopyRules.pauseResumeOverheadMs <= precopyRules.blackoutTargetMs + 10);
});

test('halving the bandwidth doubles pass 1 (TCPIP)', (t) => {
  const full = planPass(1, 4 * GiB, 'TCPIP', tenGbE, idleCpu);
  const half = planPass(1, 4 * GiB, 'TCPIP', { ...tenGbE, bandwidthBitsPerSec: gbps(5) }, idleCpu);
  t.true(Math.abs(half.durationMs - 2 * full.durationMs) <= 1);
  t.is(full.wireBytes, 4 * GiB);
});

test('Compression with ratio 0.5 and plenty of CPU halves the wire bytes and the time', (t) => {
  const plain = planPass(1, 4 * GiB, 'TCPIP', oneGbE, idleCpu);
  const compressed = planPass(1, 4 * GiB, 'Compression', oneGbE, idleCpu);
  t.is(compressed.wireBytes, 2 * GiB);
  t.true(Math.abs(compressed.durationMs - plain.durationMs / 2) <= 1);
});

test('with one slow core, compression is CPU-bound and slower than TCPIP on 10 GbE', (t) => {
  const slowCore: CompressionFigures = { ratio: 0.5, compressBytesPerSecPerCore: 300 * MiB };
  const share: LinkShare = { bandwidthBitsPerSec: gbps(10), compressionCores: 1 };
  const plain = planPass(1, 4 * GiB, 'TCPIP', share, slowCore);
  const compressed = planPass(1, 4 * GiB, 'Compression', share, slowCore);
  t.is(compressed.durationMs, Math.ceil((4 * GiB * 1000) / (300 * MiB)));
  t.true(compressed.durationMs > plain.durationMs);
  // More cores relieve it until the wire is the bottleneck again.
  const manyCores = planPass(1, 4 * GiB, 'Compression', { ...share, compressionCores: 16 }, slowCore);
  t.true(manyCores.durationMs < plain.durationMs);
});

test('SMB sends bytes as they are over the aggregate bandwidth, with no compression cost', (t) => {
  const share: LinkShare = { bandwidthBitsPerSec: gbps(20), compressionCores: 0 };
  const smb = planPass(1, 4 * GiB, 'SMB', share, idleCpu);
  t.is(smb.wireBytes, 4 * GiB);
  t.is(smb.durationMs, Math.ceil((4 * GiB * 8 * 1000) / gbps(20)));
});

test('the blackout grows with the remainder and includes device state and the pause overhead', (t) => {
  const small = planBlackout(16 * MiB, 'TCPIP', tenGbE, idleCpu);
  const large = planBlackout(512 * MiB, 'TCPIP', tenGbE, idleCpu);
  t.true(large.durationMs > small.durationMs);
  t.is(small.bytes, 16 * MiB + precopyRules.deviceStateBytes);
  const empty = planBlackout(0, 'TCPIP', tenGbE, idleCpu);
  t.is(empty.durationMs, Math.ceil((precopyRules.deviceStateBytes * 8 * 1000) / gbps(10)) + precopyRules.pauseResumeOverheadMs);
});

test('totals add up: bytes, wire bytes and time are the sums of the passes and the blackout', (t) => {
  const vm: PrecopyVm = { memoryBytes: 8 * GiB, workingSetBytes: 3 * GiB, dirtyRateBytesPerSec: 120 * MiB };
  for (const option of ['TCPIP', 'Compression', 'SMB'] as const) {
    const run = simulatePrecopy(vm, option, oneGbE, idleCpu);
    const sum = (pick: (p: (typeof run.passes)[number]) => number) => run.passes.reduce((s, p) => s + pick(p), 0);
    t.is(run.bytesSent, sum((p) => p.bytes) + run.blackout.bytes, option);
    t.is(run.wireBytes, sum((p) => p.wireBytes) + run.blackout.wireBytes, option);
    t.is(run.totalMs, sum((p) => p.durationMs) + run.blackout.durationMs, option);
    t.deepEqual(run.passes.map((p) => p.pass), run.passes.map((_, i) => i + 1), option);
    for (const value of [run.bytesSent, run.wireBytes, run.totalMs]) t.true(Number.isSafeInteger(value), option);
  }
});

test('nextPassBytes is dirty rate × previous duration, capped at the working set, an integer', (t) => {
  const vm: PrecopyVm = { memoryBytes: 4 * GiB, workingSetBytes: 1 * GiB, dirtyRateBytesPerSec: 1000.5 };
  t.is(nextPassBytes(vm, { pass: 1, bytes: 4 * GiB, wireBytes: 4 * GiB, durationMs: 3 }), 4);
  t.is(nextPassBytes(vm, { pass: 1, bytes: 4 * GiB, wireBytes: 4 * GiB, durationMs: 0 }), 0);
  t.is(nextPassBytes({ ...vm, dirtyRateBytesPerSec: 1 * GiB }, { pass: 1, bytes: 4 * GiB, wireBytes: 4 * GiB, durationMs: 5000 }), 1 * GiB);
  t.is(firstPassBytes(vm), 4 * GiB);
});

test('afterPass: a pass that does not shrink is NotConverging; the fifth pass is the last', (t) => {
  const pass = (n: number, bytes: number) => planPass(n, bytes, 'TCPIP', oneGbE, idleCpu);
  const notShrinking = afterPass(busyVm, [pass(1, 1 * GiB)], 1 * GiB, 'TCPIP', oneGbE, idleCpu);
  t.deepEqual(notShrinking, { next: 'Blackout', reason: 'NotConverging' });
  const fourPasses = [pass(1, 4 * GiB), pass(2, 2 * GiB), pass(3, 1 * GiB), pass(4, 512 * MiB)];
  t.deepEqual(afterPass(busyVm, fourPasses, 256 * MiB, 'TCPIP', oneGbE, idleCpu), { next: 'Pass' });
  t.deepEqual(afterPass(busyVm, [...fourPasses, pass(5, 256 * MiB)], 128 * MiB, 'TCPIP', oneGbE, idleCpu), { next: 'Blackout', reason: 'PassLimit' });
  t.deepEqual(afterPass(busyVm, fourPasses, 30 * MiB, 'TCPIP', oneGbE, idleCpu), { next: 'Blackout', reason: 'Converged' });
});

test('nonsense inputs are RangeErrors that name the value', (t) => {
  t.throws(() => planPass(1, -1, 'TCPIP', oneGbE, idleCpu), { instanceOf: RangeError, message: /bytes .* got -1/ });
  t.throws(() => planPass(1, 1.5, 'TCPIP', oneGbE, idleCpu), { instanceOf: RangeError, message: /got 1\.5/ });
  t.throws(() => planPass(6, 1, 'TCPIP', oneGbE, idleCpu), { instanceOf: RangeError, message: /pass .* got 6/ });
  t.throws(() => planPass(1, 1, 'TCPIP', { ...oneGbE, bandwidthBitsPerSec: 0 }, idleCpu), { instanceOf: RangeError, message: /bandwidthBitsPerSec .* got 0/ });
  t.throws(() => planPass(1, 1, 'Compression', oneGbE, { ...idleCpu, ratio: 1.2 }), { instanceOf: RangeError, message: /ratio .* got 1\.2/ });
  t.throws(() => planPass(1, 1, 'Compression', oneGbE, { ...idleCpu, ratio: 0 }), { instanceOf: RangeError, message: /ratio .* got 0/ });
  t.throws(() => planPass(1, 1, 'Compression', { ...oneGbE, compressionCores: 0 }, idleCpu), { instanceOf: RangeError, message: /compressionCores/ });
  t.throws(() => planPass(1, 1, 'RDMA' as 'SMB', oneGbE, idleCpu), { instanceOf: RangeError, message: /"RDMA"/ });
  t.throws(() => firstPassBytes({ ...quietVm, workingSetBytes: 8 * GiB }), { instanceOf: RangeError, message: /workingSetBytes .* got 8589934592/ });
  t.throws(() => firstPassBytes({ ...quietVm, dirtyRateBytesPerSec: -5 }), { instanceOf: RangeError, message: /dirtyRateBytesPerSec .* got -5/ });
  t.throws(() => afterPass(quietVm, [], 0, 'TCPIP', oneGbE, idleCpu), { instanceOf: RangeError, message: /0 passes/ });
  t.throws(() => planBlackout(-3, 'SMB', oneGbE, idleCpu), { instanceOf: RangeError, message: /got -3/ });
});
