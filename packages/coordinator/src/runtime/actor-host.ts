// Runs one actor incarnation: builds its recording io, checks every incoming frame (codec,
// envelope, destination, sender, message schema) before `step`, runs `step`, checks the actor's
// invariants, and hands the recorded effects to the runtime. Both runtimes use it: `sim` in its
// one thread, `threads` inside each worker. A bad frame is counted, reported and dropped; the
// actor goes on (STYLE 8).
import {
  AssertionError,
  RecordingIo,
  decodeFrame,
  decodeMessage,
  limits,
  type ActorInput,
  type AnyActorDefinition,
  type BlockStore,
  type DurableStore,
  type Effect,
  type FrameRejectReason,
  type LabCommand,
  type Prng,
} from '@wsfc-lab/protocol';
import type { ActorSpec } from './runtime.js';

export interface ActorHostOptions {
  spec: ActorSpec;
  definition: AnyActorDefinition;
  incarnation: number;
  prng: Prng;
  now: () => number;
  store: DurableStore;
  blocks: BlockStore;
  buggify?: (site: string) => boolean;
  /** Run `checkInvariants` after every step (sim). */
  checkInvariants: boolean;
}

export class ActorHost {
  readonly io: RecordingIo;
  readonly rejected: Partial<Record<FrameRejectReason, number>> = {};
  private state: unknown;
  private rejectEvents = 0;

  constructor(private readonly options: ActorHostOptions) {
    this.io = new RecordingIo({
      self: options.spec.id,
      incarnation: options.incarnation,
      prng: options.prng,
      now: options.now,
      store: options.store,
      blocks: options.blocks,
      ...(options.buggify ? { buggify: options.buggify } : {}),
    });
  }

  get id(): string {
    return this.options.spec.id;
  }

  start(): Effect[] {
    this.io.emit({ type: 'ActorStarted', kind: this.options.spec.kind, incarnation: this.options.incarnation });
    this.state = this.options.definition.init(this.options.spec.config, this.io);
    this.check();
    return this.io.drain();
  }

  /** A frame arrived from `actualSource` (as the transport knows it). */
  deliverFrame(bytes: Uint8Array, actualSource: string | undefined): Effect[] {
    const decoded = decodeFrame(bytes);
    if (!decoded.ok) return this.reject(decoded.reason, decoded.detail, decoded.from, decoded.messageType);
    const { frame } = decoded;
    if (frame.destination !== this.id) {
      return this.reject('unknownDestination', `frame for "${frame.destination}" reached ${this.id}`, frame.source, frame.type);
    }
    if (actualSource !== undefined && frame.source !== actualSource) {
      return this.reject('forgedSource', `frame claims source "${frame.source}" but came from ${actualSource}`, frame.source, frame.type);
    }
    const message = decodeMessage(this.options.spec.kind, frame);
    if (!message.ok) return this.reject(message.reason, message.detail, message.from, message.messageType);
    return this.step({ type: 'Frame', source: frame.source, network: frame.network, message: message.message });
  }

  fireTimer(timerId: number, timer: unknown): Effect[] {
    if (!this.io.timerFired(timerId)) return [];
    return this.step({ type: 'Timer', timerId, timer });
  }

  command(requestId: string, command: LabCommand): Effect[] {
    return this.step({ type: 'Command', requestId, command });
  }

  inspectState(): unknown {
    return this.state;
  }

  private step(input: ActorInput<unknown, unknown>): Effect[] {
    this.options.definition.step(this.state, input, this.io);
    this.check();
    return this.io.drain();
  }

  private check(): void {
    if (!this.options.checkInvariants || !this.options.definition.checkInvariants) return;
    try {
      this.options.definition.checkInvariants(this.state);
    } catch (error) {
      throw new AssertionError(`invariant of ${this.id} broken at ${this.options.now()} ms: ${(error as Error).message}`);
    }
  }

  /** Counts the frame; reports it as an event until the per-actor reporting bound is reached. */
  private reject(reason: FrameRejectReason, detail: string, from: string, messageType: string): Effect[] {
    this.rejected[reason] = (this.rejected[reason] ?? 0) + 1;
    if (this.rejectEvents >= limits.rejectEventsPerActorMax) return [];
    this.rejectEvents++;
    return [{ type: 'Emit', event: { type: 'FrameRejected', reason, detail, from, messageType } }];
  }
}
