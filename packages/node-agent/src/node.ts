// The node actor: a Hyper-V host with its cluster service, as a set of subsystems (subsystem.ts).
// This file only dispatches: frames to the subsystem that understands them, timers to the one
// that set them, cmdlets to the one that answers them.
import { NodeAccepts, assertNever, type ActorDefinition, type ActorIo, type LabCommand, type NodeMessage } from '@wsfc-lab/protocol';
import type { NodeConfig } from './config.js';
import { membership, type MembershipState, type MembershipTimer } from './membership/subsystem.js';
import type { CmdletCall, FrameIn } from './subsystem.js';

export type NodeTimer = MembershipTimer;

export interface NodeActorState {
  config: NodeConfig;
  membership: MembershipState;
}

type Io = ActorIo<NodeTimer>;
type CmdletHandler = (state: NodeActorState, call: CmdletCall, io: Io) => void;

/** Every cmdlet the node answers, by canonical name, bound to its subsystem's state. */
const cmdletTable: Record<string, CmdletHandler> = Object.fromEntries(
  Object.entries(membership.cmdlets ?? {}).map(([name, handler]) => [name, (state: NodeActorState, call: CmdletCall, io: Io) => handler(state.membership, call, io)]),
);

function onFrame(state: NodeActorState, frame: FrameIn, io: Io): void {
  if (membership.onMessage?.(state.membership, frame, io)) return;
  io.probe(`node ignored a ${frame.message.type} it has no subsystem for`);
}

function onTimer(state: NodeActorState, timer: NodeTimer, io: Io): void {
  switch (timer.subsystem) {
    case 'membership':
      membership.onTimer?.(state.membership, timer, io);
      return;
    default:
      assertNever(timer.subsystem, 'node timer');
  }
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
    return { config, membership: membership.init(config, io) };
  },

  step(state, input, io) {
    switch (input.type) {
      case 'Frame':
        onFrame(state, input, io);
        return;
      case 'Timer':
        onTimer(state, input.timer, io);
        return;
      case 'Command':
        onCommand(state, input.requestId, input.command, io);
        return;
      default:
        assertNever(input, 'node input');
    }
  },

  checkInvariants(state) {
    membership.checkInvariants?.(state.membership);
  },
};
