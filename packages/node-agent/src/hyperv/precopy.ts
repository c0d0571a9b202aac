// The live-migration cost model: how long each memory pre-copy pass and the blackout take
// (wsfc-facts.md §6.3, §6.4). Pure and deterministic; the node's migration engine calls it.
//
// - Pass 1 copies all of the VM's memory while it runs. Each next pass re-sends what the guest
//   dirtied during the previous pass (dirty rate × that pass's duration), capped at its working set.
// - After each pass the engine decides: stop and black out when the remainder can be sent within
//   `blackoutTargetMs` at the current share (Converged), when a pass would not be smaller than the
//   one before (NotConverging), or when `passLimit` passes are done (PassLimit); else copy again.
// - TCPIP sends the bytes as they are: time = wire bits ÷ bandwidth.
// - Compression (the default since 2012 R2) sends bytes × ratio, but the source's free cores must
//   compress every byte first: time = max(wire time, bytes ÷ (per-core speed × cores)). On a fast
//   link the CPU is the bottleneck, which is why Microsoft recommends SMB at 10 GbE and above.
// - SMB sends the bytes as they are over the aggregate of the networks SMB Multichannel may use
//   (the caller passes that aggregate as the bandwidth); no compression cost.
// - Blackout: the VM is paused; the remainder plus its CPU/device state is sent with the same option
//   at the current share, plus a fixed pause/resume overhead.
// Bytes are integers; durations are integer ms (Math.ceil), so the simulation stays integral.

export type MigrationPerformanceOption = 'TCPIP' | 'Compression' | 'SMB';

/** VirtualMachineMigrationPerformanceOption values (Set-VMHost), facts §6.3 [L1] [L4]. */
export const migrationPerformanceOptions: readonly MigrationPerformanceOption[] = ['TCPIP', 'Compression', 'SMB'];

export interface PrecopyVm {
  memoryBytes: number;
  /** The memory the guest touches; re-sent passes never exceed it. At most memoryBytes. */
  workingSetBytes: number;
  dirtyRateBytesPerSec: number;
}

/** What the lab measured of compression (Part 2): compressed size ÷ original, and one core's speed. */
export interface CompressionFigures {
  ratio: number;
  compressBytesPerSecPerCore: number;
}

export interface LinkShare {
  /** The bandwidth this migration gets now on the live-migration network(s), bits/s. */
  bandwidthBitsPerSec: number;
  /** Logical processors of the source host free to compress for this migration. */
  compressionCores: number;
}

export interface PassPlan {
  pass: number;
  bytes: number;
  wireBytes: number;
  durationMs: number;
}

export interface BlackoutPlan {
  /** The remainder plus device state. */
  bytes: number;
  wireBytes: number;
  /** Transfer time plus the pause/resume overhead. */
  durationMs: number;
}

export type PrecopyStopReason = 'Converged' | 'PassLimit' | 'NotConverging';

export type AfterPassDecision = { next: 'Pass' } | { next: 'Blackout'; reason: PrecopyStopReason };

export const precopyRules = {
  /** Memory pre-copy passes at most: 5 in 2012 R2+ (10 in 2008 R2), facts §6.4 [L9] [3rd-party]. */
  passLimit: 5,
  /**
   * Lab's documented rule: stop pre-copying once the remainder can be sent within this many ms
   * at the current share. Facts §6.4 says only "the dirty set is small enough" and that the
   * blackout is normally well under a second; 300 ms keeps it there.
   */
  blackoutTargetMs: 300,
  /** Lab's documented rule: CPU registers and device state sent in the blackout (4 MiB). */
  deviceStateBytes: 4 * 1024 * 1024,
  /** Lab's documented rule: pausing on the source and resuming on the target, fixed 50 ms. */
  pauseResumeOverheadMs: 50,
  /** The TCP time-out the blackout must stay under so client sessions survive, facts §6.4 [H12]. */
  blackoutTcpTimeoutMs: 20_000,
  bitsPerByte: 8,
} as const;

function requireBytes(name: string, value: number): void {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new RangeError(`${name} must be a non-negative integer of bytes, got ${value}`);
  }
}

function requirePositive(name: string, value: number): void {
  if (!Number.isFinite(value) || value <= 0) throw new RangeError(`${name} must be a finite number > 0, got ${value}`);
}

function requireVm(vm: PrecopyVm): void {
  requireBytes('vm.memoryBytes', vm.memoryBytes);
  if (vm.memoryBytes === 0) throw new RangeError('vm.memoryBytes must be > 0, got 0');
  requireBytes('vm.workingSetBytes', vm.workingSetBytes);
  if (vm.workingSetBytes > vm.memoryBytes) {
    throw new RangeError(`vm.workingSetBytes must be at most vm.memoryBytes (${vm.memoryBytes}), got ${vm.workingSetBytes}`);
  }
  if (!Number.isFinite(vm.dirtyRateBytesPerSec) || vm.dirtyRateBytesPerSec < 0) {
    throw new RangeError(`vm.dirtyRateBytesPerSec must be a finite number >= 0, got ${vm.dirtyRateBytesPerSec}`);
  }
}

function requireOption(option: MigrationPerformanceOption): void {
  if (!migrationPerformanceOptions.includes(option)) {
    throw new RangeError(`option must be one of ${migrationPerformanceOptions.join(', ')}, got ${JSON.stringify(option)}`);
  }
}

function requireCost(option: MigrationPerformanceOption, share: LinkShare, compression: CompressionFigures): void {
  requireOption(option);
  requirePositive('share.bandwidthBitsPerSec', share.bandwidthBitsPerSec);
  if (!Number.isFinite(share.compressionCores) || share.compressionCores < 0) {
    throw new RangeError(`share.compressionCores must be a finite number >= 0, got ${share.compressionCores}`);
  }
  if (option === 'Compression' && share.compressionCores === 0) {
    throw new RangeError('share.compressionCores must be > 0 with option Compression, got 0');
  }
  if (!Number.isFinite(compression.ratio) || compression.ratio <= 0 || compression.ratio > 1) {
    throw new RangeError(`compression.ratio must be in (0, 1], got ${compression.ratio}`);
  }
  requirePositive('compression.compressBytesPerSecPerCore', compression.compressBytesPerSecPerCore);
}

/** The bytes that go on the wire for `bytes` of memory with this option. */
export function wireBytesFor(bytes: number, option: MigrationPerformanceOption, compression: CompressionFigures): number {
  switch (option) {
    case 'TCPIP':
    case 'SMB':
      return bytes;
    case 'Compression':
      return Math.ceil(bytes * compression.ratio);
    default:
      return assertNeverOption(option);
  }
}

function assertNeverOption(option: never): never {
  throw new RangeError(`option must be one of ${migrationPerformanceOptions.join(', ')}, got ${JSON.stringify(option)}`);
}

/** Integer ms to send `bytes` of memory with this option at this share (no pause overhead). */
export function transferMs(bytes: number, option: MigrationPerformanceOption, share: LinkShare, compression: CompressionFigures): number {
  const wireMs = (wireBytesFor(bytes, option, compression) * precopyRules.bitsPerByte * 1000) / share.bandwidthBitsPerSec;
  if (option !== 'Compression') return Math.ceil(wireMs);
  const cpuMs = (bytes * 1000) / (compression.compressBytesPerSecPerCore * share.compressionCores);
  return Math.ceil(Math.max(wireMs, cpuMs));
}

/** Pass 1 copies all of the VM's memory. */
export function firstPassBytes(vm: PrecopyVm): number {
  requireVm(vm);
  return vm.memoryBytes;
}

export function planPass(pass: number, bytes: number, option: MigrationPerformanceOption, share: LinkShare, compression: CompressionFigures): PassPlan {
  if (!Number.isSafeInteger(pass) || pass < 1 || pass > precopyRules.passLimit) {
    throw new RangeError(`pass must be an integer in [1, ${precopyRules.passLimit}], got ${pass}`);
  }
  requireBytes('bytes', bytes);
  requireCost(option, share, compression);
  return { pass, bytes, wireBytes: wireBytesFor(bytes, option, compression), durationMs: transferMs(bytes, option, share, compression) };
}

/** What the guest dirtied during the previous pass, capped at its working set. */
export function nextPassBytes(vm: PrecopyVm, previousPass: PassPlan): number {
  requireVm(vm);
  if (!Number.isFinite(previousPass.durationMs) || previousPass.durationMs < 0) {
    throw new RangeError(`previousPass.durationMs must be a finite number >= 0, got ${previousPass.durationMs}`);
  }
  const dirtiedBytes = Math.ceil((vm.dirtyRateBytesPerSec * previousPass.durationMs) / 1000);
  return Math.max(0, Math.min(vm.workingSetBytes, dirtiedBytes));
}

export function afterPass(
  vm: PrecopyVm,
  passes: readonly PassPlan[],
  remainingBytes: number,
  option: MigrationPerformanceOption,
  share: LinkShare,
  compression: CompressionFigures,
): AfterPassDecision {
  requireVm(vm);
  requireBytes('remainingBytes', remainingBytes);
  requireCost(option, share, compression);
  const last = passes.at(-1);
  if (last === undefined) throw new RangeError('afterPass needs at least one pass done, got 0 passes');
  if (remainingBytes === 0 || transferMs(remainingBytes, option, share, compression) <= precopyRules.blackoutTargetMs) {
    return { next: 'Blackout', reason: 'Converged' };
  }
  if (remainingBytes >= last.bytes) return { next: 'Blackout', reason: 'NotConverging' };
  if (passes.length >= precopyRules.passLimit) return { next: 'Blackout', reason: 'PassLimit' };
  return { next: 'Pass' };
}

export function planBlackout(remainingBytes: number, option: MigrationPerformanceOption, share: LinkShare, compression: CompressionFigures): BlackoutPlan {
  requireBytes('remainingBytes', remainingBytes);
  requireCost(option, share, compression);
  const bytes = remainingBytes + precopyRules.deviceStateBytes;
  return {
    bytes,
    wireBytes: wireBytesFor(bytes, option, compression),
    durationMs: transferMs(bytes, option, share, compression) + precopyRules.pauseResumeOverheadMs,
  };
}

export interface PrecopyRun {
  passes: PassPlan[];
  /** The bytes left after the last pass, sent in the blackout (without device state). */
  remainingBytes: number;
  blackout: BlackoutPlan;
  bytesSent: number;
  wireBytes: number;
  totalMs: number;
  stopReason: PrecopyStopReason;
}

/** A whole migration alone on an unchanging share: for the benchmark's cross-checks and tests. */
export function simulatePrecopy(vm: PrecopyVm, option: MigrationPerformanceOption, share: LinkShare, compression: CompressionFigures): PrecopyRun {
  const passes: PassPlan[] = [];
  let bytes = firstPassBytes(vm);
  for (;;) {
    const plan = planPass(passes.length + 1, bytes, option, share, compression);
    passes.push(plan);
    const remainingBytes = nextPassBytes(vm, plan);
    const decision = afterPass(vm, passes, remainingBytes, option, share, compression);
    if (decision.next === 'Pass') {
      bytes = remainingBytes;
      continue;
    }
    const blackout = planBlackout(remainingBytes, option, share, compression);
    const sum = (pick: (p: PassPlan) => number): number => passes.reduce((total, p) => total + pick(p), 0);
    return {
      passes,
      remainingBytes,
      blackout,
      bytesSent: sum((p) => p.bytes) + blackout.bytes,
      wireBytes: sum((p) => p.wireBytes) + blackout.wireBytes,
      totalMs: sum((p) => p.durationMs) + blackout.durationMs,
      stopReason: decision.reason,
    };
  }
}
