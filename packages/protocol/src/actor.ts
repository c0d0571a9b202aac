// The actor contract (DESIGN "sans-I/O"; STYLE 1). An actor is `init` and `step` over its own
// state. Everything it does to the world goes through `io`, which only records effects; the
// runtime applies them after `step` returns. The same actor code runs on every runtime.
import type { z } from 'zod';
import type { LabCommand, CommandReply } from './commands.js';
import type { ActorKind, LabEvent } from './events/mod.js';
import type { WireMessage } from './messages/mod.js';

export type ActorId = string;
export type NetworkName = string;
export type TimerId = number;

export type ActorInput<Message, Timer> =
  | { type: 'Frame'; source: ActorId; network: NetworkName; message: Message }
  | { type: 'Timer'; timerId: TimerId; timer: Timer }
  | { type: 'Command'; requestId: string; command: LabCommand };

/** What a machine keeps across a power cycle: small named records on its own system disk. */
export interface DurableStore {
  get(key: string): unknown;
  put(key: string, value: unknown): void;
}

/** Fixed-size block devices (LUN backing files in `threads`, memory in `sim`). */
export interface BlockStore {
  /** Creates the device if it does not exist; returns its size in blocks. */
  open(name: string, sizeBlocks: number): number;
  read(name: string, lba: number, blockCount: number): Uint8Array;
  write(name: string, lba: number, data: Uint8Array): void;
  sizeBlocks(name: string): number | undefined;
}

export interface ActorIo<Timer> {
  readonly self: ActorId;
  /** Which start of this actor this is (0 for the first). */
  readonly incarnation: number;
  /** Simulated ms since the lab's epoch. */
  now(): number;
  /** A float in [0, 1) from this actor's seeded stream. */
  random(): number;
  /** True with probability numerator/denominator. */
  chance(numerator: number, denominator: number): boolean;
  /** A seeded nanoid. */
  newId(): string;
  send(destination: ActorId, network: NetworkName, message: WireMessage): void;
  setTimer(delayMs: number, timer: Timer): TimerId;
  cancelTimer(timerId: TimerId): void;
  emit(event: LabEvent): void;
  reply(requestId: string, reply: CommandReply): void;
  /** In `sim`, true when a rare-path site is active and fires this time (BUGGIFY). */
  buggify(site: string): boolean;
  /** Records that a rare path ran. */
  probe(name: string): void;
  readonly store: DurableStore;
  readonly blocks: BlockStore;
}

export interface ActorDefinition<Config, State, Message extends { type: string }, Timer> {
  readonly kind: ActorKind;
  /** The wire messages this kind accepts; anything else is rejected before `step`. */
  readonly accepts: z.ZodType<Message>;
  init(config: Config, io: ActorIo<Timer>): State;
  step(state: State, input: ActorInput<Message, Timer>, io: ActorIo<Timer>): void;
  /** Per-actor invariants; `sim` calls this after every step (STYLE 9). Throws on violation. */
  checkInvariants?(state: State): void;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyActorDefinition = ActorDefinition<any, any, any, any>;

/** The effects one step recorded, in the order it recorded them. */
export type Effect<Timer = unknown> =
  | { type: 'Send'; destination: ActorId; network: NetworkName; message: WireMessage }
  | { type: 'SetTimer'; timerId: TimerId; delayMs: number; timer: Timer }
  | { type: 'CancelTimer'; timerId: TimerId }
  | { type: 'Emit'; event: LabEvent }
  | { type: 'Reply'; requestId: string; reply: CommandReply };
