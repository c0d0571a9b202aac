// PERSISTENT RESERVE IN and OUT on the wire: the shell around the pure `reservations` module. It
// finds the logical unit, runs the command for the session's initiator, stores the new state in
// one `put` when it changed, logs the outcome with the state it left behind, and answers.
import { storageLimits } from '@wsfc-lab/protocol';
import type { StorageMessage } from '@wsfc-lab/protocol';
import { addressedUnit, scsiAnswer } from './block-io.js';
import { saveReservations } from './persistence.js';
import { holderKeyOf, persistentReserveOut, readKeys, readReservation, type PrOutResult } from './reservations.js';
import type { FrameContext } from './reporting.js';
import type { IscsiSession, StorageIo, StorageTargetState, VirtualDisk } from './state.js';

type Message<T extends StorageMessage['type']> = Extract<StorageMessage, { type: T }>;

export function onPersistentReserveIn(state: StorageTargetState, io: StorageIo, context: FrameContext, message: Message<'PersistentReserveIn'>): void {
  const unit = addressedUnit(state, io, context, message);
  if (!unit) return;
  const reservations = unit.disk.reservations;
  const response =
    message.serviceAction === 'ReadKeys' ? { status: 'Good' as const, ...readKeys(reservations) } : { status: 'Good' as const, ...readReservation(reservations) };
  scsiAnswer(io, context, { requestId: message.requestId, session: unit.session, response });
}

export function onPersistentReserveOut(state: StorageTargetState, io: StorageIo, context: FrameContext, message: Message<'PersistentReserveOut'>): void {
  const unit = addressedUnit(state, io, context, message);
  if (!unit) return;
  const { disk, session } = unit;
  const before = disk.reservations;
  const result = persistentReserveOut(
    before,
    {
      serviceAction: message.serviceAction,
      initiator: session.initiatorName,
      key: message.key,
      serviceActionKey: message.serviceActionKey,
      reservationType: message.reservationType,
      aptpl: message.aptpl,
    },
    { registrationsMax: storageLimits.registrationsPerLunMax },
  );
  if (result.state !== before) {
    disk.reservations = result.state;
    // Only an APTPL state, or the end of one, needs the disk; otherwise there is nothing to keep.
    if (before.aptpl || result.state.aptpl) saveReservations(io.store, disk.name, result.state);
  }
  if (result.outcome.status === 'ReservationConflict') state.counters.refused.ReservationConflict++;
  if (result.outcome.status === 'CheckCondition') state.counters.refused.InvalidField++;
  if (result.effects.some((e) => e.type === 'TasksAborted')) io.probe('preempt and abort removed registrations');
  emitPrOut(state, io, { message, session, disk, result });
  const outcome = result.outcome;
  scsiAnswer(io, context, {
    requestId: message.requestId,
    session,
    response: outcome.status === 'CheckCondition' ? { status: outcome.status, sense: outcome.sense } : { status: outcome.status },
  });
}

function emitPrOut(
  state: StorageTargetState,
  io: StorageIo,
  o: { message: Message<'PersistentReserveOut'>; session: IscsiSession; disk: VirtualDisk; result: PrOutResult },
): void {
  const after = o.result.state;
  const removed = o.result.effects.flatMap((e) =>
    e.type === 'Unregistered' && e.initiator !== o.session.initiatorName ? [{ initiator: e.initiator, key: e.key }] : [],
  );
  const outcome = o.result.outcome;
  io.emit({
    type: 'PersistentReserveOut',
    disk: o.disk.name,
    node: o.session.node,
    initiator: o.session.initiatorName,
    serviceAction: o.message.serviceAction,
    requestedType: o.message.reservationType ?? null,
    key: o.message.key,
    serviceActionKey: o.message.serviceActionKey,
    status: outcome.status,
    ...(outcome.status === 'Good' ? {} : { reason: outcome.reason }),
    generation: after.generation,
    holder: after.reservation?.holder ?? null,
    holderKey: holderKeyOf(after),
    reservationType: after.reservation?.type ?? null,
    registeredKeys: after.registrations.length,
    removed,
    aptpl: after.aptpl,
    targetIncarnation: state.incarnation,
  });
}
