// A disk-management cmdlet as a small state machine over data. Cmdlets run one at a time, in the
// order they came, as the Storage service serialises them: each first reads the layout of every
// present iSCSI disk (so node02 sees what node01 wrote), then answers, or writes its change
// through the initiator, records the drive letter, reads the disk again and answers with what it
// made. The cmdlet replies only then: after the target answered.
import type { CommandReply } from '@wsfc-lab/protocol';
import type { StorageCompletion } from './commands.js';
import { answerAfterWrite, answerGetDisk, answerGetPartition, answerGetVolume } from './disk-queries.js';
import { planFormat, planInitialize, planNewPartition, planSetDisk, type Plan } from './disk-plans.js';
import type { AfterWrite, DiskRequest, LetterChange } from './disk-requests.js';
import { storageWmiError } from './errors.js';
import { issueCommand } from './issue.js';
import { automount, refreshLayout } from './layout-refresh.js';
import { storageLimits } from './limits.js';
import { assignLetter, saveMountDatabase } from './mount-manager.js';
import { saveOnlineDisks } from './persistence.js';
import { presentDisks } from './disks.js';
import { diskBySerial, type StorageIo, type StorageState } from './state.js';

export type OperationPhase = 'Queued' | 'Reading' | 'Writing' | 'Verifying';

export interface DiskOperation {
  /** The cmdlet call's requestId: the reply goes there. */
  opId: string;
  request: DiskRequest;
  phase: OperationPhase;
  /** Layout reads or writes not answered yet. */
  outstanding: number;
  /** Why a write failed, once one has. */
  failure: string | null;
  writtenSerial: string | null;
  letter: LetterChange | null;
  after: AfterWrite | null;
}

const operationTokenPrefix = 'op:';

export function isOperationToken(token: string): boolean {
  return token.startsWith(operationTokenPrefix);
}

/** Queues a cmdlet; it starts at once when nothing else runs. */
export function enqueueOperation(state: StorageState, io: StorageIo, o: { opId: string; request: DiskRequest }): void {
  if (state.operations.length > storageLimits.diskOperationsQueuedMax) {
    state.counters.diskOperationsRefused++;
    io.probe('disk cmdlet refused: diskOperationsQueuedMax reached');
    io.reply(o.opId, { ok: false, error: storageWmiError(o.request.cmdlet, 'NotEnoughResources') });
    return;
  }
  state.operations.push({ opId: o.opId, request: o.request, phase: 'Queued', outstanding: 0, failure: null, writtenSerial: null, letter: null, after: null });
  if (state.operations.length === 1) startOperation(state, io);
}

function startOperation(state: StorageState, io: StorageIo): void {
  const op = state.operations[0];
  if (!op) return;
  op.phase = 'Reading';
  const disks = presentDisks(state);
  op.outstanding = disks.length;
  for (const disk of disks) refreshLayout(state, io, disk, op.opId);
  if (disks.length === 0) decide(state, io, op);
}

/** A layout read this operation waited for has ended. */
export function onLayoutReadDone(state: StorageState, io: StorageIo, opId: string): void {
  const op = state.operations[0];
  if (!op || op.opId !== opId || (op.phase !== 'Reading' && op.phase !== 'Verifying')) return;
  op.outstanding--;
  if (op.outstanding > 0) return;
  if (op.phase === 'Reading') decide(state, io, op);
  else finish(state, io, op, answerAfterWrite(state, op.after ?? { type: 'Nothing' }));
}

function planOf(state: StorageState, io: StorageIo, request: DiskRequest): Plan {
  const random = () => io.random();
  switch (request.cmdlet) {
    case 'Get-Disk':
    case 'Update-Disk':
      return { type: 'Reply', reply: answerGetDisk(state, request) };
    case 'Get-Partition':
      return { type: 'Reply', reply: answerGetPartition(state, request) };
    case 'Get-Volume':
      return { type: 'Reply', reply: answerGetVolume(state, request) };
    case 'Set-Disk':
      return planSetDisk(state, request);
    case 'Initialize-Disk':
      return planInitialize(state, request, random);
    case 'New-Partition':
      return planNewPartition(state, request, random);
    case 'Format-Volume':
      return planFormat(state, request, random);
  }
}

function decide(state: StorageState, io: StorageIo, op: DiskOperation): void {
  const plan = planOf(state, io, op.request);
  switch (plan.type) {
    case 'Reply':
      return finish(state, io, op, plan.reply);
    case 'SetOffline':
      setOffline(state, io, plan);
      return finish(state, io, op, { ok: true, output: null });
    case 'Write':
      op.phase = 'Writing';
      op.writtenSerial = plan.serialNumber;
      op.letter = plan.letter;
      op.after = plan.after;
      op.outstanding = plan.writes.length;
      for (const write of plan.writes) {
        issueCommand(state, io, { disk: { serialNumber: plan.serialNumber }, command: { type: 'Write', lba: write.lba, data: write.data }, tag: { subsystem: 'storage', token: `${operationTokenPrefix}${op.opId}` } });
      }
      return;
  }
}

/** Set-Disk -IsOffline: the choice is kept for the next start; an online disk mounts its volumes. */
function setOffline(state: StorageState, io: StorageIo, o: { serialNumber: string; isOffline: boolean }): void {
  const disk = diskBySerial(state, o.serialNumber);
  if (!disk) return;
  disk.isOffline = o.isOffline;
  disk.offlineReason = o.isOffline ? 'Manual' : null;
  const others = state.onlineDisks.filter((s) => s !== o.serialNumber);
  state.onlineDisks = o.isOffline ? others : [...others, o.serialNumber];
  saveOnlineDisks(io.store, state.onlineDisks);
  if (!o.isOffline) automount(state, io, disk);
}

/** One of the operation's writes completed. */
export function onOperationWriteCompletion(state: StorageState, io: StorageIo, completion: StorageCompletion): void {
  const op = state.operations[0];
  if (!op || `${operationTokenPrefix}${op.opId}` !== completion.tag.token || op.phase !== 'Writing') return;
  op.outstanding--;
  if (completion.result.type !== 'Done' && op.failure === null) op.failure = `${completion.result.type}${completion.result.type === 'Failed' ? `: ${completion.result.detail}` : ''}`;
  if (op.outstanding > 0) return;
  if (op.failure !== null) {
    io.probe('disk cmdlet failed: a WRITE was not accepted');
    return finish(state, io, op, { ok: false, error: storageWmiError(op.request.cmdlet, 'IoError') });
  }
  if (op.letter) {
    assignLetter(state.mount, op.letter.partitionGuid, op.letter.driveLetter);
    saveMountDatabase(io.store, state.mount);
  }
  const disk = op.writtenSerial === null ? undefined : diskBySerial(state, op.writtenSerial);
  if (!disk?.present) return finish(state, io, op, answerAfterWrite(state, op.after ?? { type: 'Nothing' }));
  op.phase = 'Verifying';
  op.outstanding = 1;
  refreshLayout(state, io, disk, op.opId);
}

function finish(state: StorageState, io: StorageIo, op: DiskOperation, reply: CommandReply): void {
  io.reply(op.opId, reply);
  state.operations.shift();
  startOperation(state, io);
}

/**
 * The cluster's Physical Disk resource on this node: online here, Windows takes the disk online and
 * mounts its volumes (E: on the owner, as in seed 000); offline, the disk goes offline again by
 * policy and its volumes are gone from this node. Not kept for the next start: the cluster decides.
 */
export function setClusterDiskOnline(state: StorageState, io: StorageIo, o: { name: string; online: boolean }): void {
  const disk = state.disks.find((d) => d.present && d.name === o.name);
  if (!disk || disk.isOffline === !o.online) return;
  disk.isOffline = !o.online;
  disk.offlineReason = o.online ? null : 'Policy';
  if (o.online) automount(state, io, disk);
}
