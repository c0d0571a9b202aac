// Block I/O on a logical unit: REPORT LUNS, READ CAPACITY, READ and WRITE at a logical block
// address, in 512-byte blocks, on the LUN's backing device (`io.blocks`). Every READ and WRITE is
// checked against the reservation first (SBC-3 Table 13, via `accessFor`); every WRITE that
// reaches a logical unit, accepted or refused, goes into the write history with the writer's key,
// the holder, the reservation type and the PRgeneration, for the checkers.
import { blockSizeBytes } from '@wsfc-lab/protocol';
import type { ScsiResponseMessage, Sense, StorageMessage } from '@wsfc-lab/protocol';
import { refusals } from './errors.js';
import { accessFor, holderKeyOf, registrationOf, type MediumAccess } from './reservations.js';
import { answer, reportRefusal, type FrameContext } from './reporting.js';
import { sense } from './sense.js';
import { sessionForPdu } from './sessions.js';
import { targetByName, type IscsiSession, type StorageIo, type StorageTargetState, type VirtualDisk } from './state.js';

type Message<T extends StorageMessage['type']> = Extract<StorageMessage, { type: T }>;
type ScsiAnswer = Omit<ScsiResponseMessage, 'type' | 'requestId' | 'sessionId'>;

export function scsiAnswer(io: StorageIo, context: FrameContext, o: { requestId: string; session: IscsiSession; response: ScsiAnswer }): void {
  answer(io, context, { type: 'ScsiResponse', requestId: o.requestId, sessionId: o.session.sessionId, ...o.response });
}

/** The session and the logical unit a command addresses, or undefined once it has been refused. */
export function addressedUnit(
  state: StorageTargetState,
  io: StorageIo,
  context: FrameContext,
  message: { type: string; requestId: string; sessionId: number; lun: number },
): { session: IscsiSession; disk: VirtualDisk } | undefined {
  const session = sessionForPdu(state, io, context, message);
  if (!session) return undefined;
  const mapping = targetByName(state, session.target)?.luns.find((l) => l.lun === message.lun);
  const disk = mapping ? state.disks.get(mapping.disk) : undefined;
  if (!disk) {
    const detail = refusals.lunNotFound({ lun: message.lun, target: session.targetIqn });
    reportRefusal(state, io, { node: context.source, sessionId: session.sessionId, messageType: message.type, reason: 'LunNotFound', detail });
    scsiAnswer(io, context, { requestId: message.requestId, session, response: { status: 'CheckCondition', sense: sense('IllegalRequest', 'LogicalUnitNotSupported') } });
    return undefined;
  }
  return { session, disk };
}

export function onReportLuns(state: StorageTargetState, io: StorageIo, context: FrameContext, message: Message<'ScsiReportLuns'>): void {
  const session = sessionForPdu(state, io, context, message);
  if (!session) return;
  const luns = (targetByName(state, session.target)?.luns ?? []).flatMap((mapping) => {
    const disk = state.disks.get(mapping.disk);
    return disk ? [{ lun: mapping.lun, disk: disk.name, serialNumber: disk.serialNumber, sizeBlocks: disk.sizeBlocks, blockSizeBytes } as const] : [];
  });
  scsiAnswer(io, context, { requestId: message.requestId, session, response: { status: 'Good', luns } });
}

export function onReadCapacity(state: StorageTargetState, io: StorageIo, context: FrameContext, message: Message<'ScsiReadCapacity'>): void {
  const unit = addressedUnit(state, io, context, message);
  if (!unit) return;
  scsiAnswer(io, context, { requestId: message.requestId, session: unit.session, response: { status: 'Good', capacity: { lastLba: unit.disk.sizeBlocks - 1, blockSizeBytes } } });
}

type MediumCheck = { ok: true } | { ok: false; status: 'ReservationConflict' | 'CheckCondition'; sense?: Sense; reason: 'ReservationConflict' | 'LbaOutOfRange'; detail: string };

/** The reservation, then the address range. */
function checkMedium(unit: { session: IscsiSession; disk: VirtualDisk }, o: { access: MediumAccess; lba: number; blockCount: number }): MediumCheck {
  const { disk, session } = unit;
  if (accessFor(disk.reservations, session.initiatorName, o.access) === 'ReservationConflict') {
    const reservation = disk.reservations.reservation;
    const detail = reservation
      ? refusals.mediumConflict({ access: o.access, initiator: session.initiatorName, type: reservation.type, holder: reservation.holder })
      : `${o.access} refused`;
    return { ok: false, status: 'ReservationConflict', reason: 'ReservationConflict', detail };
  }
  if (o.lba >= disk.sizeBlocks || o.lba + o.blockCount > disk.sizeBlocks) {
    const detail = refusals.lbaOutOfRange({ lba: o.lba, blockCount: o.blockCount, sizeBlocks: disk.sizeBlocks, disk: disk.name });
    return { ok: false, status: 'CheckCondition', sense: sense('IllegalRequest', 'LogicalBlockAddressOutOfRange'), reason: 'LbaOutOfRange', detail };
  }
  return { ok: true };
}

export function onRead(state: StorageTargetState, io: StorageIo, context: FrameContext, message: Message<'ScsiRead'>): void {
  const unit = addressedUnit(state, io, context, message);
  if (!unit) return;
  const check = checkMedium(unit, { access: 'Read', lba: message.lba, blockCount: message.blockCount });
  if (!check.ok) {
    reportRefusal(state, io, { node: context.source, sessionId: unit.session.sessionId, messageType: message.type, reason: check.reason, detail: check.detail });
    scsiAnswer(io, context, { requestId: message.requestId, session: unit.session, response: { status: check.status, ...(check.sense ? { sense: check.sense } : {}) } });
    return;
  }
  const data = io.blocks.read(unit.disk.name, message.lba, message.blockCount);
  scsiAnswer(io, context, { requestId: message.requestId, session: unit.session, response: { status: 'Good', data } });
}

export function onWrite(state: StorageTargetState, io: StorageIo, context: FrameContext, message: Message<'ScsiWrite'>): void {
  const unit = addressedUnit(state, io, context, message);
  if (!unit) return;
  const blockCount = Math.floor(message.data.byteLength / blockSizeBytes);
  let check: MediumCheck | { ok: false; status: 'CheckCondition'; sense: Sense; reason: 'InvalidField'; detail: string };
  if (message.data.byteLength % blockSizeBytes !== 0) {
    check = { ok: false, status: 'CheckCondition', sense: sense('IllegalRequest', 'InvalidFieldInCdb'), reason: 'InvalidField', detail: refusals.notWholeBlocks(message.data.byteLength, blockSizeBytes) };
  } else {
    check = checkMedium(unit, { access: 'Write', lba: message.lba, blockCount });
  }
  if (check.ok) {
    if (blockCount > 0) io.blocks.write(unit.disk.name, message.lba, message.data);
    state.counters.writesAccepted++;
  } else {
    state.counters.writesRefused++;
    state.counters.refused[check.reason]++;
  }
  emitWrite(state, io, { unit, lun: message.lun, lba: message.lba, blockCount, check });
  const response: ScsiAnswer = check.ok ? { status: 'Good' } : { status: check.status, ...(check.sense ? { sense: check.sense } : {}) };
  scsiAnswer(io, context, { requestId: message.requestId, session: unit.session, response });
}

function emitWrite(
  state: StorageTargetState,
  io: StorageIo,
  o: { unit: { session: IscsiSession; disk: VirtualDisk }; lun: number; lba: number; blockCount: number; check: { ok: true } | { ok: false; status: 'ReservationConflict' | 'CheckCondition'; detail: string } },
): void {
  const { session, disk } = o.unit;
  const reservations = disk.reservations;
  io.emit({
    type: 'ScsiWrite',
    disk: disk.name,
    target: session.targetIqn,
    lun: o.lun,
    node: session.node,
    initiator: session.initiatorName,
    key: registrationOf(reservations, session.initiatorName)?.key ?? null,
    holder: reservations.reservation?.holder ?? null,
    holderKey: holderKeyOf(reservations),
    reservationType: reservations.reservation?.type ?? null,
    generation: reservations.generation,
    targetIncarnation: state.incarnation,
    lba: o.lba,
    blockCount: o.blockCount,
    status: o.check.ok ? 'Good' : o.check.status,
    ...(o.check.ok ? {} : { reason: o.check.detail }),
  });
}
