// Turning an answer (or its absence) into a completion. A completion is queued in `settling` and
// handed to its consumer at the end of the step (settle.ts), so no consumer ever runs inside the
// code that produced it.
import type { ScsiResponseMessage } from '@wsfc-lab/protocol';
import { describeSense } from '@wsfc-lab/storage-target';
import type { StorageCompletion, StorageFailureReason, StorageResult } from './commands.js';
import type { PendingRequest, StorageIo, StorageState } from './state.js';

type CommandPurpose = Extract<PendingRequest['purpose'], { type: 'Command' }>;

/** What a SCSI response means for the command it answers. */
export function resultOf(purpose: CommandPurpose, response: ScsiResponseMessage): StorageResult {
  switch (response.status) {
    case 'ReservationConflict':
      return { type: 'ReservationConflict' };
    case 'Busy':
      return { type: 'Busy' };
    case 'CheckCondition': {
      const sense = response.sense ?? { senseKey: 'NoSense' as const, asc: 0, ascq: 0 };
      return { type: 'CheckCondition', sense, text: describeSense(sense) };
    }
    case 'Good':
      return goodResultOf(purpose, response);
  }
}

function goodResultOf(purpose: CommandPurpose, response: ScsiResponseMessage): StorageResult {
  switch (purpose.command.type) {
    case 'Read':
      return response.data ? { type: 'Data', data: response.data } : { type: 'Failed', reason: 'Rejected', detail: 'READ answered GOOD without data' };
    case 'ReadKeys':
      return { type: 'Keys', generation: response.generation ?? 0, keys: response.keys ?? [] };
    case 'ReadReservation':
      return { type: 'Reservation', generation: response.generation ?? 0, reservation: response.reservation ? { key: response.reservation.key, type: response.reservation.type } : null };
    default:
      return { type: 'Done' };
  }
}

export function queueCompletion(state: StorageState, io: StorageIo, o: { pending: PendingRequest; purpose: CommandPurpose; result: StorageResult }): void {
  const completion: StorageCompletion = {
    requestId: o.pending.requestId,
    tag: o.purpose.tag,
    disk: o.purpose.disk,
    serialNumber: o.purpose.serialNumber,
    command: o.purpose.command.type,
    issuedAtMs: o.pending.sentAtMs,
    completedAtMs: io.now(),
    result: o.result,
  };
  state.settling.push(completion);
}

export function failed(reason: StorageFailureReason, detail: string): StorageResult {
  return { type: 'Failed', reason, detail };
}
