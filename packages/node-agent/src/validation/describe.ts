// The storage tests' detail lines: what each step did and, when it did not get the answer the
// cluster relies on, why that matters. A disk that refuses PR commands "does not support SCSI-3
// Persistent Reservations" (the typical failure text, facts §3.3); a disk that accepts a write
// from a node that does not own it is not fencing, and a cluster on it could corrupt data.
import { zeroReservationKey } from '@wsfc-lab/protocol';
import type { StorageResult } from '../storage/commands.js';
import type { ProbeStep } from './probe.js';

const typeText = 'Write Exclusive – Registrants Only';

export function describeStep(step: ProbeStep): string {
  const on = `${step.disk.label} (${step.disk.name}) from node ${step.node}`;
  const c = step.command;
  switch (c.type) {
    case 'RegisterAndIgnoreExistingKey':
      return c.newKey === zeroReservationKey ? `Removing the registration of node ${step.node} on ${step.disk.label}` : `Issuing Persistent Reservation REGISTER AND IGNORE EXISTING KEY with key ${c.newKey} on ${on}`;
    case 'Reserve':
      return `Issuing Persistent Reservation RESERVE (${typeText}) with key ${c.key} on ${on}`;
    case 'Release':
      return `Issuing Persistent Reservation RELEASE with key ${c.key} on ${on}`;
    case 'Preempt':
      return `Issuing Persistent Reservation PREEMPT of key ${c.victimKey} with key ${c.key} on ${on}`;
    case 'ReadKeys':
      return `Reading the registered keys of ${on}`;
    case 'ReadReservation':
      return `Reading the reservation of ${on}`;
    case 'RewriteBlock':
      return `Writing block ${c.lba} of ${on}`;
  }
}

export function describeResult(result: StorageResult): string {
  switch (result.type) {
    case 'Done':
    case 'Data':
      return 'succeeded';
    case 'Keys':
      return result.keys.length === 0 ? 'no keys are registered' : `keys ${result.keys.join(', ')}`;
    case 'Reservation':
      return result.reservation === null ? 'there is no reservation' : `reserved with key ${result.reservation.key} (${result.reservation.type})`;
    case 'ReservationConflict':
      return 'RESERVATION CONFLICT';
    case 'CheckCondition':
      return `CHECK CONDITION (${result.text})`;
    case 'Busy':
      return 'BUSY';
    case 'Failed':
      return `failed: ${result.reason}: ${result.detail}`;
  }
}

const isPrCommand = (step: ProbeStep): boolean => step.command.type !== 'RewriteBlock';

function unexpectedSuccess(step: ProbeStep, holder: string): string {
  if (step.command.type === 'RewriteBlock') {
    return `Node ${step.node} successfully wrote to ${step.disk.label} (${step.disk.name}) while node ${holder} holds a ${typeText} reservation on it. This write is expected to fail with a reservation conflict: the disk does not fence nodes that do not own it.`;
  }
  return `${describeStep(step)} succeeded, but node ${holder} holds the reservation of ${step.disk.label}. This call is expected to fail.`;
}

/** Why a step's answer is not the one the test expects. */
export function failureText(step: ProbeStep, result: StorageResult | undefined): string {
  const what = describeStep(step);
  if (result === undefined) return `${what}: no answer was recorded.`;
  const expect = step.expect;
  if (expect.type === 'ReservationConflict') {
    return result.type === 'Done' || result.type === 'Data' ? unexpectedSuccess(step, expect.holder) : `${what}: expected RESERVATION CONFLICT because node ${expect.holder} holds the reservation, got ${describeResult(result)}.`;
  }
  if (expect.type === 'Holder' && result.type === 'Reservation') {
    const expected = expect.key === null ? 'no reservation' : `key ${expect.key} of node ${expect.holder} (${expect.reservationType})`;
    return `${what}: ${describeResult(result)}; expected ${expected}.`;
  }
  if (result.type === 'CheckCondition' && isPrCommand(step)) {
    return `${step.disk.label} (${step.disk.name}) does not support SCSI-3 Persistent Reservations: ${what} was refused with ${describeResult(result)}.`;
  }
  return `${what} failed: ${describeResult(result)}.`;
}
