// A test bench: nodes' storage subsystems and the real storage target actor on a hand-driven
// clock, each with a recording io and in-memory stores. Frames go through the msgpack codec and
// the receiver's schema in both directions, as between workers. Faults: a node's path to the
// target down, the target killed, the target restarted (a fresh `init` on the same stores).
import {
  MemoryBlockStore,
  MemoryDurableStore,
  Prng,
  RecordingIo,
  decodeFrame,
  decodeMessage,
  encodeFrame,
  type CommandReply,
  type Effect,
  type LabEvent,
  type NodeMessage,
  type StorageMessage,
  type WireMessage,
} from '@wsfc-lab/protocol';
import { microsoftInitiatorIqn, storageTargetActor, targetIqnFor, type StorageTargetConfig, type StorageTargetState, type StorageTimer as TargetTimer } from '@wsfc-lab/storage-target';
import { heartbeatDefaults } from '../settings.js';
import type { NodeConfig } from '../config.js';
import { checkStorageInvariants } from './invariants.js';
import { storage } from './subsystem.js';
import type { StorageIo, StorageState, StorageTimer } from './state.js';
import type { IscsiInitiatorTiming } from './timing.js';

export const mib = 1024 * 1024;
export const targetAddress = '172.16.1.1';
export const wsfcTargetIqn = targetIqnFor('host', 'wsfc');
export const iqnOf = (node: string) => microsoftInitiatorIqn(`${node}.wsfc.local`);
const network = 'Management';
const latencyMs = 0.2;

export const benchTargetConfig: StorageTargetConfig = {
  name: 'host',
  address: targetAddress,
  targets: [
    {
      name: 'wsfc',
      initiatorIds: ['node01', 'node02'],
      luns: [
        { disk: 'Cluster Disk 1', sizeBytes: 64 * mib },
        { disk: 'Witness', sizeBytes: 1 * mib },
      ],
    },
  ],
};

/** A node as the lab builder makes it; `favourite: false` leaves it with nothing configured. */
export function benchNodeConfig(name: string, o: { address: string; favourite?: boolean; timing?: Partial<IscsiInitiatorTiming> }): NodeConfig {
  const favourite = o.favourite ?? true;
  return {
    name,
    id: 1,
    networks: [{ name: network, subnet: '172.16.1.0/24', role: 'ClusterAndClient' }],
    addresses: { [network]: o.address },
    peers: [],
    settings: { ...heartbeatDefaults },
    storage: {
      initiatorName: iqnOf(name),
      portalRoutes: [{ address: targetAddress, machine: 'host', network }],
      targetPortals: favourite ? [targetAddress] : [],
      persistentTargets: favourite ? [{ nodeAddress: wsfcTargetIqn, targetPortalAddress: targetAddress }] : [],
      ...(o.timing ? { timing: o.timing } : {}),
    },
  };
}

type Item =
  | { atMs: number; seq: number; kind: 'frame'; source: string; destination: string; bytes: Uint8Array; incarnation: number }
  | { atMs: number; seq: number; kind: 'timer'; actor: string; incarnation: number; timerId: number; timer: unknown };

interface BenchNode {
  config: NodeConfig;
  io: RecordingIo<StorageTimer>;
  state: StorageState;
  store: MemoryDurableStore;
  incarnation: number;
}

export class StorageBench {
  nowMs = 0;
  private seq = 0;
  private queue: Item[] = [];
  readonly nodes = new Map<string, BenchNode>();
  readonly targetStore = new MemoryDurableStore();
  readonly targetBlocks = new MemoryBlockStore();
  targetIo!: RecordingIo<TargetTimer>;
  target: StorageTargetState | undefined;
  private targetIncarnation = -1;
  readonly pathsDown = new Set<string>();
  readonly replies = new Map<string, CommandReply>();
  readonly events: { source: string; event: LabEvent }[] = [];
  private requestCounter = 0;
  private readonly sentCount = new Map<string, number>();

  constructor(o: { nodes: NodeConfig[]; target?: StorageTargetConfig }) {
    this.startTarget(o.target ?? benchTargetConfig);
    for (const config of o.nodes) this.startNode(config, new MemoryDurableStore(), 0);
  }

  private startTarget(config: StorageTargetConfig): void {
    this.targetIncarnation++;
    this.targetIo = new RecordingIo<TargetTimer>({ self: 'host', incarnation: this.targetIncarnation, prng: new Prng(42).fork(`host#${this.targetIncarnation}`), now: () => this.nowMs, store: this.targetStore, blocks: this.targetBlocks });
    this.target = storageTargetActor.init(config, this.targetIo);
    this.apply('host', this.targetIo.drain(), this.targetIncarnation);
  }

  startNode(config: NodeConfig, store: MemoryDurableStore, incarnation: number): void {
    const io = new RecordingIo<StorageTimer>({ self: config.name, incarnation, prng: new Prng(7).fork(`${config.name}#${incarnation}`), now: () => this.nowMs, store, blocks: new MemoryBlockStore() });
    const state = storage.init(config, io);
    this.nodes.set(config.name, { config, io, state, store, incarnation });
    this.check(config.name);
    this.apply(config.name, io.drain(), incarnation);
  }

  /** The node powers off and on: memory gone, its store kept. */
  restartNode(name: string): void {
    const node = this.node(name);
    this.startNode(node.config, node.store, node.incarnation + 1);
  }

  killTarget(): void {
    this.target = undefined;
  }

  restartTarget(config: StorageTargetConfig = benchTargetConfig): void {
    this.startTarget(config);
  }

  node(name: string): BenchNode {
    const node = this.nodes.get(name);
    if (!node) throw new Error(`no node ${name}`);
    return node;
  }

  state(name: string): StorageState {
    return this.node(name).state;
  }

  io(name: string): StorageIo {
    return this.node(name).io;
  }

  private check(name: string): void {
    checkStorageInvariants(this.node(name).state);
  }

  private apply(actor: string, effects: Effect[], incarnation: number): void {
    for (const effect of effects) {
      switch (effect.type) {
        case 'Send': {
          const key = `${actor}|${effect.message.type}`;
          this.sentCount.set(key, (this.sentCount.get(key) ?? 0) + 1);
          if (this.pathsDown.has(actor) || this.pathsDown.has(effect.destination)) break;
          const bytes = encodeFrame({ source: actor, destination: effect.destination, network: effect.network, sequence: this.seq }, effect.message);
          this.queue.push({ atMs: this.nowMs + latencyMs, seq: this.seq++, kind: 'frame', source: actor, destination: effect.destination, bytes, incarnation: -1 });
          break;
        }
        case 'SetTimer':
          this.queue.push({ atMs: this.nowMs + effect.delayMs, seq: this.seq++, kind: 'timer', actor, incarnation, timerId: effect.timerId, timer: effect.timer });
          break;
        case 'Emit':
          this.events.push({ source: actor, event: effect.event });
          break;
        case 'Reply':
          this.replies.set(effect.requestId, effect.reply);
          break;
        case 'CancelTimer':
          break;
      }
    }
  }

  /** Runs a step of a node and applies what it recorded. */
  stepNode(name: string, run: (state: StorageState, io: StorageIo) => void): void {
    const node = this.node(name);
    run(node.state, node.io);
    this.check(name);
    this.apply(name, node.io.drain(), node.incarnation);
  }

  private deliver(item: Extract<Item, { kind: 'frame' }>): void {
    const frame = decodeFrame(item.bytes);
    if (!frame.ok) throw new Error(`bad frame: ${frame.detail}`);
    if (item.destination === 'host') {
      if (!this.target) return;
      const decoded = decodeMessage('storage', frame.frame);
      if (!decoded.ok) throw new Error(`target rejected ${frame.frame.type}: ${decoded.detail}`);
      storageTargetActor.step(this.target, { type: 'Frame', source: item.source, network, message: decoded.message as StorageMessage }, this.targetIo);
      this.apply('host', this.targetIo.drain(), this.targetIncarnation);
      return;
    }
    const decoded = decodeMessage('node', frame.frame);
    if (!decoded.ok) throw new Error(`node rejected ${frame.frame.type}: ${decoded.detail}`);
    this.stepNode(item.destination, (state, io) => storage.onMessage?.(state, { source: item.source, network, message: decoded.message as NodeMessage }, io));
  }

  private fire(item: Extract<Item, { kind: 'timer' }>): void {
    if (item.actor === 'host') {
      if (!this.target || item.incarnation !== this.targetIncarnation || !this.targetIo.timerFired(item.timerId)) return;
      storageTargetActor.step(this.target, { type: 'Timer', timerId: item.timerId, timer: item.timer as TargetTimer }, this.targetIo);
      this.apply('host', this.targetIo.drain(), this.targetIncarnation);
      return;
    }
    const node = this.node(item.actor);
    if (item.incarnation !== node.incarnation || !node.io.timerFired(item.timerId)) return;
    this.stepNode(item.actor, (state, io) => storage.onTimer?.(state, item.timer as StorageTimer, io));
  }

  /** Lets simulated time pass to `untilMs`, or until `done` holds. */
  runUntil(untilMs: number, done: () => boolean = () => false): boolean {
    for (;;) {
      if (done()) return true;
      this.queue.sort((a, b) => a.atMs - b.atMs || a.seq - b.seq);
      const next = this.queue[0];
      if (!next || next.atMs > untilMs) {
        this.nowMs = Math.max(this.nowMs, untilMs);
        return done();
      }
      this.queue.shift();
      this.nowMs = next.atMs;
      if (next.kind === 'frame') this.deliver(next);
      else this.fire(next);
    }
  }

  advance(ms: number): void {
    this.runUntil(this.nowMs + ms);
  }

  /** Runs a cmdlet on a node and waits (up to 30 s) for its reply. */
  cmdlet(node: string, name: string, parameters: Record<string, unknown> = {}): CommandReply {
    const requestId = `c${++this.requestCounter}`;
    const handler = storage.cmdlets?.[name];
    if (!handler) throw new Error(`no cmdlet ${name}`);
    this.stepNode(node, (state, io) => handler(state, { requestId, parameters }, io));
    this.runUntil(this.nowMs + 30_000, () => this.replies.has(requestId));
    const reply = this.replies.get(requestId);
    if (!reply) throw new Error(`${name} on ${node} did not reply within 30 s`);
    return reply;
  }

  /** The cmdlet's output, or a thrown error with its message. */
  ok<T = Record<string, unknown>[]>(node: string, name: string, parameters: Record<string, unknown> = {}): T {
    const reply = this.cmdlet(node, name, parameters);
    if (!reply.ok) throw new Error(`${name} failed: ${reply.error.message}`);
    return reply.output as T;
  }

  /** The cmdlet's error message; throws if it succeeded. */
  error(node: string, name: string, parameters: Record<string, unknown> = {}): string {
    const reply = this.cmdlet(node, name, parameters);
    if (reply.ok) throw new Error(`${name} succeeded, an error was expected`);
    return reply.error.message;
  }

  eventsOf<T extends LabEvent['type']>(type: T): Extract<LabEvent, { type: T }>[] {
    return this.events.flatMap((e) => (e.event.type === type ? [e.event as Extract<LabEvent, { type: T }>] : []));
  }

  /** How many messages of `type` the actor has sent (delivered or not). */
  sent(actor: string, type: WireMessage['type']): number {
    return this.sentCount.get(`${actor}|${type}`) ?? 0;
  }
}
