// A deterministic little world for testing the GUM (tests only): N GumNodes wired through a
// seeded network that delays, drops and cuts messages, a membership oracle that hands out views
// (playing regroup), crashes and restarts from the persisted copy, and checkers that run after
// every step. Time is virtual; the Prng from protocol draws everything, so a seed is a run.
import { Prng } from '@wsfc-lab/protocol';
import { getValue, type DbChange, type DatabaseCopy } from './database.js';
import { hash64 } from './digest.js';
import type { GumEvent } from './events.js';
import { GumMessageSchema, type GumMessage } from './messages.js';
import { checkGumInvariants, initGumNode, persistedOf, stepGumNode } from './gum-node.js';
import type { GumInput, GumNodeState, GumPersisted, GumStepResult, Completion } from './types.js';
import type { GumSettings } from './limits.js';

export interface SimNode {
  name: string;
  nodeId: number;
  incarnation: number;
  state: GumNodeState | undefined;
  persisted: GumPersisted | undefined;
  /** Cut off the network (both ways), as a partition isolates it. */
  isolated: boolean;
  proposed: number;
}

interface Pending {
  atMs: number;
  order: number;
  kind: 'deliver' | 'tick' | 'view';
  to: string;
  from?: string;
  message?: GumMessage;
  view?: { viewNumber: number; members: { name: string; nodeId: number }[] };
  incarnation: number;
}

export interface ClusterOptions {
  seed: number;
  nodeCount: number;
  settings?: Partial<GumSettings>;
  /** Messages dropped, as a ratio. */
  dropNumerator?: number;
  dropDenominator?: number;
  latencyMsMin?: number;
  latencyMsMax?: number;
  /** How far apart members learn of a new view, in ms (regroup ends at different times). */
  viewSkewMsMax?: number;
  /** Parse every message against its schema (slower). */
  validateMessages?: boolean;
}

export interface CommittedRecord {
  node: string;
  requestId: string;
  sequence: number;
}

export class GumCluster {
  readonly prng: Prng;
  readonly nodes: SimNode[];
  readonly settings: GumSettings;
  nowMs = 0;
  viewNumber = 0;
  members: string[] = [];
  dropNumerator: number;
  dropDenominator: number;
  /** Return false to drop a message (scenario tests pick which messages get through). */
  filter: ((from: string, to: string, message: GumMessage) => boolean) | undefined;
  readonly events: { node: string; event: GumEvent }[] = [];
  readonly committed: CommittedRecord[] = [];
  readonly rejected: { node: string; requestId: string; reason: string }[] = [];
  readonly trace: string[] = [];
  steps = 0;
  private queue: Pending[] = [];
  private order = 0;
  private readonly byTag = new Map<string, string>();
  private readonly contentByDigest = new Map<string, string>();
  private readonly streams = new Map<string, Set<string>>();
  private readonly options: Required<Omit<ClusterOptions, 'settings' | 'seed' | 'nodeCount'>>;

  constructor(options: ClusterOptions) {
    this.prng = new Prng(options.seed, 'gum');
    this.settings = { requestReplyTimeoutMs: 5_000, retryIntervalMs: 100, ...options.settings };
    this.options = {
      dropNumerator: options.dropNumerator ?? 0,
      dropDenominator: options.dropDenominator ?? 100,
      latencyMsMin: options.latencyMsMin ?? 1,
      latencyMsMax: options.latencyMsMax ?? 20,
      viewSkewMsMax: options.viewSkewMsMax ?? 0,
      validateMessages: options.validateMessages ?? true,
    };
    this.dropNumerator = this.options.dropNumerator;
    this.dropDenominator = this.options.dropDenominator;
    this.nodes = [];
    for (let i = 1; i <= options.nodeCount; i++) {
      const name = `hv${String(i).padStart(2, '0')}`;
      this.nodes.push({ name, nodeId: i, incarnation: 0, state: undefined, persisted: undefined, isolated: false, proposed: 0 });
    }
    for (const node of this.nodes) this.boot(node);
  }

  node(name: string): SimNode {
    const node = this.nodes.find((n) => n.name === name);
    if (node === undefined) throw new Error(`no node "${name}" in this cluster`);
    return node;
  }

  state(name: string): GumNodeState {
    const state = this.node(name).state;
    if (state === undefined) throw new Error(`node "${name}" is down`);
    return state;
  }

  copy(name: string): DatabaseCopy {
    return this.state(name).copy;
  }

  alive(): SimNode[] {
    return this.nodes.filter((n) => n.state !== undefined);
  }

  log(line: string): void {
    this.trace.push(`${String(this.nowMs).padStart(6)} ${line}`);
    if (this.trace.length > 400) this.trace.shift();
  }

  private boot(node: SimNode): void {
    node.state = initGumNode({ self: node.name, incarnation: node.incarnation, ...this.settings }, node.persisted);
    this.schedule({ atMs: this.nowMs + this.prng.between(1, this.settings.retryIntervalMs), kind: 'tick', to: node.name, incarnation: node.incarnation });
  }

  private schedule(p: Omit<Pending, 'order'>): void {
    this.queue.push({ ...p, order: this.order++ });
    siftUp(this.queue, this.queue.length - 1);
  }

  /** Feeds one input to a live node and carries out its outputs. */
  step(name: string, input: GumInput): GumStepResult | undefined {
    const node = this.node(name);
    const before = node.state;
    if (before === undefined) return undefined;
    const result = stepGumNode(before, input);
    this.steps++;
    node.state = result.state;
    // The copy is an immutable value, so keeping the reference is keeping what was written.
    if (result.persist) node.persisted = persistedOf(result.state);
    this.checkStep(node, before, result);
    for (const event of result.events) {
      this.events.push({ node: name, event });
      this.log(`${name} event ${JSON.stringify(event)}`);
    }
    for (const c of result.completed) this.complete(name, c);
    for (const { to, message } of result.outbox) this.transmit(name, to, message);
    return result;
  }

  private complete(node: string, c: Completion): void {
    this.log(`${node} completed ${c.requestId} ${c.outcome} ${c.outcome === 'Committed' ? c.sequence : c.reason}`);
    if (c.outcome === 'Committed') this.committed.push({ node, requestId: c.requestId, sequence: c.sequence });
    else this.rejected.push({ node, requestId: c.requestId, reason: c.reason });
  }

  private transmit(from: string, to: string, message: GumMessage): void {
    if (this.options.validateMessages) GumMessageSchema.parse(message);
    const dropped =
      this.node(from).isolated ||
      this.node(to).isolated ||
      (this.filter !== undefined && !this.filter(from, to, message)) ||
      (this.dropNumerator > 0 && this.prng.chance(this.dropNumerator, this.dropDenominator));
    if (dropped) return;
    const latencyMs = this.prng.between(this.options.latencyMsMin, this.options.latencyMsMax);
    // On validated runs the receiver gets its own copy, as through the codec; otherwise (faster)
    // it shares the sender's objects, which the step purity test shows nobody changes.
    const delivered = this.options.validateMessages ? structuredClone(message) : message;
    this.schedule({ atMs: this.nowMs + latencyMs, kind: 'deliver', to, from, message: delivered, incarnation: this.node(to).incarnation });
  }

  propose(name: string, changes: DbChange[], requestId?: string): string {
    const node = this.node(name);
    const id = requestId ?? `${name}-${node.incarnation}-${++node.proposed}`;
    this.log(`${name} propose ${id}`);
    this.step(name, { type: 'Propose', nowMs: this.nowMs, requestId: id, changes });
    return id;
  }

  /** A new view with these members, delivered to every live node (removed ones learn they are out). */
  setView(memberNames: readonly string[]): number {
    const viewNumber = ++this.viewNumber;
    this.members = [...memberNames].sort((a, b) => this.node(a).nodeId - this.node(b).nodeId);
    const members = memberNames.map((n) => ({ name: n, nodeId: this.node(n).nodeId }));
    this.log(`view ${viewNumber}: ${memberNames.join(',')}`);
    for (const node of this.alive()) {
      const skewMs = this.options.viewSkewMsMax > 0 ? this.prng.between(0, this.options.viewSkewMsMax) : 0;
      this.schedule({ atMs: this.nowMs + skewMs, kind: 'view', to: node.name, view: { viewNumber, members }, incarnation: node.incarnation });
    }
    return viewNumber;
  }

  crash(name: string): void {
    const node = this.node(name);
    node.state = undefined;
    this.log(`${name} crash`);
  }

  restart(name: string): void {
    const node = this.node(name);
    if (node.state !== undefined) return;
    node.incarnation++;
    this.log(`${name} restart (incarnation ${node.incarnation})`);
    this.streams.delete(name);
    this.boot(node);
  }

  /** Processes queued deliveries, views and ticks up to `untilMs`. */
  runUntil(untilMs: number): void {
    for (;;) {
      const next = this.queue[0];
      if (next === undefined || next.atMs > untilMs) break;
      popHead(this.queue);
      this.nowMs = next.atMs;
      this.handle(next);
    }
    this.nowMs = Math.max(this.nowMs, untilMs);
  }

  run(durationMs: number): void {
    this.runUntil(this.nowMs + durationMs);
  }

  private handle(p: Pending): void {
    const node = this.node(p.to);
    if (node.state === undefined || node.incarnation !== p.incarnation) return; // died meanwhile
    switch (p.kind) {
      case 'tick':
        this.step(p.to, { type: 'Tick', nowMs: this.nowMs });
        this.schedule({ atMs: this.nowMs + this.settings.retryIntervalMs, kind: 'tick', to: p.to, incarnation: p.incarnation });
        return;
      case 'view':
        if (p.view !== undefined) this.step(p.to, { type: 'ViewChanged', nowMs: this.nowMs, ...p.view });
        return;
      case 'deliver':
        if (p.message !== undefined && p.from !== undefined && !node.isolated && !this.node(p.from).isolated) {
          this.step(p.to, { type: 'Message', nowMs: this.nowMs, from: p.from, message: p.message });
        }
        return;
    }
  }

  /** Why the current view is not settled yet, or null when it is (STYLE 15 `pending()`). */
  pending(): string | null {
    const members = this.members.map((n) => this.node(n));
    const down = members.find((n) => n.state === undefined);
    if (down !== undefined) return `${down.name} is in view ${this.viewNumber} but down`;
    const locker = members[0]?.state;
    if (locker === undefined) return 'no view';
    if (locker.view?.number !== this.viewNumber) return `${members[0]?.name} has not taken view ${this.viewNumber}`;
    if (locker.role.role !== 'Locker' || locker.role.phase !== 'Driving') return `locker ${locker.config.self} is ${locker.role.role === 'Locker' ? locker.role.phase : locker.role.role}`;
    if (locker.role.queue.length > 0) return `locker has ${locker.role.queue.length} queued requests`;
    for (const n of members) {
      const s = n.state as GumNodeState;
      if (s.requester.pending.length > 0) return `${n.name} has ${s.requester.pending.length} pending requests`;
      if (s.copy.digest !== locker.copy.digest || s.copy.sequence !== locker.copy.sequence) return `${n.name} at ${s.copy.epoch}:${s.copy.sequence}, locker at ${locker.copy.epoch}:${locker.copy.sequence}`;
      if (s.syncedEpoch !== locker.role.viewEpoch) return `${n.name} synced in ${s.syncedEpoch}, view epoch ${locker.role.viewEpoch}`;
    }
    if (locker.role.awaitingCommit.length > 0) return 'locker owes replies';
    return null;
  }

  /** Runs until `pending()` is null, or throws with the reason after `maxMs`. */
  settle(maxMs = 30_000): void {
    const deadline = this.nowMs + maxMs;
    while (this.nowMs < deadline) {
      this.run(this.settings.retryIntervalMs);
      if (this.pending() === null) return;
    }
    throw new Error(`did not settle within ${maxMs} ms: ${this.pending()}`);
  }

  // ---- checkers, run after every step -------------------------------------------------------

  private checkStep(node: SimNode, before: GumNodeState, result: GumStepResult): void {
    const after = result.state;
    checkGumInvariants(after);
    let sequence = before.copy.sequence;
    let stream = this.streams.get(node.name) ?? new Set<string>();
    for (const a of result.applied) {
      if (a.type === 'Snapshot') {
        sequence = a.sequence;
        stream = new Set();
        continue;
      }
      const u = a.update;
      if (u.sequence !== sequence + 1) throw new Error(`${node.name} applied update ${u.sequence} after ${sequence}: a gap`);
      sequence = u.sequence;
      this.checkTag(`${u.epoch}:${u.sequence}`, u.digest, node.name);
      const request = `${u.origin}/${u.incarnation}/${u.requestNumber}`;
      if (stream.has(request)) throw new Error(`${node.name} applied request ${request} twice (again at ${u.sequence})`);
      stream.add(request);
    }
    this.streams.set(node.name, stream);
    if (sequence !== after.copy.sequence) throw new Error(`${node.name} reports ${sequence} applied but holds ${after.copy.sequence}`);
    if (after.copy !== before.copy) this.checkTag(`${after.copy.epoch}:${after.copy.sequence}`, after.copy.digest, node.name);
    // Updates are applied by one deterministic function; a snapshot is assembled from chunks, so
    // that is where equal digests could hide different contents.
    if (result.applied.some((a) => a.type === 'Snapshot') || this.options.validateMessages) this.checkContent(after.copy, node.name);
  }

  /** An epoch and a sequence name one update, everywhere and always. */
  private checkTag(tag: string, digest: string, who: string): void {
    if (tag.endsWith(':0')) return;
    const known = this.byTag.get(tag);
    if (known === undefined) this.byTag.set(tag, digest);
    else if (known !== digest) throw new Error(`${who}: update ${tag} has digest ${digest}, elsewhere ${known}: two different updates got the same epoch and sequence`);
  }

  /** Copies with the same digest hold the same entries. */
  private checkContent(copy: DatabaseCopy, who: string): void {
    const content = contentHash(copy);
    const known = this.contentByDigest.get(copy.digest);
    if (known === undefined) this.contentByDigest.set(copy.digest, content);
    else if (known !== content) throw new Error(`${who}: copy ${copy.sequence} (${copy.digest}) holds other entries than another copy with that digest`);
  }

  /**
   * After settling: every member holds the same copy, and every committed request is in it (but
   * those a partition in time discarded, which the caller names).
   */
  checkSettled(lostByPartitionInTime: ReadonlySet<string> = new Set()): void {
    const reference = this.copy(this.members[0] as string);
    for (const name of this.members) {
      const copy = this.copy(name);
      if (copy.digest !== reference.digest || contentHash(copy) !== contentHash(reference)) throw new Error(`${name} holds ${copy.epoch}:${copy.sequence}, ${this.members[0]} holds ${reference.epoch}:${reference.sequence}`);
    }
    for (const c of this.committed) {
      if (lostByPartitionInTime.has(c.requestId)) continue;
      if (getValue(reference, `Cluster/Requests/${c.requestId}`) === undefined) throw new Error(`committed request ${c.requestId} (sequence ${c.sequence}) is missing from the settled copy`);
      if (c.sequence > reference.sequence) throw new Error(`committed request ${c.requestId} at ${c.sequence} is beyond the settled copy ${reference.sequence}`);
    }
  }
}

/** Earlier first; equal times in scheduling order (STYLE 6 tie-break). */
function before(a: Pending, b: Pending): boolean {
  return a.atMs < b.atMs || (a.atMs === b.atMs && a.order < b.order);
}

function siftUp(heap: Pending[], index: number): void {
  let i = index;
  while (i > 0) {
    const parent = (i - 1) >> 1;
    if (!before(heap[i] as Pending, heap[parent] as Pending)) return;
    [heap[i], heap[parent]] = [heap[parent] as Pending, heap[i] as Pending];
    i = parent;
  }
}

function popHead(heap: Pending[]): void {
  const last = heap.pop() as Pending;
  if (heap.length === 0) return;
  heap[0] = last;
  let i = 0;
  for (;;) {
    const left = 2 * i + 1;
    const right = left + 1;
    let smallest = i;
    if (left < heap.length && before(heap[left] as Pending, heap[smallest] as Pending)) smallest = left;
    if (right < heap.length && before(heap[right] as Pending, heap[smallest] as Pending)) smallest = right;
    if (smallest === i) return;
    [heap[i], heap[smallest]] = [heap[smallest] as Pending, heap[i] as Pending];
    i = smallest;
  }
}

export function contentHash(copy: DatabaseCopy): string {
  const keys = Object.keys(copy.entries).sort();
  return hash64(JSON.stringify(keys.map((k) => [k, copy.entries[k]])) + JSON.stringify(Object.keys(copy.origins).sort().map((o) => [o, copy.origins[o]])));
}

/** A request's changes: its marker (never deleted) and a few random changes to groups. */
export function randomChanges(prng: Prng, requestId: string): DbChange[] {
  const changes: DbChange[] = [{ op: 'SetValue', path: `Cluster/Requests/${requestId}`, value: requestId }];
  const count = prng.between(0, 3);
  for (let i = 0; i < count; i++) {
    const vm = `Groups/VM${prng.between(1, 6)}`;
    const roll = prng.int(10);
    if (roll < 6) changes.push({ op: 'SetValue', path: `${vm}/OwnerNode`, value: `hv0${prng.between(1, 5)}` });
    else if (roll < 8) changes.push({ op: 'SetValue', path: `${vm}/PossibleOwners`, value: ['hv01', 'hv02', 'hv03'].slice(0, prng.between(1, 3)) });
    else if (roll < 9) changes.push({ op: 'DeleteValue', path: `${vm}/OwnerNode` });
    else changes.push({ op: 'DeleteKey', path: vm });
  }
  changes.push({ op: 'SetValue', path: 'Cluster/LastRequest', value: requestId });
  return changes;
}

/** The failure message of a seeded run: the seed, how to replay it, and the last steps. */
export function failureReport(seed: number, error: unknown, cluster: GumCluster | undefined, replay: string): string {
  const message = error instanceof Error ? error.message : String(error);
  const tail = cluster?.trace.slice(-60).join('\n') ?? '';
  return `seed=${seed}: ${message}\nreplay: ${replay}\nlast steps:\n${tail}`;
}
