// The iSCSI target server as an actor: `init` starts (or restarts) the server, `step` handles one
// frame, timer or lab command. Frames are dispatched by message type in one exhaustive switch;
// everything the server does goes through `io`.
import { notANode, StorageAccepts, assertNever } from '@wsfc-lab/protocol';
import type { ActorDefinition, ActorInput, LabCommand, StorageMessage } from '@wsfc-lab/protocol';
import { onRead, onReadCapacity, onReportLuns, onWrite } from './block-io.js';
import { runCmdlet } from './cmdlets.js';
import type { StorageTargetConfig } from './config.js';
import { initStorageTarget } from './init.js';
import { checkInvariants } from './invariants.js';
import { onPersistentReserveIn, onPersistentReserveOut } from './pr-commands.js';
import type { FrameContext } from './reporting.js';
import { onLogin, onLogout, onNopOut, onSendTargets, onSessionIdleCheck } from './sessions.js';
import type { StorageIo, StorageTargetState, StorageTimer } from './state.js';
import { inspectView } from './views.js';
import { onFileShareWitnessClaim } from './file-share.js';

export type StorageTargetInput = ActorInput<StorageMessage, StorageTimer>;

function onFrame(state: StorageTargetState, io: StorageIo, context: FrameContext, message: StorageMessage): void {
  switch (message.type) {
    case 'IscsiSendTargets':
      return onSendTargets(state, io, context, message);
    case 'IscsiLogin':
      return onLogin(state, io, context, message);
    case 'IscsiLogout':
      return onLogout(state, io, context, message);
    case 'IscsiNopOut':
      return onNopOut(state, io, context, message);
    case 'ScsiReportLuns':
      return onReportLuns(state, io, context, message);
    case 'ScsiReadCapacity':
      return onReadCapacity(state, io, context, message);
    case 'ScsiRead':
      return onRead(state, io, context, message);
    case 'ScsiWrite':
      return onWrite(state, io, context, message);
    case 'PersistentReserveOut':
      return onPersistentReserveOut(state, io, context, message);
    case 'PersistentReserveIn':
      return onPersistentReserveIn(state, io, context, message);
    case 'FileShareWitnessClaim':
      return onFileShareWitnessClaim(state, io, context, message);
    default:
      return assertNever(message, 'storage message');
  }
}

function onCommand(state: StorageTargetState, io: StorageIo, requestId: string, command: LabCommand): void {
  switch (command.type) {
    case 'Cmdlet':
      return io.reply(requestId, runCmdlet(state, io, command));
    case 'Inspect':
      return io.reply(requestId, { ok: true, output: inspectView(state) });
    case 'WorkloadWrite':
    case 'WorkloadRead':
      return io.reply(requestId, notANode('storage target', command));
    default:
      return assertNever(command, 'lab command');
  }
}

export const storageTargetActor: ActorDefinition<StorageTargetConfig, StorageTargetState, StorageMessage, StorageTimer> = {
  kind: 'storage',
  accepts: StorageAccepts,
  init: initStorageTarget,
  step(state, input, io) {
    switch (input.type) {
      case 'Frame':
        return onFrame(state, io, { source: input.source, network: input.network }, input.message);
      case 'Timer':
        return onSessionIdleCheck(state, io, { timerId: input.timerId, sessionId: input.timer.sessionId });
      case 'Command':
        return onCommand(state, io, input.requestId, input.command);
      default:
        return assertNever(input, 'actor input');
    }
  },
  checkInvariants,
};
