// Test harness (private): a directory actor on a RecordingIo with in-memory stores and a clock the
// test moves by hand. Every step is followed by checkInvariants, as `sim` does.
import {
  MemoryBlockStore,
  MemoryDurableStore,
  Prng,
  RecordingIo,
  type CommandReply,
  type DirectoryMessage,
  type DirectoryResponse,
  type Effect,
  type LabEvent,
} from '@wsfc-lab/protocol';
import type { DirectoryConfig } from './config.js';
import { directoryActor } from './directory.js';
import type { DirectoryState } from './state.js';

/** Counts puts, so a test can check "one put per change". */
export class CountingStore extends MemoryDurableStore {
  puts = 0;
  override put(key: string, value: unknown): void {
    this.puts += 1;
    super.put(key, value);
  }
}

export const labConfig: DirectoryConfig = {
  name: 'dc01',
  address: '172.16.1.1',
  domain: 'wsfc.local',
  machines: [
    { name: 'node01', address: '172.16.1.5', joined: true },
    { name: 'node02', address: '172.16.1.10', joined: true },
    { name: 'node03', address: '172.16.1.15', joined: false },
  ],
  adminPassword: 'P@ssw0rd!',
};

export interface StepResult {
  effects: Effect[];
  sends: { destination: string; message: DirectoryResponse }[];
  events: LabEvent[];
}

export class Harness {
  nowMs = 0;
  readonly io: RecordingIo<never>;
  readonly state: DirectoryState;
  initEffects: Effect[];
  private nextRequest = 1;

  constructor(
    readonly config: DirectoryConfig = labConfig,
    readonly store: CountingStore = new CountingStore(),
    incarnation = 0,
    startMs = 0,
  ) {
    this.nowMs = startMs;
    this.io = new RecordingIo<never>({
      self: config.name,
      incarnation,
      prng: new Prng(42).fork(`${config.name}/${incarnation}`),
      now: () => this.nowMs,
      store,
      blocks: new MemoryBlockStore(),
    });
    this.state = directoryActor.init(config, this.io);
    this.initEffects = this.io.drain();
  }

  /** A fresh start of the same directory on the same disk. */
  restart(): Harness {
    return new Harness(this.config, this.store, this.io.incarnation + 1, this.nowMs);
  }

  requestId(): string {
    return `r${this.nextRequest++}`;
  }

  private collect(): StepResult {
    directoryActor.checkInvariants?.(this.state);
    const effects = this.io.drain();
    const sends = effects.flatMap((effect) => (effect.type === 'Send' ? [{ destination: effect.destination, message: effect.message as DirectoryResponse }] : []));
    const events = effects.flatMap((effect) => (effect.type === 'Emit' ? [effect.event] : []));
    return { effects, sends, events };
  }

  frame(source: string, message: DirectoryMessage): StepResult {
    directoryActor.step(this.state, { type: 'Frame', source, network: 'Management', message }, this.io);
    return this.collect();
  }

  /** Sends a request and returns the one response to `source`. */
  ask(source: string, message: DirectoryMessage): DirectoryResponse & { events: LabEvent[] } {
    const { sends, events } = this.frame(source, message);
    if (sends.length !== 1 || sends[0]?.destination !== source) throw new Error(`expected one reply to ${source}, got ${JSON.stringify(sends)}`);
    return { ...sends[0].message, events };
  }

  cmdlet(name: string, parameters: Record<string, unknown> = {}): CommandReply & { events: LabEvent[] } {
    directoryActor.step(this.state, { type: 'Command', requestId: 'c1', command: { type: 'Cmdlet', name, parameters } }, this.io);
    const { effects, events } = this.collect();
    const reply = effects.find((effect) => effect.type === 'Reply');
    if (reply?.type !== 'Reply') throw new Error(`no reply to ${name}`);
    return { ...reply.reply, events };
  }

  /** A deep copy of what the directory keeps on disk, to show that a refusal changed nothing. */
  snapshot(): string {
    return JSON.stringify(this.state.db);
  }
}

/** Narrows a response to one type, or fails with what arrived. */
export function expectType<T extends DirectoryResponse['type']>(response: DirectoryResponse, type: T): Extract<DirectoryResponse, { type: T }> {
  if (response.type !== type) throw new Error(`expected ${type}, got ${JSON.stringify(response)}`);
  return response as Extract<DirectoryResponse, { type: T }>;
}
