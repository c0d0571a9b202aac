// The node actor is a set of subsystems over one host, as the real host is a set of services
// (the cluster service's membership, the iSCSI initiator, the DNS client, Hyper-V…). Each owns a
// slice of the node's state, the messages and timers it understands, and the cmdlets it answers;
// node.ts only dispatches. A subsystem never touches another's state directly.
import type { ActorIo, NodeMessage } from '@wsfc-lab/protocol';
import type { NodeConfig } from './config.js';

/** A timer belongs to the subsystem that set it. */
export interface SubsystemTimer {
  subsystem: string;
}

export interface FrameIn {
  source: string;
  network: string;
  message: NodeMessage;
}

/** A cmdlet call: answer with `io.reply(requestId, …)`, now or later (after an exchange). */
export interface CmdletCall {
  requestId: string;
  parameters: Record<string, unknown>;
}

export interface NodeSubsystem<S, T extends SubsystemTimer> {
  readonly name: T['subsystem'];
  init(config: NodeConfig, io: ActorIo<T>): S;
  /** Handles the message if it is one of this subsystem's, and says whether it was. */
  onMessage?(state: S, frame: FrameIn, io: ActorIo<T>): boolean;
  onTimer?(state: S, timer: T, io: ActorIo<T>): void;
  /** Cmdlets by their canonical name. */
  readonly cmdlets?: Readonly<Record<string, (state: S, call: CmdletCall, io: ActorIo<T>) => void>>;
  checkInvariants?(state: S): void;
}
