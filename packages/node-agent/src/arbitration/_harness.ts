// A test world for disk arbitration: nodes, each its real storage stack (storage/subsystem.ts, the
// iSCSI initiator) with an arbitration machine on top (through host.ts, as node.ts will wire it),
// and the REAL storage target actor, all on a hand-driven clock with a seeded latency per frame.
// Frames go through the msgpack codec and the receiver's schema both ways; each link delivers in
// order (one TCP connection). Faults: a node killed (silent: its registrations stay at the target),
// restarted, frozen for a while (frames and timers wait until it thaws), its storage path down.
//
// It also judges what happened, from the target's write history: every accepted data WRITE is
// matched to the ownership epoch of the node that sent it (the span in which its machine had the
// disk Online), and no WRITE of one epoch is accepted after another epoch had started believing it
// owned the disk (checkWriteSafety). The witness tag writes are judged apart (checkWitnessSafety).
import {
  MemoryBlockStore,
  MemoryDurableStore,
  Prng,
  RecordingIo,
  decodeFrame,
  decodeMessage,
  encodeFrame,
  type Effect,
  type LabEvent,
  type NodeMessage,
  type StorageMessage,
} from '@wsfc-lab/protocol';
import { storageTargetActor, targetIqnFor, type StorageTargetConfig, type StorageTargetState, type StorageTimer as TargetTimer } from '@wsfc-lab/storage-target';
import { benchNodeConfig } from '../storage/_bench.js';
import { checkStorageInvariants } from '../storage/invariants.js';
import { storage, takeCompletions, type StorageState, type StorageTimer } from '../storage/mod.js';
import { initArbitration } from './arbitration-node.js';
import { deliverCompletions, runArbitration, type CarriedOut } from './host.js';
import { checkArbitrationInvariants } from './invariants.js';
import { arbitrationTagLba } from './tag-block.js';
import type { ArbitrationTiming } from './timing.js';
import type { ArbitrationInput, ArbitrationOutcome, ArbitrationState, ArbitrationTimer } from './types.js';
import { judgeWrites, judgeWitness, type AcceptedWrite, type Epoch, type WitnessWin } from './_judge.js';

export const clusterName = 'wsfc-cluster';
export const dataDisk = 'Cluster Disk 1';
export const witnessDisk = 'Witness';
const mib = 1024 * 1024;
export const witnessSizeBlocks = (4 * mib) / 512;
export const witnessTagLba = arbitrationTagLba(witnessSizeBlocks);
const network = 'Management';
const targetAddress = '172.16.1.1';
const host = 'host';

type NodeTimer = StorageTimer | ArbitrationTimer;
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
export type WorldInput = DistributiveOmit<ArbitrationInput, 'nowMs'>;

export interface WorldOptions {
  seed: number;
  nodes?: string[];
  /** Per-frame latency, drawn from the seed; default 0.2 ms. */
  latencyMsMin?: number;
  latencyMsMax?: number;
  timing?: Partial<ArbitrationTiming>;
}

interface WorldNode {
  name: string;
  id: number;
  io: RecordingIo<NodeTimer>;
  storage: StorageState;
  arb: ArbitrationState;
  store: MemoryDurableStore;
  incarnation: number;
  alive: boolean;
  frozenUntilMs: number | null;
  deferred: Item[];
  /** Ownership epochs by disk: the one running now, if the disk is Online. */
  owning: Map<string, Epoch>;
}

type Item =
  | { atMs: number; seq: number; kind: 'frame'; source: string; destination: string; bytes: Uint8Array }
  | { atMs: number; seq: number; kind: 'timer'; actor: string; incarnation: number; timerId: number; timer: unknown }
  | { atMs: number; seq: number; kind: 'action'; run: () => void };

/** A binary min-heap of items by (atMs, seq): equal deadlines in scheduling order. */
class ItemHeap {
  private readonly items: Item[] = [];
  private static before(a: Item, b: Item): boolean {
    return a.atMs < b.atMs || (a.atMs === b.atMs && a.seq < b.seq);
  }
  peek(): Item | undefined {
    return this.items[0];
  }
  push(item: Item): void {
    const items = this.items;
    items.push(item);
    for (let i = items.length - 1; i > 0; ) {
      const parent = (i - 1) >> 1;
      if (!ItemHeap.before(items[i] as Item, items[parent] as Item)) break;
      [items[i], items[parent]] = [items[parent] as Item, items[i] as Item];
      i = parent;
    }
  }
  pop(): Item | undefined {
    const items = this.items;
    const top = items[0];
    const last = items.pop();
    if (items.length === 0 || last === undefined) return top;
    items[0] = last;
    for (let i = 0; ; ) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < items.length && ItemHeap.before(items[l] as Item, items[m] as Item)) m = l;
      if (r < items.length && ItemHeap.before(items[r] as Item, items[m] as Item)) m = r;
      if (m === i) break;
      [items[i], items[m]] = [items[m] as Item, items[i] as Item];
      i = m;
    }
    return top;
  }
}

function targetConfig(nodes: string[]): StorageTargetConfig {
  return { name: host, address: targetAddress, targets: [{ name: 'wsfc', initiatorIds: nodes, luns: [{ disk: dataDisk, sizeBytes: 8 * mib }, { disk: witnessDisk, sizeBytes: witnessSizeBlocks * 512 }] }] };
}

export class ArbitrationWorld {
  nowMs = 0;
  private seq = 0;
  private readonly queue = new ItemHeap();
  private readonly linkReadyMs = new Map<string, number>();
  readonly prng: Prng;
  readonly nodes = new Map<string, WorldNode>();
  readonly nodeNames: string[];
  private readonly targetIo: RecordingIo<TargetTimer>;
  readonly target: StorageTargetState;
  readonly targetBlocks = new MemoryBlockStore();
  readonly pathsDown = new Set<string>();
  readonly events: { atMs: number; source: string; event: LabEvent }[] = [];
  readonly outcomes: { atMs: number; node: string; outcome: ArbitrationOutcome }[] = [];
  readonly epochs: Epoch[] = [];
  readonly accepted: AcceptedWrite[] = [];
  private readonly writeEpochs = new Map<string, Epoch>();
  private writeCounter = 0;

  constructor(private readonly o: WorldOptions) {
    this.prng = new Prng(o.seed, 'arbitration-world');
    this.nodeNames = o.nodes ?? ['node01', 'node02', 'node03'];
    this.targetIo = new RecordingIo<TargetTimer>({ self: host, incarnation: 0, prng: this.prng.fork(host), now: () => this.nowMs, store: new MemoryDurableStore(), blocks: this.targetBlocks });
    this.target = storageTargetActor.init(targetConfig(this.nodeNames), this.targetIo);
    this.apply(host, this.targetIo.drain(), 0);
    this.nodeNames.forEach((name, i) => this.startNode(name, { id: i + 1, store: new MemoryDurableStore(), incarnation: 0 }));
    this.advance(1000); // logins and the LUN scans
  }

  private startNode(name: string, o: { id: number; store: MemoryDurableStore; incarnation: number }): void {
    const config = { ...benchNodeConfig(name, { address: `172.16.1.${10 + o.id}` }), id: o.id, clusterName };
    const io = new RecordingIo<NodeTimer>({ self: name, incarnation: o.incarnation, prng: this.prng.fork(`${name}#${o.incarnation}`), now: () => this.nowMs, store: o.store, blocks: new MemoryBlockStore() });
    const nodes = this.nodeNames.map((n, i) => ({ name: n, nodeId: i + 1 }));
    const node: WorldNode = {
      name,
      id: o.id,
      io,
      storage: storage.init(config, io),
      arb: initArbitration({ self: name, selfId: o.id, clusterName, nodes, ...(this.o.timing ? { timing: this.o.timing } : {}) }),
      store: o.store,
      incarnation: o.incarnation,
      alive: true,
      frozenUntilMs: null,
      deferred: [],
      owning: new Map(),
    };
    this.nodes.set(name, node);
    this.apply(name, io.drain(), o.incarnation);
  }

  node(name: string): WorldNode {
    const node = this.nodes.get(name);
    if (!node) throw new Error(`no node ${name}`);
    return node;
  }

  arbitration(name: string): ArbitrationState {
    return this.node(name).arb;
  }

  /** The disk's role on a node ("Offline" for a disk it never saw). */
  role(name: string, disk: string): string {
    return this.node(name).arb.disks[disk]?.role.role ?? 'Offline';
  }

  // ---- inputs and faults ------------------------------------------------------------------

  /** Feeds an input to a node's arbitration now (ignored, and false, if the node is dead or frozen). */
  input(name: string, input: WorldInput): boolean {
    const node = this.node(name);
    if (!node.alive || node.frozenUntilMs !== null) return false;
    this.stepNode(node, () => runArbitration(node.arb, { ...input, nowMs: this.nowMs } as ArbitrationInput, { storage: node.storage, io: node.io }));
    return true;
  }

  members(names: string[]): { name: string; nodeId: number }[] {
    return names.map((name) => ({ name, nodeId: this.node(name).id }));
  }

  acquire(name: string, disk: string, members: string[]): boolean {
    return this.input(name, { type: 'Acquire', disk, members: this.members(members), reason: 'Resource' });
  }

  write(name: string, disk: string, lba: number): boolean {
    const data = new Uint8Array(512).fill(++this.writeCounter & 0xff);
    return this.input(name, { type: 'Write', disk, writeId: `w${this.writeCounter}`, lba, data });
  }

  witness(name: string, o: { arbitrationId: number; viewNumber: number; previousViewNumber: number; members: string[]; timeoutMs?: number }): boolean {
    const { arbitrationId, viewNumber, previousViewNumber, members } = o;
    this.witnessRequests.set(`${name}|${arbitrationId}`, { members, viewNumber, previousViewNumber });
    return this.input(name, { type: 'ArbitrateWitness', disk: witnessDisk, sizeBlocks: witnessSizeBlocks, arbitrationId, viewNumber, previousViewNumber, coordinator: name, members, timeoutMs: o.timeoutMs ?? 20_000 });
  }

  /** The node's worker is terminated: memory and timers gone, nothing sent again. */
  kill(name: string): void {
    const node = this.node(name);
    node.alive = false;
    this.endEpochs(node);
  }

  /** A killed (or running) node starts again: a fresh storage stack and arbitration, the same store. */
  restart(name: string): void {
    const node = this.node(name);
    this.endEpochs(node);
    this.startNode(name, { id: node.id, store: node.store, incarnation: node.incarnation + 1 });
  }

  /** The host freezes for `forMs`: what arrives meanwhile is handled when it thaws. */
  freeze(name: string, forMs: number): void {
    const node = this.node(name);
    if (!node.alive || node.frozenUntilMs !== null) return;
    node.frozenUntilMs = this.nowMs + forMs;
    this.push({ atMs: this.nowMs + forMs, kind: 'action', run: () => this.thaw(node) });
  }

  private thaw(node: WorldNode): void {
    node.frozenUntilMs = null;
    const deferred = node.deferred;
    node.deferred = [];
    for (const item of deferred) this.push({ ...item, atMs: this.nowMs });
  }

  /** Runs `run` at `atMs` (a scripted input or fault). */
  at(atMs: number, run: () => void): void {
    this.push({ atMs, kind: 'action', run });
  }

  // ---- the clock ----------------------------------------------------------------------------

  runUntil(untilMs: number, done: () => boolean = () => false): boolean {
    for (;;) {
      if (done()) return true;
      const next = this.queue.peek();
      if (!next || next.atMs > untilMs) {
        this.nowMs = Math.max(this.nowMs, untilMs);
        return done();
      }
      this.queue.pop();
      this.nowMs = next.atMs;
      this.handle(next);
    }
  }

  advance(ms: number): void {
    this.runUntil(this.nowMs + ms);
  }

  private push(item: DistributiveOmit<Item, 'seq'>): void {
    this.queue.push({ ...item, seq: this.seq++ } as Item);
  }

  private handle(item: Item): void {
    if (item.kind === 'action') return item.run();
    const actor = item.kind === 'frame' ? item.destination : item.actor;
    if (actor === host) return item.kind === 'frame' ? this.deliverToTarget(item) : this.fireTargetTimer(item);
    const node = this.node(actor);
    if (!node.alive) return;
    if (node.frozenUntilMs !== null) {
      node.deferred.push(item);
      return;
    }
    if (item.kind === 'frame') return this.deliverToNode(node, item);
    if (item.incarnation !== node.incarnation || !node.io.timerFired(item.timerId)) return;
    const timer = item.timer as NodeTimer;
    const arbHost = { storage: node.storage, io: node.io };
    if (timer.subsystem === 'storage') return this.stepNode(node, () => storage.onTimer?.(node.storage, timer, node.io));
    this.stepNode(node, () => runArbitration(node.arb, { type: 'Timer', nowMs: this.nowMs, timer }, arbHost));
  }

  private deliverToNode(node: WorldNode, item: Extract<Item, { kind: 'frame' }>): void {
    const frame = decodeFrame(item.bytes);
    if (!frame.ok) throw new Error(`bad frame: ${frame.detail}`);
    const decoded = decodeMessage('node', frame.frame);
    if (!decoded.ok) throw new Error(`${node.name} rejected ${frame.frame.type}: ${decoded.detail}`);
    this.stepNode(node, () => storage.onMessage?.(node.storage, { source: item.source, network, message: decoded.message as NodeMessage }, node.io));
  }

  private deliverToTarget(item: Extract<Item, { kind: 'frame' }>): void {
    const frame = decodeFrame(item.bytes);
    if (!frame.ok) throw new Error(`bad frame: ${frame.detail}`);
    const decoded = decodeMessage('storage', frame.frame);
    if (!decoded.ok) throw new Error(`the target rejected ${frame.frame.type}: ${decoded.detail}`);
    const message = decoded.message as StorageMessage;
    storageTargetActor.step(this.target, { type: 'Frame', source: item.source, network, message }, this.targetIo);
    const effects = this.targetIo.drain();
    if (message.type === 'ScsiWrite') this.recordWrite(item.source, message.requestId, effects);
    this.apply(host, effects, 0);
  }

  private fireTargetTimer(item: Extract<Item, { kind: 'timer' }>): void {
    if (!this.targetIo.timerFired(item.timerId)) return;
    storageTargetActor.step(this.target, { type: 'Timer', timerId: item.timerId, timer: item.timer as TargetTimer }, this.targetIo);
    this.apply(host, this.targetIo.drain(), 0);
  }

  /** Runs a step of a node, then feeds its arbitration the completions it produced, then checks. */
  private stepNode(node: WorldNode, run: () => CarriedOut | void | boolean | undefined): void {
    const arbHost = { storage: node.storage, io: node.io };
    const first = run();
    const results: CarriedOut[] = typeof first === 'object' && first !== null ? [first] : [];
    for (let round = 0; round < 64; round++) {
      const completions = takeCompletions(node.storage);
      if (completions.length === 0) break;
      results.push(deliverCompletions(node.arb, completions, arbHost));
    }
    for (const r of results) this.record(node, r);
    checkStorageInvariants(node.storage);
    checkArbitrationInvariants(node.arb);
    this.trackEpochs(node);
    this.apply(node.name, node.io.drain(), node.incarnation);
  }

  private record(node: WorldNode, carried: CarriedOut): void {
    for (const outcome of carried.outcomes) this.outcomes.push({ atMs: this.nowMs, node: node.name, outcome });
    for (const c of carried.submitted) {
      if (c.command !== 'Write') continue;
      const epoch = node.owning.get(c.disk);
      if (epoch) this.writeEpochs.set(`${node.name}|${c.requestId}`, epoch);
    }
  }

  private trackEpochs(node: WorldNode): void {
    for (const [name, disk] of Object.entries(node.arb.disks)) {
      const online = disk.role.role === 'Online';
      const current = node.owning.get(name);
      if (online && !current) {
        const epoch: Epoch = { id: `${node.name}#${node.incarnation}#${this.epochs.length}`, node: node.name, disk: name, startMs: this.nowMs, endMs: null };
        this.epochs.push(epoch);
        node.owning.set(name, epoch);
      } else if (!online && current) {
        current.endMs = this.nowMs;
        node.owning.delete(name);
      }
    }
  }

  private endEpochs(node: WorldNode): void {
    for (const epoch of node.owning.values()) epoch.endMs = this.nowMs;
    node.owning.clear();
  }

  private recordWrite(source: string, requestId: string, effects: Effect<TargetTimer>[]): void {
    for (const effect of effects) {
      if (effect.type !== 'Emit' || effect.event.type !== 'ScsiWrite') continue;
      const e = effect.event;
      const epoch = this.writeEpochs.get(`${source}|${requestId}`) ?? null;
      this.accepted.push({ atMs: this.nowMs, node: source, disk: e.disk, lba: e.lba, status: e.status, epoch });
    }
  }

  /**
   * A frame's latency, in multiples of 1/1024 ms: binary fractions add up exactly, so the clock
   * never lands a hair short of a deadline (the target's idle check re-arms by `timeout - idle`).
   */
  private latencyMs(): number {
    const min = this.o.latencyMsMin ?? 0.2;
    const max = this.o.latencyMsMax ?? min;
    const drawn = max > min ? this.prng.between(min, max) : min;
    return Math.max(1, Math.round(drawn * 1024)) / 1024;
  }

  private apply(actor: string, effects: Effect<unknown>[], incarnation: number): void {
    for (const effect of effects) {
      switch (effect.type) {
        case 'Send': {
          if (this.pathsDown.has(actor) || this.pathsDown.has(effect.destination)) break;
          const link = `${actor}>${effect.destination}`;
          const atMs = Math.max(this.linkReadyMs.get(link) ?? 0, this.nowMs + this.latencyMs());
          this.linkReadyMs.set(link, atMs);
          const bytes = encodeFrame({ source: actor, destination: effect.destination, network: effect.network, sequence: this.seq }, effect.message);
          this.push({ atMs, kind: 'frame', source: actor, destination: effect.destination, bytes });
          break;
        }
        case 'SetTimer':
          this.push({ atMs: this.nowMs + effect.delayMs, kind: 'timer', actor, incarnation, timerId: effect.timerId, timer: effect.timer });
          break;
        case 'Emit':
          this.events.push({ atMs: this.nowMs, source: actor, event: effect.event });
          break;
        case 'Reply':
        case 'CancelTimer':
          break;
      }
    }
  }

  // ---- reading what happened --------------------------------------------------------------

  outcomesOf<T extends ArbitrationOutcome['type']>(name: string, type: T): Extract<ArbitrationOutcome, { type: T }>[] {
    return this.outcomes.flatMap((o) => (o.node === name && o.outcome.type === type ? [o.outcome as Extract<ArbitrationOutcome, { type: T }>] : []));
  }

  eventsOf<T extends LabEvent['type']>(type: T, source?: string): Extract<LabEvent, { type: T }>[] {
    return this.events.flatMap((e) => (e.event.type === type && (source === undefined || e.source === source) ? [e.event as Extract<LabEvent, { type: T }>] : []));
  }

  /** Registered keys on a disk at the target now. */
  keysAt(disk: string): string[] {
    return (this.target.disks.get(disk)?.reservations.registrations ?? []).map((r) => r.key);
  }

  holderAt(disk: string): string | null {
    return this.target.disks.get(disk)?.reservations.reservation?.holder ?? null;
  }

  /** Write-safety violations (empty when safe): see _judge.ts. */
  checkWriteSafety(): string[] {
    return judgeWrites({ epochs: this.epochs, writes: this.accepted, excluded: [{ disk: witnessDisk, lba: witnessTagLba }] });
  }

  /** Witness-safety violations: no two disjoint sets won the witness as successors of one view. */
  checkWitnessSafety(): string[] {
    const wins: WitnessWin[] = [];
    for (const o of this.outcomes) {
      if (o.outcome.type !== 'WitnessArbitrated' || !o.outcome.won) continue;
      const request = this.witnessRequests.get(`${o.node}|${o.outcome.arbitrationId}`);
      if (request) wins.push({ leader: o.node, members: request.members, previousViewNumber: request.previousViewNumber, atMs: o.atMs });
    }
    return judgeWitness(wins);
  }

  /** What each witness request claimed, by `node|arbitrationId` (recorded by `witness`). */
  readonly witnessRequests = new Map<string, { members: string[]; previousViewNumber: number; viewNumber: number }>();

  targetIqn(): string {
    return targetIqnFor(host, 'wsfc');
  }
}
