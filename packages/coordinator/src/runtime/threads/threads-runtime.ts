// The `threads` runtime: one worker thread per actor. Killing an actor is `worker.terminate()`:
// its memory, timers and frames in flight die with it. A restart starts a fresh worker that keeps
// only what a machine keeps across a power cycle: its configuration and its files (durable
// records and block devices) in the lab's data directory. Simulated time = wall time / timeScale.
import { MessageChannel, Worker } from 'node:worker_threads';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { Prng, limits, type CommandReply, type HistoryEntry, type LabCommand, type LabEvent } from '@wsfc-lab/protocol';
import { Fabric } from '../../fabric/fabric.js';
import { RuntimeError, type ActorSpec, type Runtime, type RuntimeOptions } from '../runtime.js';
import type { FromWorker, ToWorker, Transport, WorkerData } from './wire.js';

export interface ThreadsOptions extends RuntimeOptions {
  /** Wall ms per simulated ms (0.01: a simulated second takes 10 wall ms). */
  timeScale: number;
  dataDirectory: string;
  transport?: Transport;
  /** Keep the data directory after stop (default: remove it). */
  keepData?: boolean;
}

interface Slot {
  spec: ActorSpec;
  worker: Worker | undefined;
  /** The dying worker's terminate(): a restart waits for it before reopening the machine's files. */
  dying: Promise<number> | undefined;
  incarnation: number;
  pauseFlag: Int32Array | undefined;
  pauseTimer: NodeJS.Timeout | undefined;
}

/** The least wall time a command waits for its reply, whatever the time scale. */
const commandReplyFloorWallMs = 1000;
/** How long a deadline waits for events stamped before it but still in flight to the main thread. */
const observationGraceWallMs = 25;
const wallNowMs = () => performance.timeOrigin + performance.now();
const workerUrl = new URL('./worker.js', import.meta.url);

/** Resolves when the worker posts a message of `type`; rejects if it exits first. */
function awaitWorker(worker: Worker, type: FromWorker['type'], exitedText: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const onMessage = (message: FromWorker) => {
      if (message.type !== type) return;
      worker.off('message', onMessage);
      worker.off('exit', onExit);
      resolve();
    };
    const onExit = (code: number) => reject(new RuntimeError(`${exitedText} (exit code ${code})`));
    worker.on('message', onMessage);
    worker.once('exit', onExit);
  });
}

export class ThreadsRuntime implements Runtime {
  readonly name = 'threads' as const;
  readonly seed: number;
  private readonly slots = new Map<string, Slot>();
  private readonly fabric: Fabric;
  private readonly lossPrng: Prng;
  private epochWallMs: number;
  private readonly entries: HistoryEntry[] = [];
  private readonly listeners: ((entry: HistoryEntry) => void)[] = [];
  private readonly waiting = new Map<string, (reply: CommandReply) => void>();
  private readonly transport: Transport;
  private nextRequest = 0;
  private lastHeldAtMs = 0;
  private stopped = false;

  constructor(private readonly options: ThreadsOptions) {
    if (!(options.timeScale > 0)) throw new RuntimeError(`timeScale must be > 0, got ${options.timeScale}`);
    this.seed = options.seed;
    this.transport = options.transport ?? 'direct';
    this.fabric = new Fabric(options.fabric);
    this.lossPrng = new Prng(options.seed, 'threads-relay-loss');
    this.epochWallMs = wallNowMs();
    mkdirSync(options.dataDirectory, { recursive: true });
    for (const spec of options.actors) this.slots.set(spec.id, { spec, worker: undefined, dying: undefined, incarnation: -1, pauseFlag: undefined, pauseTimer: undefined });
  }

  async start(): Promise<void> {
    const slots = [...this.slots.values()];
    await Promise.all(slots.map((slot) => this.spawn(slot)));
    if (this.transport === 'direct') {
      for (let i = 0; i < slots.length; i++) {
        for (let j = i + 1; j < slots.length; j++) this.connect(slots[i] as Slot, slots[j] as Slot);
      }
    }
    // The simulated clock starts when every machine is loaded, so worker boot costs no lab time.
    this.epochWallMs = wallNowMs();
    await Promise.all(slots.map((slot) => this.startActor(slot)));
  }

  async kill(actor: string): Promise<void> {
    const slot = this.slot(actor);
    const worker = slot.worker;
    this.unpause(slot);
    slot.worker = undefined;
    // The machine is dead from the moment the kill is issued: nothing waits for the thread's
    // teardown (tens of wall ms, seconds of simulated time at small time scales).
    this.record({ type: 'ActorKilled', actor });
    if (worker) slot.dying = worker.terminate();
  }

  async restart(actor: string): Promise<void> {
    const slot = this.slot(actor);
    if (slot.worker) await this.kill(actor);
    await slot.dying;
    slot.dying = undefined;
    this.record({ type: 'ActorRestarted', actor });
    await this.spawn(slot);
    if (this.transport === 'direct') {
      for (const other of this.slots.values()) if (other !== slot && other.worker) this.connect(slot, other);
    }
    await this.startActor(slot);
  }

  async pause(actor: string, forMs: number): Promise<void> {
    const slot = this.slot(actor);
    if (!slot.worker) throw new RuntimeError(`cannot pause ${actor}: it is not running`);
    const flag = new Int32Array(new SharedArrayBuffer(4));
    Atomics.store(flag, 0, 1);
    slot.pauseFlag = flag;
    this.post(slot, { type: 'pause', flag });
    slot.pauseTimer = setTimeout(() => this.unpause(slot), forMs * this.options.timeScale);
  }

  isAlive(actor: string): boolean {
    return this.slots.get(actor)?.worker !== undefined;
  }

  isPaused(actor: string): boolean {
    return this.slots.get(actor)?.pauseFlag !== undefined;
  }

  updateFabric(change: (fabric: Fabric) => void): void {
    change(this.fabric);
    if (this.transport === 'relay') return;
    const rules = this.fabric.snapshot();
    for (const slot of this.slots.values()) if (slot.worker) this.post(slot, { type: 'fabric', rules });
  }


  command(actor: string, command: LabCommand, timeoutMs?: number): Promise<CommandReply | undefined> {
    return this.startCommand(actor, command, timeoutMs);
  }

  pendingCommands(): number {
    return this.waiting.size;
  }

  /** The wall-clock wait has a floor of `commandReplyFloorWallMs`, for a busy machine's hiccups. */
  async startCommand(actor: string, command: LabCommand, timeoutMs: number = limits.commandReplyTimeoutMs): Promise<CommandReply | undefined> {
    const slot = this.slot(actor);
    if (!slot.worker) return undefined;
    const requestId = `lab-${this.nextRequest++}`;
    const timeoutWallMs = Math.max(commandReplyFloorWallMs, timeoutMs * this.options.timeScale);
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.waiting.delete(requestId);
        resolve(undefined);
      }, timeoutWallMs);
      this.waiting.set(requestId, (reply) => {
        clearTimeout(timer);
        resolve(reply);
      });
      this.post(slot, { type: 'command', requestId, command });
    });
  }

  nowMs(): number {
    return (wallNowMs() - this.epochWallMs) / this.options.timeScale;
  }

  heldAtMs(): number {
    return this.lastHeldAtMs;
  }

  /**
   * Judged by the simulated time actors stamp on their events: a predicate that an event made
   * true counts as held at that event's time, even if the main thread read it a little later.
   * The deadline therefore waits `observationGraceWallMs` for events still on their way.
   */
  runUntil(predicate: () => boolean, deadlineMs: number): Promise<boolean> {
    if (predicate()) {
      this.lastHeldAtMs = this.nowMs();
      return Promise.resolve(true);
    }
    return new Promise((resolve) => {
      let done = false;
      const finish = (held: boolean, atMs: number) => {
        if (done) return;
        done = true;
        clearTimeout(timer);
        this.listeners.splice(this.listeners.indexOf(check), 1);
        this.lastHeldAtMs = atMs;
        resolve(held);
      };
      const check = (entry: HistoryEntry) => {
        if (predicate()) finish(entry.atMs <= deadlineMs, Math.min(entry.atMs, this.nowMs()));
      };
      const waitWallMs = Math.max(0, (deadlineMs - this.nowMs()) * this.options.timeScale) + observationGraceWallMs;
      const timer = setTimeout(() => finish(false, this.nowMs()), waitWallMs);
      this.listeners.push(check);
    });
  }

  record(event: LabEvent): void {
    this.append(this.nowMs(), 'lab', event);
  }

  onEntry(listener: (entry: HistoryEntry) => void): void {
    this.listeners.push(listener);
  }

  history(): readonly HistoryEntry[] {
    return this.entries;
  }


  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    for (const slot of this.slots.values()) this.unpause(slot);
    await Promise.all([...this.slots.values()].flatMap((slot) => [slot.worker?.terminate(), slot.dying]));
    for (const slot of this.slots.values()) slot.worker = undefined;
    if (!this.options.keepData) rmSync(this.options.dataDirectory, { recursive: true, force: true });
  }

  private slot(actor: string): Slot {
    const slot = this.slots.get(actor);
    if (!slot) throw new RuntimeError(`no actor "${actor}" in this lab (it has ${[...this.slots.keys()].join(', ')})`);
    return slot;
  }

  /** Starts the worker and resolves once its modules are loaded (it has not started the actor). */
  private spawn(slot: Slot): Promise<void> {
    slot.incarnation++;
    const data: WorkerData = {
      spec: slot.spec,
      incarnation: slot.incarnation,
      seed: this.seed,
      timeScale: this.options.timeScale,
      dataDirectory: join(this.options.dataDirectory),
      transport: this.transport,
      fabric: this.fabric.snapshot(),
    };
    const worker = new Worker(workerUrl, { workerData: data });
    slot.worker = worker;
    worker.on('message', (message: FromWorker) => this.onWorkerMessage(slot, message));
    worker.on('error', (error) => {
      if (slot.worker !== worker) return;
      slot.worker = undefined;
      this.record({ type: 'ActorCrashed', actor: slot.spec.id, error: error.message });
    });
    return awaitWorker(worker, 'ready', `worker of ${slot.spec.id} exited while loading`);
  }

  private startActor(slot: Slot): Promise<void> {
    const worker = slot.worker;
    if (!worker) return Promise.resolve();
    const started = awaitWorker(worker, 'started', `worker of ${slot.spec.id} exited while starting`);
    this.post(slot, { type: 'start', epochWallMs: this.epochWallMs });
    return started;
  }

  /** A private MessagePort pair between two running actors (direct transport). */
  private connect(a: Slot, b: Slot): void {
    const { port1, port2 } = new MessageChannel();
    a.worker?.postMessage({ type: 'peer', peer: b.spec.id, port: port1 } satisfies ToWorker, [port1]);
    b.worker?.postMessage({ type: 'peer', peer: a.spec.id, port: port2 } satisfies ToWorker, [port2]);
  }

  private post(slot: Slot, message: ToWorker, transfer: ArrayBuffer[] = []): void {
    slot.worker?.postMessage(message, transfer);
  }

  private unpause(slot: Slot): void {
    if (slot.pauseTimer) clearTimeout(slot.pauseTimer);
    if (slot.pauseFlag) {
      Atomics.store(slot.pauseFlag, 0, 0);
      Atomics.notify(slot.pauseFlag, 0);
    }
    slot.pauseFlag = undefined;
    slot.pauseTimer = undefined;
  }

  private onWorkerMessage(slot: Slot, message: FromWorker): void {
    switch (message.type) {
      case 'events':
        for (const { atMs, event } of message.entries) this.append(atMs, slot.spec.id, event);
        return;
      case 'reply':
        this.waiting.get(message.requestId)?.(message.reply);
        this.waiting.delete(message.requestId);
        return;
      case 'frame':
        this.relay(slot.spec.id, message);
        return;
      case 'ready':
      case 'started':
        return;
    }
  }

  /** Relay transport: the main thread's fabric judges every frame. */
  private relay(source: string, frame: Extract<FromWorker, { type: 'frame' }>): void {
    const destination = this.slots.get(frame.destination);
    if (!destination?.worker) return; // no such machine, or it is down: silence
    const verdict = this.fabric.route(source, frame.destination, frame.network, frame.bytes.byteLength, () => this.lossPrng.next());
    if (!verdict.deliver) return; // the fabric's drops are silence, as on a real network
    const deliver = () => this.post(destination, { type: 'frame', source, bytes: frame.bytes }, [frame.bytes.buffer as ArrayBuffer]);
    const delayWallMs = verdict.delayMs * this.options.timeScale;
    if (delayWallMs < 1) deliver();
    else setTimeout(deliver, delayWallMs);
  }


  private append(atMs: number, source: string, event: LabEvent): void {
    if (this.entries.length >= limits.historyEventsMax) return;
    const entry: HistoryEntry = { atMs, source, seq: this.entries.length, event };
    this.entries.push(entry);
    for (const listener of [...this.listeners]) listener(entry);
  }
}
