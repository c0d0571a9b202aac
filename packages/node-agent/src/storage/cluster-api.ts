// What the cluster service calls to arbitrate and use shared disks (facts §3): persistent
// reservation commands and block I/O on a disk named as the target names it (the cluster disk's
// name) or by serial number. Each call sends through `io`, records the request as data and
// returns its requestId; the outcome arrives later as a StorageCompletion carrying the caller's
// tag, which node.ts routes to the caller (takeCompletions). Failures that need no answer (no
// such disk, no session, table full) complete the same way, never by throwing.
import type { ReservationKey, ReservationType } from '@wsfc-lab/protocol';
import type { CompletionTag, StorageCommand } from './commands.js';
import { issueCommand, type DiskSelector } from './issue.js';
import { settle } from './settle.js';
import type { StorageIo, StorageState } from './state.js';

export interface StorageRequest {
  disk: DiskSelector;
  tag: CompletionTag;
}

/** Sends any storage command; returns its requestId. */
export function submitStorageCommand(state: StorageState, io: StorageIo, o: StorageRequest & { command: StorageCommand }): string {
  const requestId = issueCommand(state, io, o);
  settle(state, io);
  return requestId;
}

const submit = (state: StorageState, io: StorageIo, o: StorageRequest, command: StorageCommand) => submitStorageCommand(state, io, { ...o, command });

/** REGISTER `newKey` (with `key`, the key held now, zero when none). */
export function registerKey(state: StorageState, io: StorageIo, o: StorageRequest & { key: ReservationKey; newKey: ReservationKey; aptpl?: boolean }): string {
  return submit(state, io, o, { type: 'Register', key: o.key, newKey: o.newKey, ...(o.aptpl !== undefined ? { aptpl: o.aptpl } : {}) });
}

export function registerAndIgnoreExistingKey(state: StorageState, io: StorageIo, o: StorageRequest & { newKey: ReservationKey; aptpl?: boolean }): string {
  return submit(state, io, o, { type: 'RegisterAndIgnoreExistingKey', newKey: o.newKey, ...(o.aptpl !== undefined ? { aptpl: o.aptpl } : {}) });
}

/** RESERVE, Write Exclusive – Registrants Only unless told otherwise (facts §3.1). */
export function reserve(state: StorageState, io: StorageIo, o: StorageRequest & { key: ReservationKey; reservationType?: ReservationType }): string {
  return submit(state, io, o, { type: 'Reserve', key: o.key, ...(o.reservationType ? { reservationType: o.reservationType } : {}) });
}

/** PREEMPT `victimKey`: its registrations go, and the reservation it held moves to the caller. */
export function preempt(state: StorageState, io: StorageIo, o: StorageRequest & { key: ReservationKey; victimKey: ReservationKey; reservationType?: ReservationType }): string {
  return submit(state, io, o, { type: 'Preempt', key: o.key, victimKey: o.victimKey, ...(o.reservationType ? { reservationType: o.reservationType } : {}) });
}

export function release(state: StorageState, io: StorageIo, o: StorageRequest & { key: ReservationKey; reservationType?: ReservationType }): string {
  return submit(state, io, o, { type: 'Release', key: o.key, ...(o.reservationType ? { reservationType: o.reservationType } : {}) });
}

export function clear(state: StorageState, io: StorageIo, o: StorageRequest & { key: ReservationKey }): string {
  return submit(state, io, o, { type: 'Clear', key: o.key });
}

export function readKeys(state: StorageState, io: StorageIo, o: StorageRequest): string {
  return submit(state, io, o, { type: 'ReadKeys' });
}

export function readReservation(state: StorageState, io: StorageIo, o: StorageRequest): string {
  return submit(state, io, o, { type: 'ReadReservation' });
}

export function readBlocks(state: StorageState, io: StorageIo, o: StorageRequest & { lba: number; blockCount: number }): string {
  return submit(state, io, o, { type: 'Read', lba: o.lba, blockCount: o.blockCount });
}

export function writeBlocks(state: StorageState, io: StorageIo, o: StorageRequest & { lba: number; data: Uint8Array }): string {
  return submit(state, io, o, { type: 'Write', lba: o.lba, data: o.data });
}
