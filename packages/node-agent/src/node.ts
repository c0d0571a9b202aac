// The node actor: a Hyper-V host with its cluster service, as a set of subsystems (subsystem.ts).
// This file only dispatches: frames to the subsystem that understands them, timers to the one
// that set them, cmdlets to the one that answers them.
import { NodeAccepts, assertNever, type ActorDefinition, type ActorIo, type LabCommand, type NodeMessage } from '@wsfc-lab/protocol';
import type { NodeConfig } from './config.js';
import { membership, type MembershipState, type MembershipTimer } from './membership/subsystem.js';
import { directoryClient, type DirectoryClientState, type DirectoryClientTimer } from './directory-client/subsystem.js';
import { storage, takeCompletions, type StorageState, type StorageTimer } from './storage/mod.js';
import type { CmdletCall, FrameIn } from './subsystem.js';

export type NodeTimer = MembershipTimer | DirectoryClientTimer | StorageTimer;

export interface NodeActorState {
  config: NodeConfig;
  membership: MembershipState;
  directoryClient: DirectoryClientState;
  storage: StorageState;
}

type Io = ActorIo<NodeTimer>;
type CmdletHandler = (state: NodeActorState, call: CmdletCall, io: Io) => void;

/** Every cmdlet the node answers, by canonical name, bound to its subsystem's state. */
const cmdletTable: Record<string, CmdletHandler> = Object.fromEntries([
  ...Object.entries(membership.cmdlets ?? {}).map(([name, handler]) => [name, (state: NodeActorState, call: CmdletCall, io: Io) => handler(state.membership, call, io)]),
  ...Object.entries(directoryClient.cmdlets ?? {}).map(([name, handler]) => [name, (state: NodeActorState, call: CmdletCall, io: Io) => handler(state.directoryClient, call, io)]),
  ...Object.entries(storage.cmdlets ?? {}).map(([name, handler]) => [name, (state: NodeActorState, call: CmdletCall, io: Io) => handler(state.storage, call, io)]),
]);

function onFrame(state: NodeActorState, frame: FrameIn, io: Io): void {
  if (membership.onMessage?.(state.membership, frame, io)) return;
  if (directoryClient.onMessage?.(state.directoryClient, frame, io)) return;
  if (storage.onMessage?.(state.storage, frame, io)) return;
  io.probe(`node ignored a ${frame.message.type} it has no subsystem for`);
}

function onTimer(state: NodeActorState, timer: NodeTimer, io: Io): void {
  switch (timer.subsystem) {
    case 'membership':
      membership.onTimer?.(state.membership, timer, io);
      return;
    case 'directoryClient':
      directoryClient.onTimer?.(state.directoryClient, timer, io);
      return;
    case 'storage':
      storage.onTimer?.(state.storage, timer, io);
      return;
    default:
      assertNever(timer, 'node timer');
  }
}

/**
 * Storage completions go to the subsystem named in their tag (the cluster's disk arbitration, when
 * it exists); until then they are only recorded as probes.
 */
function routeStorageCompletions(state: NodeActorState, io: Io): void {
  for (const completion of takeCompletions(state.storage)) io.probe(`storage completion for ${completion.tag.subsystem}: ${completion.command} ${completion.result.type}`);
}

function onCommand(state: NodeActorState, requestId: string, command: LabCommand, io: Io): void {
  switch (command.type) {
    case 'Inspect':
      io.reply(requestId, { ok: true, output: state });
      return;
    case 'Cmdlet': {
      const handler = cmdletTable[command.name];
      if (handler) return handler(state, { requestId, parameters: command.parameters }, io);
      io.reply(requestId, {
        ok: false,
        error: { category: 'NotImplemented', errorId: 'CmdletNotImplemented', message: `${command.name} is not implemented by the wsfc-lab node agent yet.` },
      });
      return;
    }
    default:
      assertNever(command, 'lab command');
  }
}

export const nodeActor: ActorDefinition<NodeConfig, NodeActorState, NodeMessage, NodeTimer> = {
  kind: 'node',
  accepts: NodeAccepts,

  init(config, io) {
    return { config, membership: membership.init(config, io), directoryClient: directoryClient.init(config, io), storage: storage.init(config, io) };
  },

  step(state, input, io) {
    switch (input.type) {
      case 'Frame':
        onFrame(state, input, io);
        break;
      case 'Timer':
        onTimer(state, input.timer, io);
        break;
      case 'Command':
        onCommand(state, input.requestId, input.command, io);
        break;
      default:
        assertNever(input, 'node input');
    }
    routeStorageCompletions(state, io);
  },

  checkInvariants(state) {
    membership.checkInvariants?.(state.membership);
    directoryClient.checkInvariants?.(state.directoryClient);
    storage.checkInvariants?.(state.storage);
  },
};
