// The narrow runtime interface (DESIGN "Runtimes"): start, deliver, kill, restart, clock. `sim`
// and `threads` implement it; `process` and `nats` can slot in later.
import type { ActorKind, CommandReply, HistoryEntry, LabCommand, LabEvent } from '@wsfc-lab/protocol';
import type { Fabric } from '../fabric/fabric.js';
import type { FabricRules } from '../fabric/rules.js';

export type RuntimeName = 'sim' | 'threads';

export interface ActorSpec {
  id: string;
  kind: ActorKind;
  config: unknown;
  /**
   * Another definition for this actor than its kind's: a module URL and export name. Used by
   * benchmarks and fuzzers that need a driver actor; the lab itself never sets it.
   */
  definitionModule?: { url: string; exportName: string };
}

export interface RuntimeOptions {
  actors: ActorSpec[];
  fabric: FabricRules;
  seed: number;
}

export interface Runtime {
  readonly name: RuntimeName;
  readonly seed: number;
  start(): Promise<void>;
  kill(actor: string): Promise<void>;
  restart(actor: string): Promise<void>;
  /** Freezes the actor for `forMs` of simulated time: it neither runs nor answers. */
  pause(actor: string, forMs: number): Promise<void>;
  isAlive(actor: string): boolean;
  isPaused(actor: string): boolean;
  /** Changes the fabric's rules; every later frame is judged by the new rules. */
  updateFabric(change: (fabric: Fabric) => void): void;
  /**
   * Sends a lab command and resolves with the reply, or undefined when none came within
   * `timeoutMs` of simulated time (default limits.commandReplyTimeoutMs): the machine is dead,
   * paused or hung. In `sim` it settles only while something runs the clock (`runUntil`).
   */
  startCommand(actor: string, command: LabCommand, timeoutMs?: number): Promise<CommandReply | undefined>;
  /** `startCommand`, running the clock until it settles: a foreground cmdlet. */
  command(actor: string, command: LabCommand, timeoutMs?: number): Promise<CommandReply | undefined>;
  /** Commands started and not yet settled (a synchronous signal for `runUntil` predicates). */
  pendingCommands(): number;
  nowMs(): number;
  /** Lets simulated time pass until `predicate` holds (true) or `deadlineMs` passes (false). */
  runUntil(predicate: () => boolean, deadlineMs: number): Promise<boolean>;
  /**
   * When the last `runUntil` saw its predicate hold, in simulated ms. In `threads` this is the
   * time the actor stamped on the event that made it hold, not when the main thread read it.
   */
  heldAtMs(): number;
  /** Records an event of the lab itself (source "lab"). */
  record(event: LabEvent): void;
  onEntry(listener: (entry: HistoryEntry) => void): void;
  history(): readonly HistoryEntry[];
  stop(): Promise<void>;
}

export class RuntimeError extends Error {
  override name = 'RuntimeError';
}
