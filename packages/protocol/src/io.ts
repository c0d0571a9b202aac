// The recording `io` every runtime (and every unit test) hands an actor. It holds no I/O of its
// own: the clock, the random stream, the stores and the buggify oracle are passed in, and the
// effects of each step are collected for the runtime to apply after `step` returns.
import type { ActorIo, BlockStore, DurableStore, Effect, TimerId } from './actor.js';
import type { CommandReply } from './commands.js';
import type { LabEvent } from './events/mod.js';
import type { WireMessage } from './messages/mod.js';
import { seededIds } from './ids.js';
import type { Prng } from './prng.js';
import { limits } from './limits.js';

export interface RecordingIoOptions {
  self: string;
  incarnation: number;
  prng: Prng;
  now: () => number;
  store: DurableStore;
  blocks: BlockStore;
  buggify?: (site: string) => boolean;
}

export class RecordingIo<Timer = unknown> implements ActorIo<Timer> {
  readonly self: string;
  readonly incarnation: number;
  readonly store: DurableStore;
  readonly blocks: BlockStore;
  private effects: Effect<Timer>[] = [];
  private nextTimerId: TimerId = 1;
  private readonly pendingTimers = new Set<TimerId>();
  private readonly prng: Prng;
  private readonly ids: () => string;
  private readonly clock: () => number;
  private readonly buggifyOracle: (site: string) => boolean;
  readonly probesHit = new Map<string, number>();

  constructor(options: RecordingIoOptions) {
    this.self = options.self;
    this.incarnation = options.incarnation;
    this.prng = options.prng;
    this.ids = seededIds(options.prng.fork('ids'));
    this.clock = options.now;
    this.store = options.store;
    this.blocks = options.blocks;
    this.buggifyOracle = options.buggify ?? (() => false);
  }

  now(): number {
    return this.clock();
  }
  random(): number {
    return this.prng.next();
  }
  chance(numerator: number, denominator: number): boolean {
    return this.prng.chance(numerator, denominator);
  }
  newId(): string {
    return this.ids();
  }
  send(destination: string, network: string, message: WireMessage): void {
    this.effects.push({ type: 'Send', destination, network, message });
  }
  setTimer(delayMs: number, timer: Timer): TimerId {
    if (!(delayMs >= 0) || !Number.isFinite(delayMs)) throw new RangeError(`setTimer delayMs must be a finite number >= 0, got ${delayMs}`);
    if (this.pendingTimers.size >= limits.timersPerActorMax) {
      throw new RangeError(`${this.self} has ${this.pendingTimers.size} timers pending, the limit timersPerActorMax`);
    }
    const timerId = this.nextTimerId++;
    this.pendingTimers.add(timerId);
    this.effects.push({ type: 'SetTimer', timerId, delayMs, timer });
    return timerId;
  }
  cancelTimer(timerId: TimerId): void {
    if (this.pendingTimers.delete(timerId)) this.effects.push({ type: 'CancelTimer', timerId });
  }
  /** The runtime calls this when a timer fires, so the pending count stays true. */
  timerFired(timerId: TimerId): boolean {
    return this.pendingTimers.delete(timerId);
  }
  emit(event: LabEvent): void {
    this.effects.push({ type: 'Emit', event });
  }
  reply(requestId: string, reply: CommandReply): void {
    this.effects.push({ type: 'Reply', requestId, reply });
  }
  buggify(site: string): boolean {
    return this.buggifyOracle(site);
  }
  probe(name: string): void {
    const seen = this.probesHit.get(name) ?? 0;
    this.probesHit.set(name, seen + 1);
    if (seen === 0) this.emit({ type: 'Probe', name });
  }
  /** Hands over the effects recorded since the last call. */
  drain(): Effect<Timer>[] {
    const out = this.effects;
    this.effects = [];
    return out;
  }
}

/** In-memory stores, for `sim` and for unit tests. */
export class MemoryDurableStore implements DurableStore {
  readonly records = new Map<string, unknown>();
  get(key: string): unknown {
    const value = this.records.get(key);
    return value === undefined ? undefined : structuredClone(value);
  }
  put(key: string, value: unknown): void {
    this.records.set(key, structuredClone(value));
  }
}

export const blockSizeBytes = 512;

/** Throws unless blocks [lba, lba + blockCount) lie on a device of `sizeBlocks` blocks. */
export function assertBlockRange(name: string, sizeBlocks: number, lba: number, blockCount: number): void {
  if (!Number.isSafeInteger(lba) || lba < 0 || blockCount < 0 || lba + blockCount > sizeBlocks) {
    throw new RangeError(`LBA range ${lba}+${blockCount} is outside device "${name}" of ${sizeBlocks} blocks`);
  }
}

/** Throws unless `data` is a whole number of blocks. */
export function assertWholeBlocks(data: Uint8Array): void {
  if (data.byteLength % blockSizeBytes !== 0) throw new RangeError(`write of ${data.byteLength} bytes is not a whole number of ${blockSizeBytes}-byte blocks`);
}

export class MemoryBlockStore implements BlockStore {
  private readonly devices = new Map<string, { sizeBlocks: number; blocks: Map<number, Uint8Array> }>();

  open(name: string, sizeBlocks: number): number {
    const existing = this.devices.get(name);
    if (existing) return existing.sizeBlocks;
    this.devices.set(name, { sizeBlocks, blocks: new Map() });
    return sizeBlocks;
  }
  sizeBlocks(name: string): number | undefined {
    return this.devices.get(name)?.sizeBlocks;
  }
  read(name: string, lba: number, blockCount: number): Uint8Array {
    const device = this.device(name, lba, blockCount);
    const out = new Uint8Array(blockCount * blockSizeBytes);
    for (let i = 0; i < blockCount; i++) {
      const block = device.blocks.get(lba + i);
      if (block) out.set(block, i * blockSizeBytes);
    }
    return out;
  }
  write(name: string, lba: number, data: Uint8Array): void {
    assertWholeBlocks(data);
    const blockCount = data.byteLength / blockSizeBytes;
    const device = this.device(name, lba, blockCount);
    for (let i = 0; i < blockCount; i++) {
      device.blocks.set(lba + i, data.slice(i * blockSizeBytes, (i + 1) * blockSizeBytes));
    }
  }
  private device(name: string, lba: number, blockCount: number) {
    const device = this.devices.get(name);
    if (!device) throw new RangeError(`no block device "${name}"`);
    assertBlockRange(name, device.sizeBlocks, lba, blockCount);
    return device;
  }
}
