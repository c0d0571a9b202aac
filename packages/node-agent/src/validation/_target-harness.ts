// A test stand-in for the iSCSI target, for running the storage probes in unit tests: each disk
// has the target's own persistent-reservation model (storage-target's reservations.ts), the nodes
// that see it, and two faults: a disk that does not support PR commands, and a disk that does not
// fence (accepts every write). Steps of a stage are applied in order, so the first RESERVE of a
// race wins.
import { zeroReservationKey, type Sense } from '@wsfc-lab/protocol';
import { accessFor, emptyReservationState, persistentReserveOut, readKeys, readReservation, type PrOutCommand, type ReservationState } from '@wsfc-lab/storage-target';
import type { StorageResult } from '../storage/commands.js';
import type { ProbeStep, StageResults, StorageProbe } from './probe.js';
import { nextStage, recordStage, startProbeRun } from './probe-runner.js';

export interface HarnessDisk {
  serialNumber: string;
  visibleFrom: string[];
  state: ReservationState;
  prSupported: boolean;
  fencing: boolean;
}

export function harnessDisk(serialNumber: string, visibleFrom: string[], faults: Partial<Pick<HarnessDisk, 'prSupported' | 'fencing'>> = {}): HarnessDisk {
  return { serialNumber, visibleFrom, state: emptyReservationState, prSupported: faults.prSupported ?? true, fencing: faults.fencing ?? true };
}

const invalidOpcode: Sense = { senseKey: 'IllegalRequest', asc: 0x20, ascq: 0x00 };

function prOut(disk: HarnessDisk, command: Omit<PrOutCommand, 'aptpl'>): StorageResult {
  if (!disk.prSupported) return { type: 'CheckCondition', sense: invalidOpcode, text: 'INVALID COMMAND OPERATION CODE' };
  const result = persistentReserveOut(disk.state, { ...command, aptpl: false });
  disk.state = result.state;
  const outcome = result.outcome;
  if (outcome.status === 'Good') return { type: 'Done' };
  if (outcome.status === 'ReservationConflict') return { type: 'ReservationConflict' };
  return { type: 'CheckCondition', sense: outcome.sense, text: outcome.reason };
}

function execute(step: ProbeStep, disk: HarnessDisk): StorageResult {
  const base = { initiator: step.node, key: zeroReservationKey, serviceActionKey: zeroReservationKey };
  const c = step.command;
  switch (c.type) {
    case 'RegisterAndIgnoreExistingKey':
      return prOut(disk, { ...base, serviceAction: 'RegisterAndIgnoreExistingKey', serviceActionKey: c.newKey });
    case 'Reserve':
      return prOut(disk, { ...base, serviceAction: 'Reserve', key: c.key, reservationType: c.reservationType });
    case 'Release':
      return prOut(disk, { ...base, serviceAction: 'Release', key: c.key, reservationType: c.reservationType });
    case 'Preempt':
      return prOut(disk, { ...base, serviceAction: 'Preempt', key: c.key, serviceActionKey: c.victimKey, reservationType: c.reservationType });
    case 'ReadKeys':
      return disk.prSupported ? { type: 'Keys', ...readKeys(disk.state) } : { type: 'CheckCondition', sense: invalidOpcode, text: 'INVALID COMMAND OPERATION CODE' };
    case 'ReadReservation': {
      if (!disk.prSupported) return { type: 'CheckCondition', sense: invalidOpcode, text: 'INVALID COMMAND OPERATION CODE' };
      const { generation, reservation } = readReservation(disk.state);
      return { type: 'Reservation', generation, reservation: reservation && { key: reservation.key, type: reservation.type } };
    }
    case 'RewriteBlock':
      if (accessFor(disk.state, step.node, 'Read') !== 'Allowed') return { type: 'ReservationConflict' };
      return !disk.fencing || accessFor(disk.state, step.node, 'Write') === 'Allowed' ? { type: 'Done' } : { type: 'ReservationConflict' };
  }
}

/** Runs every probe to the end against `disks`, as the integration would through the storage API. */
export function runProbes(probes: StorageProbe[], disks: HarnessDisk[]): StageResults[][] {
  const run = startProbeRun(probes);
  for (let stage = nextStage(run); stage !== undefined; stage = nextStage(run)) {
    recordStage(
      run,
      stage.steps.map((step) => {
        const disk = disks.find((d) => d.serialNumber === step.disk.serialNumber);
        if (!disk || !disk.visibleFrom.includes(step.node)) return { type: 'Failed', reason: 'NoSuchDisk', detail: `no iSCSI disk with serial number ${step.disk.serialNumber} is present on ${step.node}` };
        return execute(step, disk);
      }),
    );
  }
  return run.results;
}
