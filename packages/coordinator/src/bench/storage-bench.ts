// `pnpm bench storage`: persistent reservation commands/s and 4 KiB writes/s through the storage
// target actor, against baselines measured in the same run:
// - writes: the same 4 KiB blocks at the same LBAs written straight to a sparse file with
//   fs.writeSync from one thread (storage-baselines.ts);
// - reservations: the pure reservation functions applied to the same command mix in one thread
//   (the decision alone), and separately the msgpack + postMessage round trip of the same
//   request and response frames between two bare workers (the transport alone, for writes too).
// The lab: the real target actor and an initiator driver actor (node01) in the threads runtime,
// logged in, registered and holding Write Exclusive – Registrants Only, W commands outstanding.
import type { SetupOutput } from './storage-initiator-actor.js';
import { fileWriteBaseline, pureReservationBaseline, ScratchFiles, type BaselineRun } from './storage-baselines.js';
import { startEchoPair } from './storage-echo.js';
import { startStorageLab, type LabRun } from './storage-lab.js';
import { ratio, summarize, type Summary } from './stats.js';
import { benchReservationType, lbaPlan, measuredLun, prMixLabel, warmupLun } from './storage-workload.js';
import { BenchError } from './errors.js';

export interface StorageBenchOptions {
  /** Commands in each measured run: N reservation commands, N sequential and N random writes. */
  operations: number;
  /** Commands outstanding at once through the actor and the transport baseline. */
  window: number;
  /** Commands run first on the warm-up LUN (and a warm-up file), to warm the JIT; not measured. */
  warmup: number;
  /** The measured LUN's size in GiB (a sparse file); random LBAs are spread over all of it. */
  diskGiB: number;
  /** APTPL on REGISTER: then the target rewrites its durable record on each one. */
  aptpl: boolean;
  /**
   * Rounds of baselines and lab in turn (a fresh lab, fresh files and fresh workers each); ops/s
   * is the median over them. Interleaving spreads the machine's noise over all paths alike.
   */
  repeats: number;
  seed: number;
}

export const storageDefaults: StorageBenchOptions = { operations: 10_000, window: 32, warmup: 2000, diskGiB: 1, aptpl: false, repeats: 3, seed: 1 };

export type StorageWorkload = 'reservations' | 'writesSequential' | 'writesRandom';
export type StorageBaseline = 'pureReservations' | 'fileWriteSync' | 'transport';

export interface RunFigures {
  /** Per repeat. */
  operations: number;
  /** The median over the repeats. */
  opsPerSecond: number;
  /** One figure per repeat, in run order. */
  opsPerSecondByRepeat: number[];
  /** Per operation, wall ms, all repeats pooled; null when the operations are too short to time one by one. */
  latencyMs: Summary | null;
}

export interface StorageRow {
  workload: StorageWorkload;
  baseline: StorageBaseline;
  actor: RunFigures;
  base: RunFigures;
  /** Actor ops/s ÷ baseline ops/s. */
  ratio: number;
}

export interface StorageBenchResult {
  benchmark: 'storage';
  options: StorageBenchOptions;
  reservationMix: string;
  reservationType: string;
  /** What node01 read back after login, register and reserve. */
  setup: SetupOutput;
  /** Each write round's last block, read back through the target, held what was written. */
  readBackMatches: boolean;
  rows: StorageRow[];
}

const gib = 1024 ** 3;
const warmupDiskBytes = 64 * 1024 * 1024;

function figures(runs: readonly (LabRun | BaselineRun)[]): RunFigures {
  const byRepeat = runs.map((run) => (run.operations * 1000) / run.elapsedWallMs);
  const latencyMs = runs.flatMap((run) => run.latencyMs);
  return { operations: runs[0]?.operations ?? 0, opsPerSecond: summarize(byRepeat).p50, opsPerSecondByRepeat: byRepeat, latencyMs: latencyMs.length > 0 ? summarize(latencyMs) : null };
}

function validate(options: StorageBenchOptions): void {
  const bad = (name: string, rule: string) => new BenchError(`option ${name} must be ${rule}, got ${JSON.stringify(options[name as keyof StorageBenchOptions])}`);
  if (!(Number.isInteger(options.operations) && options.operations >= 1)) throw bad('operations', 'an integer >= 1');
  if (!(Number.isInteger(options.window) && options.window >= 1)) throw bad('window', 'an integer >= 1');
  if (!(Number.isInteger(options.warmup) && options.warmup >= 0)) throw bad('warmup', 'an integer >= 0');
  if (!(Number.isInteger(options.repeats) && options.repeats >= 1)) throw bad('repeats', 'an integer >= 1');
  const diskBytes = options.diskGiB * gib;
  if (!(diskBytes >= warmupDiskBytes && Number.isSafeInteger(diskBytes) && diskBytes % 4096 === 0)) throw bad('diskGiB', 'at least 1/16 and a whole number of 4 KiB');
}

interface Plans {
  sequential: number[];
  random: number[];
  warmup: number[];
}

function plans(options: StorageBenchOptions): Plans {
  const diskBlocks = (options.diskGiB * gib) / 512;
  return {
    sequential: lbaPlan({ pattern: 'sequential', count: options.operations, diskBlocks, seed: options.seed }),
    random: lbaPlan({ pattern: 'random', count: options.operations, diskBlocks, seed: options.seed }),
    warmup: lbaPlan({ pattern: 'random', count: Math.max(1, options.warmup), diskBlocks: warmupDiskBytes / 512, seed: options.seed + 1 }),
  };
}

/** The one-thread baselines: file writes and the pure reservation functions. */
function oneThreadBaselines(options: StorageBenchOptions, lbas: Plans): Record<'sequential' | 'random' | 'pure', BaselineRun> {
  const files = new ScratchFiles();
  try {
    const diskBytes = options.diskGiB * gib;
    if (options.warmup > 0) {
      fileWriteBaseline(files, { name: 'warmup', diskBytes: warmupDiskBytes, lbas: lbas.warmup });
      pureReservationBaseline({ count: options.warmup, aptpl: options.aptpl });
    }
    const sequential = fileWriteBaseline(files, { name: 'sequential', diskBytes, lbas: lbas.sequential });
    const random = fileWriteBaseline(files, { name: 'random', diskBytes, lbas: lbas.random });
    return { sequential, random, pure: pureReservationBaseline({ count: options.operations, aptpl: options.aptpl }) };
  } finally {
    files.remove();
  }
}

async function transportBaselines(options: StorageBenchOptions, lbas: Plans): Promise<Record<'reservations' | 'writes', BaselineRun>> {
  const pair = await startEchoPair();
  try {
    if (options.warmup > 0) {
      await pair.flood({ type: 'reservations', count: options.warmup }, options.window);
      await pair.flood({ type: 'writes', lbas: lbas.warmup }, options.window);
    }
    const reservations = await pair.flood({ type: 'reservations', count: options.operations }, options.window);
    return { reservations, writes: await pair.flood({ type: 'writes', lbas: lbas.random }, options.window) };
  } finally {
    await pair.stop();
  }
}

async function labRuns(options: StorageBenchOptions, lbas: Plans): Promise<{ setup: SetupOutput; reservations: LabRun; sequential: LabRun; random: LabRun }> {
  const lab = await startStorageLab({ measuredDiskBytes: options.diskGiB * gib, warmupDiskBytes, aptpl: options.aptpl, seed: options.seed });
  const window = options.window;
  try {
    if (options.warmup > 0) {
      await lab.reservations({ lun: warmupLun, count: options.warmup, window });
      await lab.writes({ lun: warmupLun, lbas: lbas.warmup, window });
    }
    const reservations = await lab.reservations({ lun: measuredLun, count: options.operations, window });
    const sequential = await lab.writes({ lun: measuredLun, lbas: lbas.sequential, window });
    const random = await lab.writes({ lun: measuredLun, lbas: lbas.random, window });
    return { setup: lab.setup, reservations, sequential, random };
  } finally {
    await lab.stop();
  }
}

interface Repeat {
  oneThread: ReturnType<typeof oneThreadBaselines>;
  transport: Awaited<ReturnType<typeof transportBaselines>>;
  lab: Awaited<ReturnType<typeof labRuns>>;
}

export async function storageBench(options: StorageBenchOptions): Promise<StorageBenchResult> {
  validate(options);
  const lbas = plans(options);
  const repeats: Repeat[] = [];
  for (let repeat = 0; repeat < options.repeats; repeat++) {
    const oneThread = oneThreadBaselines(options, lbas);
    const transport = await transportBaselines(options, lbas);
    repeats.push({ oneThread, transport, lab: await labRuns(options, lbas) });
  }
  const row = (workload: StorageWorkload, actor: (r: Repeat) => LabRun, baseline: StorageBaseline, base: (r: Repeat) => BaselineRun): StorageRow => {
    const a = figures(repeats.map(actor));
    const b = figures(repeats.map(base));
    return { workload, baseline, actor: a, base: b, ratio: ratio(a.opsPerSecond, b.opsPerSecond) };
  };
  const [first] = repeats as [Repeat, ...Repeat[]];
  return {
    benchmark: 'storage',
    options,
    reservationMix: prMixLabel,
    reservationType: benchReservationType,
    setup: first.lab.setup,
    readBackMatches: repeats.every((r) => r.lab.sequential.readBackMatches === true && r.lab.random.readBackMatches === true),
    rows: [
      row('reservations', (r) => r.lab.reservations, 'pureReservations', (r) => r.oneThread.pure),
      row('reservations', (r) => r.lab.reservations, 'transport', (r) => r.transport.reservations),
      row('writesSequential', (r) => r.lab.sequential, 'fileWriteSync', (r) => r.oneThread.sequential),
      row('writesRandom', (r) => r.lab.random, 'fileWriteSync', (r) => r.oneThread.random),
      row('writesRandom', (r) => r.lab.random, 'transport', (r) => r.transport.writes),
    ],
  };
}
