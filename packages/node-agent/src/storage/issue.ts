// Issuing a storage command on the session of the disk it names. The command goes out as its SCSI
// PDU with a requestId; the pending table remembers, as data, whom to tell. A command that cannot
// go out (no such disk, no session, table full) completes at once with the reason, through the
// same completion path, so a caller has one way to learn the outcome.
import { zeroReservationKey, type StorageMessage } from '@wsfc-lab/protocol';
import type { CompletionTag, StorageCommand, StorageFailureReason } from './commands.js';
import { summaryOf } from './commands.js';
import { failed } from './completion.js';
import { addPending } from './pending.js';
import { sessionOf, type IscsiDisk, type StorageIo, type StorageState } from './state.js';

export type DiskSelector = { name: string } | { serialNumber: string };

export interface IssueRequest {
  disk: DiskSelector;
  command: StorageCommand;
  tag: CompletionTag;
}

export function findDisk(state: StorageState, selector: DiskSelector): IscsiDisk | undefined {
  if ('serialNumber' in selector) return state.disks.find((d) => d.present && d.serialNumber === selector.serialNumber);
  const wanted = selector.name.toLowerCase();
  return state.disks.find((d) => d.present && d.name.toLowerCase() === wanted);
}

function describeSelector(selector: DiskSelector): string {
  return 'serialNumber' in selector ? `serial number ${selector.serialNumber}` : `"${selector.name}"`;
}

/** Sends the command (or completes it at once with why it could not be sent); returns its requestId. */
export function issueCommand(state: StorageState, io: StorageIo, request: IssueRequest): string {
  const disk = findDisk(state, request.disk);
  if (!disk) return completeAtOnce(state, io, request, { reason: 'NoSuchDisk', detail: `no iSCSI disk ${describeSelector(request.disk)} is present on ${state.node}` });
  const session = sessionOf(state, disk.targetIqn);
  if (!session || session.phase !== 'LoggedIn' || session.sessionId === null) {
    return completeAtOnce(state, io, request, { reason: 'NoSession', detail: `the session to ${disk.targetIqn} is ${session?.phase ?? 'not there'}`, disk });
  }
  const purpose = { type: 'Command' as const, command: summaryOf(request.command), tag: request.tag, disk: disk.name, serialNumber: disk.serialNumber };
  const requestId = addPending(state, io, { targetIqn: disk.targetIqn, sessionId: session.sessionId, purpose, timeoutMs: state.timing.scsiRequestTimeoutMs });
  if (requestId === undefined) {
    state.counters.requestsRefusedQueueFull++;
    io.probe('storage command refused: pending table full');
    return completeAtOnce(state, io, request, { reason: 'QueueFull', detail: `${state.pendingCount} requests are in flight (pendingRequestsMax)`, disk });
  }
  io.send(session.portal.machine, session.portal.network, wireMessageOf(request.command, { requestId, sessionId: session.sessionId, lun: disk.lun }));
  return requestId;
}

function completeAtOnce(
  state: StorageState,
  io: StorageIo,
  request: IssueRequest,
  o: { reason: StorageFailureReason; detail: string; disk?: IscsiDisk },
): string {
  const requestId = `i${io.incarnation}.${state.nextRequestNumber++}`;
  const nowMs = io.now();
  state.settling.push({
    requestId,
    tag: request.tag,
    disk: o.disk?.name ?? ('name' in request.disk ? request.disk.name : ''),
    serialNumber: o.disk?.serialNumber ?? ('serialNumber' in request.disk ? request.disk.serialNumber : ''),
    command: request.command.type,
    issuedAtMs: nowMs,
    completedAtMs: nowMs,
    result: failed(o.reason, o.detail),
  });
  return requestId;
}

const writeExclusiveRegistrantsOnly = 'WriteExclusiveRegistrantsOnly' as const;

/** The SCSI PDU of a command. */
export function wireMessageOf(command: StorageCommand, o: { requestId: string; sessionId: number; lun: number }): StorageMessage {
  const base = { requestId: o.requestId, sessionId: o.sessionId, lun: o.lun };
  const prOut = { type: 'PersistentReserveOut' as const, ...base, aptpl: false, key: zeroReservationKey, serviceActionKey: zeroReservationKey };
  switch (command.type) {
    case 'Register':
      return { ...prOut, serviceAction: 'Register', key: command.key, serviceActionKey: command.newKey, aptpl: command.aptpl ?? false };
    case 'RegisterAndIgnoreExistingKey':
      return { ...prOut, serviceAction: 'RegisterAndIgnoreExistingKey', serviceActionKey: command.newKey, aptpl: command.aptpl ?? false };
    case 'Reserve':
      return { ...prOut, serviceAction: 'Reserve', key: command.key, reservationType: command.reservationType ?? writeExclusiveRegistrantsOnly };
    case 'Preempt':
      return { ...prOut, serviceAction: 'Preempt', key: command.key, serviceActionKey: command.victimKey, reservationType: command.reservationType ?? writeExclusiveRegistrantsOnly };
    case 'Release':
      return { ...prOut, serviceAction: 'Release', key: command.key, reservationType: command.reservationType ?? writeExclusiveRegistrantsOnly };
    case 'Clear':
      return { ...prOut, serviceAction: 'Clear', key: command.key };
    case 'ReadKeys':
    case 'ReadReservation':
      return { type: 'PersistentReserveIn', ...base, serviceAction: command.type };
    case 'Read':
      return { type: 'ScsiRead', ...base, lba: command.lba, blockCount: command.blockCount };
    case 'Write':
      return { type: 'ScsiWrite', ...base, lba: command.lba, data: command.data };
  }
}
