// The `sim` runtime: every actor in this one thread on a virtual clock, driven by a seeded
// scheduler. Frames still go through the msgpack codec and the fabric. Same seed and same inputs
// give the same history, byte for byte (STYLE 17 checks it).
import {
  AssertionError,
  MemoryBlockStore,
  MemoryDurableStore,
  Prng,
  encodeFrame,
  limits,
  type CommandReply,
  type Effect,
  type HistoryEntry,
  type LabCommand,
  type LabEvent,
} from '@wsfc-lab/protocol';
import { Fabric } from '../../fabric/fabric.js';
import { ActorHost } from '../actor-host.js';
import { loadDefinition } from '../actors.js';
import type { AnyActorDefinition } from '@wsfc-lab/protocol';
import { EventQueue, type Scheduled, type Unscheduled } from '../event-queue.js';
import { RuntimeError, type ActorSpec, type Runtime, type RuntimeOptions } from '../runtime.js';
import { BuggifyOracle } from './buggify.js';

type Item = Scheduled &
  (
    | { kind: 'frame'; source: string; destination: string; bytes: Uint8Array }
    | { kind: 'timer'; actor: string; incarnation: number; timerId: number; timer: unknown }
    | { kind: 'command'; actor: string; requestId: string; command: LabCommand }
    | { kind: 'resume'; actor: string }
    | { kind: 'commandTimeout'; requestId: string }
  );

interface Slot {
  spec: ActorSpec;
  definition: AnyActorDefinition | undefined;
  host: ActorHost | undefined;
  incarnation: number;
  pausedUntilMs: number | undefined;
  deferred: Item[];
  /** Frames among `deferred`: the mailbox that mailboxDepthMax bounds (timers have their own bound). */
  deferredFrames: number;
  store: MemoryDurableStore;
  blocks: MemoryBlockStore;
  frameSequence: number;
}

export interface SimOptions extends RuntimeOptions {
  /** Activate BUGGIFY sites from the seed (swarm runs); off for plain scenario runs. */
  buggify?: boolean;
}

export class SimAssertionError extends Error {
  override name = 'SimAssertionError';
  constructor(readonly seed: number, readonly atMs: number, message: string) {
    super(message);
  }
}

export class SimRuntime implements Runtime {
  readonly name = 'sim' as const;
  readonly seed: number;
  private readonly queue = new EventQueue<Item>();
  private readonly slots = new Map<string, Slot>();
  private readonly fabric: Fabric;
  private readonly prng: Prng;
  private readonly lossPrng: Prng;
  readonly buggify: BuggifyOracle;
  private clockMs = 0;
  private stepsTaken = 0;
  private readonly entries: HistoryEntry[] = [];
  private readonly listeners: ((entry: HistoryEntry) => void)[] = [];
  /** Commands not yet settled, by request id: resolving one settles it. */
  private readonly waiters = new Map<string, (reply: CommandReply | undefined) => void>();
  private nextRequest = 0;

  constructor(options: SimOptions) {
    this.seed = options.seed;
    this.prng = new Prng(options.seed, 'sim');
    this.lossPrng = this.prng.fork('fabric-loss');
    this.buggify = new BuggifyOracle(this.prng.fork('buggify'), options.buggify ?? false);
    this.fabric = new Fabric(options.fabric);
    for (const spec of options.actors) {
      this.slots.set(spec.id, {
        spec,
        definition: undefined,
        host: undefined,
        incarnation: -1,
        pausedUntilMs: undefined,
        deferred: [],
        deferredFrames: 0,
        store: new MemoryDurableStore(),
        blocks: new MemoryBlockStore(),
        frameSequence: 0,
      });
    }
  }

  async start(): Promise<void> {
    for (const slot of this.slots.values()) slot.definition = await loadDefinition(slot.spec);
    for (const slot of this.slots.values()) this.boot(slot);
  }

  async kill(actor: string): Promise<void> {
    const slot = this.slot(actor);
    slot.host = undefined;
    slot.pausedUntilMs = undefined;
    slot.deferred = [];
    slot.deferredFrames = 0;
    this.record({ type: 'ActorKilled', actor });
  }

  async restart(actor: string): Promise<void> {
    const slot = this.slot(actor);
    if (slot.host) await this.kill(actor);
    this.record({ type: 'ActorRestarted', actor });
    this.boot(slot);
  }

  async pause(actor: string, forMs: number): Promise<void> {
    const slot = this.slot(actor);
    if (!slot.host) throw new RuntimeError(`cannot pause ${actor}: it is not running`);
    slot.pausedUntilMs = this.clockMs + forMs;
    this.schedule({ atMs: slot.pausedUntilMs, kind: 'resume', actor });
  }

  isAlive(actor: string): boolean {
    return this.slots.get(actor)?.host !== undefined;
  }

  isPaused(actor: string): boolean {
    return this.slots.get(actor)?.pausedUntilMs !== undefined;
  }

  updateFabric(change: (fabric: Fabric) => void): void {
    change(this.fabric);
  }


  startCommand(actor: string, command: LabCommand, timeoutMs: number = limits.commandReplyTimeoutMs): Promise<CommandReply | undefined> {
    return this.issue(actor, command, timeoutMs).settled;
  }

  async command(actor: string, command: LabCommand, timeoutMs: number = limits.commandReplyTimeoutMs): Promise<CommandReply | undefined> {
    const { requestId, settled } = this.issue(actor, command, timeoutMs);
    await this.runUntil(() => !this.waiters.has(requestId), this.clockMs + timeoutMs);
    return settled;
  }

  pendingCommands(): number {
    return this.waiters.size;
  }

  private issue(actor: string, command: LabCommand, timeoutMs: number): { requestId: string; settled: Promise<CommandReply | undefined> } {
    const requestId = `lab-${this.nextRequest++}`;
    const settled = new Promise<CommandReply | undefined>((resolve) => this.waiters.set(requestId, resolve));
    this.schedule({ atMs: this.clockMs, kind: 'command', actor, requestId, command });
    this.schedule({ atMs: this.clockMs + timeoutMs, kind: 'commandTimeout', requestId });
    return { requestId, settled };
  }

  private settle(requestId: string, reply: CommandReply | undefined): void {
    const waiter = this.waiters.get(requestId);
    this.waiters.delete(requestId);
    waiter?.(reply);
  }

  nowMs(): number {
    return this.clockMs;
  }

  heldAtMs(): number {
    return this.clockMs;
  }

  async runUntil(predicate: () => boolean, deadlineMs: number): Promise<boolean> {
    for (;;) {
      if (predicate()) return true;
      const next = this.queue.peek();
      if (next === undefined || next.atMs > deadlineMs) {
        this.clockMs = Math.max(this.clockMs, deadlineMs);
        return predicate();
      }
      this.queue.pop();
      this.clockMs = next.atMs;
      if (++this.stepsTaken > limits.simStepsMax) throw new SimAssertionError(this.seed, this.clockMs, `sim took more than simStepsMax ${limits.simStepsMax} steps`);
      this.process(next);
    }
  }

  record(event: LabEvent): void {
    this.append('lab', event);
  }

  onEntry(listener: (entry: HistoryEntry) => void): void {
    this.listeners.push(listener);
  }

  history(): readonly HistoryEntry[] {
    return this.entries;
  }


  /** The actor's current state, for tests and invariant checks; undefined when not running. */
  inspect(actor: string): unknown {
    return this.slots.get(actor)?.host?.inspectState();
  }

  async stop(): Promise<void> {
    for (const slot of this.slots.values()) slot.host = undefined;
  }

  private slot(actor: string): Slot {
    const slot = this.slots.get(actor);
    if (!slot) throw new RuntimeError(`no actor "${actor}" in this lab (it has ${[...this.slots.keys()].join(', ')})`);
    return slot;
  }

  private boot(slot: Slot): void {
    slot.incarnation++;
    slot.pausedUntilMs = undefined;
    const definition = slot.definition;
    if (!definition) throw new RuntimeError(`${slot.spec.id} has no definition: start() was not called`);
    slot.host = new ActorHost({
      spec: slot.spec,
      definition,
      incarnation: slot.incarnation,
      prng: this.prng.fork(`${slot.spec.id}#${slot.incarnation}`),
      now: () => this.clockMs,
      store: slot.store,
      blocks: slot.blocks,
      buggify: (site) => this.buggify.query(site),
      checkInvariants: true,
    });
    this.guard(slot, () => slot.host?.start() ?? []);
  }

  private process(item: Item): void {
    if (item.kind === 'resume') {
      this.resume(item.actor);
      return;
    }
    if (item.kind === 'commandTimeout') {
      this.settle(item.requestId, undefined);
      return;
    }
    const actor = item.kind === 'frame' ? item.destination : item.actor;
    const slot = this.slots.get(actor);
    if (!slot?.host) return; // a dead machine: the frame falls on the floor, the timer died with it
    if (item.kind === 'timer' && item.incarnation !== slot.incarnation) return;
    if (slot.pausedUntilMs !== undefined) {
      this.defer(slot, item);
      return;
    }
    const host = slot.host;
    switch (item.kind) {
      case 'frame':
        this.guard(slot, () => host.deliverFrame(item.bytes, item.source));
        return;
      case 'timer':
        this.guard(slot, () => host.fireTimer(item.timerId, item.timer));
        return;
      case 'command':
        this.guard(slot, () => host.command(item.requestId, item.command));
        return;
    }
  }

  /** A paused actor's inputs wait; a full mailbox drops the frame, counted as a rejected frame. */
  private defer(slot: Slot, item: Item): void {
    if (item.kind !== 'frame') {
      slot.deferred.push(item);
      return;
    }
    if (slot.deferredFrames >= limits.mailboxDepthMax) {
      this.append(slot.spec.id, { type: 'FrameRejected', reason: 'mailboxFull', detail: `paused with mailboxDepthMax ${limits.mailboxDepthMax} frames waiting`, from: item.source, messageType: '?' });
      return;
    }
    slot.deferredFrames++;
    slot.deferred.push(item);
  }

  private resume(actor: string): void {
    const slot = this.slots.get(actor);
    if (!slot || slot.pausedUntilMs === undefined || slot.pausedUntilMs > this.clockMs) return;
    slot.pausedUntilMs = undefined;
    const deferred = slot.deferred;
    slot.deferred = [];
    slot.deferredFrames = 0;
    for (const item of deferred) this.process(item);
  }

  /** Runs one actor step and applies its effects; an assertion ends the run with the seed. */
  private guard(slot: Slot, run: () => Effect[]): void {
    let effects: Effect[];
    try {
      effects = run();
    } catch (error) {
      const prefix = error instanceof AssertionError ? '' : 'uncaught error: ';
      throw new SimAssertionError(this.seed, this.clockMs, `${slot.spec.id}: ${prefix}${(error as Error).message}`);
    }
    for (const effect of effects) this.apply(slot, effect);
  }

  private apply(slot: Slot, effect: Effect): void {
    switch (effect.type) {
      case 'Send':
        this.send(slot, effect.destination, effect.network, effect);
        return;
      case 'SetTimer':
        this.schedule({ atMs: this.clockMs + effect.delayMs, kind: 'timer', actor: slot.spec.id, incarnation: slot.incarnation, timerId: effect.timerId, timer: effect.timer });
        return;
      case 'CancelTimer':
        return; // RecordingIo forgets the id, so the timer finds nothing to fire
      case 'Emit':
        this.append(slot.spec.id, effect.event);
        return;
      case 'Reply':
        this.settle(effect.requestId, effect.reply);
        return;
    }
  }

  private send(slot: Slot, destination: string, network: string, effect: Extract<Effect, { type: 'Send' }>): void {
    if (!this.slots.has(destination)) return; // no such machine: the frame goes nowhere
    const bytes = encodeFrame({ source: slot.spec.id, destination, network, sequence: slot.frameSequence++ }, effect.message);
    const verdict = this.fabric.route(slot.spec.id, destination, network, bytes.byteLength, () => this.lossPrng.next());
    if (!verdict.deliver) return; // the fabric's drops are silence, as on a real network
    this.schedule({ atMs: this.clockMs + verdict.delayMs, kind: 'frame', source: slot.spec.id, destination, bytes });
  }

  private schedule(item: Unscheduled<Item>): void {
    if (!this.queue.push(item)) throw new SimAssertionError(this.seed, this.clockMs, `scheduler queue over schedulerQueueMax ${limits.schedulerQueueMax}`);
  }


  private append(source: string, event: LabEvent): void {
    if (this.entries.length >= limits.historyEventsMax) throw new SimAssertionError(this.seed, this.clockMs, `history over historyEventsMax ${limits.historyEventsMax}`);
    const entry: HistoryEntry = { atMs: this.clockMs, source, seq: this.entries.length, event };
    this.entries.push(entry);
    for (const listener of this.listeners) listener(entry);
  }
}
