// The storage benchmark's one-thread baselines, measured in the same run as the lab:
// - writes: the same 4 KiB payloads at the same LBAs, written straight to a sparse file of the
//   LUN's size with fs.writeSync, one after another, from the calling thread (what the target
//   does for a WRITE, with no initiator, no frames, no actor, no checks);
// - reservations: the pure reservation functions of @wsfc-lab/storage-target (readKeys,
//   persistentReserveOut, readReservation) applied to the same command mix in one thread: what
//   the target's decision costs, with no session, no frames, no events.
import { closeSync, ftruncateSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { blockSizeBytes, zeroReservationKey } from '@wsfc-lab/protocol';
import { emptyReservationState, persistentReserveOut, readKeys, readReservation, type PrOutCommand, type ReservationState } from '@wsfc-lab/storage-target';
import { BenchError } from './errors.js';
import { wallNowMs } from './lab-helpers.js';
import { benchReservationType, prMixCommand, storageBenchNames as names, writePayload, writeSizeBytes } from './storage-workload.js';

export interface BaselineRun {
  operations: number;
  elapsedWallMs: number;
  /** Per operation, wall ms; empty when an operation is too short to time on its own. */
  latencyMs: number[];
}

/** A directory of sparse files that lives as long as the benchmark. */
export class ScratchFiles {
  readonly directory = mkdtempSync(join(tmpdir(), 'wsfc-lab-bench-storage-'));

  /** A new sparse file of `sizeBytes` (no block allocated), opened for writing. */
  sparseFile(name: string, sizeBytes: number): number {
    const fd = openSync(join(this.directory, `${name}.img`), 'w+');
    ftruncateSync(fd, sizeBytes);
    return fd;
  }

  remove(): void {
    rmSync(this.directory, { recursive: true, force: true });
  }
}

/** Writes `writePayload(lbas[i], i)` at each LBA of a fresh sparse file, timing each writeSync. */
export function fileWriteBaseline(files: ScratchFiles, o: { name: string; diskBytes: number; lbas: readonly number[] }): BaselineRun {
  const fd = files.sparseFile(o.name, o.diskBytes);
  const latencyMs: number[] = new Array<number>(o.lbas.length);
  try {
    const startedAtMs = wallNowMs();
    for (let i = 0; i < o.lbas.length; i++) {
      const lba = o.lbas[i] as number;
      const sentAtMs = wallNowMs();
      const data = writePayload(lba, i);
      const written = writeSync(fd, data, 0, writeSizeBytes, lba * blockSizeBytes);
      latencyMs[i] = wallNowMs() - sentAtMs;
      if (written !== writeSizeBytes) throw new BenchError(`baseline write ${i} at LBA ${lba} wrote ${written} of ${writeSizeBytes} bytes`);
    }
    return { operations: o.lbas.length, elapsedWallMs: wallNowMs() - startedAtMs, latencyMs };
  } finally {
    closeSync(fd);
  }
}

const initiator = names.initiatorIqn;
const key = names.key;

/** node01 registered and holding Write Exclusive – Registrants Only, as after the lab's setup. */
export function reservedState(): ReservationState {
  const out = (command: Omit<PrOutCommand, 'initiator'>, state: ReservationState) => {
    const result = persistentReserveOut(state, { ...command, initiator });
    if (result.outcome.status !== 'Good') throw new BenchError(`baseline ${command.serviceAction} answered ${result.outcome.status}`);
    return result.state;
  };
  const registered = out({ serviceAction: 'Register', key: zeroReservationKey, serviceActionKey: key, aptpl: false }, emptyReservationState);
  return out({ serviceAction: 'Reserve', key, serviceActionKey: zeroReservationKey, reservationType: benchReservationType, aptpl: false }, registered);
}

/** The command mix applied `count` times to the pure functions; returns the run and the final PRgeneration. */
export function pureReservationBaseline(o: { count: number; aptpl: boolean }): BaselineRun & { generation: number } {
  let state = reservedState();
  let answered = 0;
  const startedAtMs = wallNowMs();
  for (let i = 0; i < o.count; i++) {
    const command = prMixCommand(i);
    if (command.direction === 'In') {
      const read = command.serviceAction === 'ReadKeys' ? readKeys(state).keys.length : readReservation(state).reservation === null ? 0 : 1;
      answered += read > 0 ? 1 : 0;
      continue;
    }
    const result = persistentReserveOut(state, { serviceAction: command.serviceAction, initiator, key, serviceActionKey: key, aptpl: o.aptpl });
    if (result.outcome.status === 'Good') answered++;
    state = result.state;
  }
  const elapsedWallMs = wallNowMs() - startedAtMs;
  if (answered !== o.count) throw new BenchError(`pure reservation baseline: ${o.count - answered} of ${o.count} commands did not answer as expected`);
  return { operations: o.count, elapsedWallMs, latencyMs: [], generation: state.generation };
}
