// The lines `pnpm bench storage` prints: the options, what each baseline means, and one table row
// per (workload, baseline) pair with the actor's and the baseline's ops/s and latency and the ratio.
import { optionsLine } from './report.js';
import type { StorageBaseline, StorageBenchResult, StorageWorkload } from './storage-bench.js';
import { formatTable, num } from './table.js';

const workloadLabels = {
  reservations: 'PR mix',
  writesSequential: '4 KiB write, sequential',
  writesRandom: '4 KiB write, random',
} as const satisfies Record<StorageWorkload, string>;

const baselineLabels = {
  pureReservations: 'pure PR functions, 1 thread',
  fileWriteSync: 'fs.writeSync to sparse file, 1 thread',
  transport: 'msgpack+postMessage round trip',
} as const satisfies Record<StorageBaseline, string>;

const ms = (value: number | undefined) => (value === undefined ? 'n/a' : num(value, 3));
/** The table right-aligns every column but the first: names are padded to read left-aligned. */
const baselineWidth = Math.max(...Object.values(baselineLabels).map((label) => label.length));

export function storageReport(result: StorageBenchResult): string[] {
  const { options, setup } = result;
  const table = formatTable(
    ['workload', 'actor ops/s', 'actor p50 ms', 'actor p99 ms', 'baseline'.padEnd(baselineWidth), 'baseline ops/s', 'base p50 ms', 'base p99 ms', 'actor/baseline', 'actor ops/s per repeat'],
    result.rows.map((row) => [
      workloadLabels[row.workload],
      num(row.actor.opsPerSecond),
      ms(row.actor.latencyMs?.p50),
      ms(row.actor.latencyMs?.p99),
      baselineLabels[row.baseline].padEnd(baselineWidth),
      num(row.base.opsPerSecond),
      ms(row.base.latencyMs?.p50),
      ms(row.base.latencyMs?.p99),
      num(row.ratio, 3),
      row.actor.opsPerSecondByRepeat.map((v) => num(v)).join(' '),
    ]),
  );
  const reservation = setup.reservation ? `${setup.reservation.type} held with key ${setup.reservation.key}` : 'no reservation';
  return [
    optionsLine('storage', options),
    `lab: storage target actor "host" + initiator driver actor node01 (threads runtime, direct transport, one iSCSI network, latencyMs 0); session ${setup.sessionId}, ${reservation}, PRgeneration ${setup.generation}`,
    `PR mix: ${result.reservationMix} in turn, on a LUN node01 holds ${result.reservationType}; APTPL ${options.aptpl ? 'on: the target rewrites its durable record on each REGISTER' : 'off'}`,
    `writes: ${options.operations} × 4 KiB (8 × 512-byte blocks) at sequential, then uniformly random 4 KiB-aligned LBAs of a ${options.diskGiB} GiB sparse LUN file; read-back of each round's last block: ${result.readBackMatches ? 'matches' : 'MISMATCH'}`,
    'baselines, same run, same LBAs and payloads:',
    '  fs.writeSync        one thread writes each 4 KiB payload straight to a fresh sparse file of the LUN\'s size; no initiator, frames, actor or checks',
    '  pure PR functions   readKeys / persistentReserveOut / readReservation from @wsfc-lab/storage-target on the same mix in one thread: the decision alone',
    `  msgpack+postMessage two bare workers pack, transfer and unpack the same request and response frames, ${options.window} outstanding: the transport alone (no schemas, actor, reservation logic or file)`,
    `ops/s: the median of ${options.repeats} repeat(s), each a fresh lab, fresh files and fresh workers, baselines and lab in turn; latency pooled over them`,
    `latency: actor and transport with ${options.window} commands outstanding (queueing included, about window ÷ ops/s); fs.writeSync one call at a time; the pure functions are too short to time one by one`,
    ...table,
  ];
}
