// A deterministic little world for testing the regroup (tests only): N regroup machines wired
// through a seeded network (latency, drops, links cut both ways or one way), a failure detector
// that reports mutual connectivity to each node after a delay, a witness that records the view
// number it was arbitrated for and whose holder defends it while it runs, crashes and restarts
// from the persisted state, and checkers after every step. Time is virtual; the Prng from
// protocol draws everything, so a seed is a run.
//
// Checked after every step (a violation throws with the seed):
//   agreement    every node that installs view number k installs the same member set;
//   connected    the kept set of every pruning is pairwise connected as the leader knew it, and the
//                leader installs exactly that set;
//   split brain  no two running nodes hold views with disjoint member sets (no two disjoint
//                partitions both keep a running cluster);
//   invariants   checkRegroupInvariants on every machine (which also asserts that no node installs
//                a view older than its own).
import { Prng } from '@wsfc-lab/protocol';
import type { QuorumConfig, Vote } from '../quorum/mod.js';
import { cloneData } from './_clone.js';
import type { RegroupEvent } from './events.js';
import { RegroupMessageSchema, type RegroupMessage } from './messages.js';
import { checkRegroupInvariants, initRegroupNode, persistedOf, stepRegroupNode } from './regroup-node.js';
import { regroupDefaults, type RegroupSettings } from './settings.js';
import type { RegroupDecision, RegroupInput, RegroupPersisted, RegroupState, RegroupTimer, View } from './types.js';

export const nodeName = (id: number): string => `node${String(id).padStart(2, '0')}`;

export interface WorldOptions {
  seed: number;
  nodeCount: number;
  witness?: 'None' | 'Disk';
  DynamicQuorum?: Vote;
  latencyMsMin?: number;
  latencyMsMax?: number;
  /** Messages dropped at random, as a ratio (0 by default). */
  dropNumerator?: number;
  dropDenominator?: number;
  /** How long the failure detector takes to report a peer lost (SameSubnetDelay × Threshold in the product). */
  detectLostMsMin?: number;
  detectLostMsMax?: number;
  /** How long it takes to report a peer mutually connected (a heartbeat or two). */
  detectUpMsMin?: number;
  detectUpMsMax?: number;
  /** How long the witness takes to answer an arbitration. */
  arbitrationMsMin?: number;
  arbitrationMsMax?: number;
  settings?: Partial<RegroupSettings>;
  joinRetryIntervalMs?: number;
  /** Parse every message against its schema (slower). */
  validateMessages?: boolean;
}

export interface SimNode {
  name: string;
  id: number;
  incarnation: number;
  state: RegroupState | null;
  persisted: RegroupPersisted | null;
  /** What the failure detector last told this node about each peer. */
  told: Map<string, boolean>;
}

type PendingKind =
  | { kind: 'deliver'; to: string; from: string; message: RegroupMessage }
  | { kind: 'timer'; to: string; incarnation: number; timer: RegroupTimer }
  | { kind: 'detect'; to: string; peer: string; incarnation: number }
  | { kind: 'witness'; to: string; incarnation: number; arbitrationId: number; viewNumber: number; previousViewNumber: number; coordinator: string; members: string[] }
  | { kind: 'action'; label: string; run: () => void };

type Pending = PendingKind & { atMs: number; order: number };

export interface Witness {
  /** The view (number, leader, and the view it followed) it was last arbitrated for: its paxos tag. */
  recorded: { viewNumber: number; coordinator: string; previousViewNumber: number } | null;
  holder: string | null;
  /** An unreachable witness never answers: the arbitration times out. */
  reachable: boolean;
}

export interface RecordedEvent {
  atMs: number;
  node: string;
  event: RegroupEvent;
}

export interface RecordedDecision {
  atMs: number;
  node: string;
  decision: RegroupDecision;
}

export class RegroupViolation extends Error {
  override name = 'RegroupViolation';
}

function less(a: Pending, b: Pending): boolean {
  return a.atMs < b.atMs || (a.atMs === b.atMs && a.order < b.order);
}

/** A binary heap ordered by time, then by scheduling order (equal deadlines fire in order). */
class Queue {
  private items: Pending[] = [];
  get size(): number {
    return this.items.length;
  }
  peek(): Pending | undefined {
    return this.items[0];
  }
  push(item: Pending): void {
    const items = this.items;
    items.push(item);
    let i = items.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!less(items[i] as Pending, items[parent] as Pending)) break;
      [items[i], items[parent]] = [items[parent] as Pending, items[i] as Pending];
      i = parent;
    }
  }
  pop(): Pending | undefined {
    const items = this.items;
    const top = items[0];
    const last = items.pop();
    if (items.length > 0 && last !== undefined) {
      items[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < items.length && less(items[l] as Pending, items[m] as Pending)) m = l;
        if (r < items.length && less(items[r] as Pending, items[m] as Pending)) m = r;
        if (m === i) break;
        [items[i], items[m]] = [items[m] as Pending, items[i] as Pending];
        i = m;
      }
    }
    return top;
  }
}

export function quorumConfigFor(options: { nodeCount: number; witness?: 'None' | 'Disk'; DynamicQuorum?: Vote }): QuorumConfig {
  const nodes = Array.from({ length: options.nodeCount }, (_, i) => ({ name: nodeName(i + 1), id: i + 1, NodeWeight: 1 as Vote }));
  const witness: QuorumConfig['witness'] = options.witness === 'Disk' ? { type: 'Disk', resource: 'Cluster Disk 1', diskOnly: false } : { type: 'None' };
  return { nodes, witness, DynamicQuorum: options.DynamicQuorum ?? 1, LowerQuorumPriorityNodeID: 0 };
}

export class RegroupWorld {
  readonly seed: number;
  readonly prng: Prng;
  readonly nodes: SimNode[];
  readonly quorum: QuorumConfig;
  readonly settings: RegroupSettings;
  readonly witness: Witness = { recorded: null, holder: null, reachable: true };
  readonly events: RecordedEvent[] = [];
  readonly decisions: RecordedDecision[] = [];
  /** View number → its member names, from every install. */
  readonly viewsByNumber = new Map<number, string>();
  /** Return false to drop a message (scenario tests pick which messages get through). */
  filter: ((from: string, to: string, message: RegroupMessage) => boolean) | undefined;
  /** Called after every step, for scenario tests that act at an exact point. */
  onStep: ((node: string, input: RegroupInput) => void) | undefined;
  nowMs = 0;
  steps = 0;
  stepsMax = 2_000_000;
  traceHash = 0x811c9dc5;
  private readonly queue = new Queue();
  private order = 0;
  private readonly up: boolean[][];
  private readonly prunedKept = new Map<string, string>();
  private readonly o: Required<Omit<WorldOptions, 'seed' | 'nodeCount' | 'witness' | 'DynamicQuorum' | 'settings'>>;

  constructor(options: WorldOptions) {
    this.seed = options.seed;
    this.prng = new Prng(options.seed, 'regroup');
    this.quorum = quorumConfigFor(options);
    this.settings = { ...regroupDefaults, ...options.settings };
    this.o = {
      latencyMsMin: options.latencyMsMin ?? 1,
      latencyMsMax: options.latencyMsMax ?? 20,
      dropNumerator: options.dropNumerator ?? 0,
      dropDenominator: options.dropDenominator ?? 100,
      detectLostMsMin: options.detectLostMsMin ?? 1000,
      detectLostMsMax: options.detectLostMsMax ?? 3000,
      detectUpMsMin: options.detectUpMsMin ?? 100,
      detectUpMsMax: options.detectUpMsMax ?? 1500,
      arbitrationMsMin: options.arbitrationMsMin ?? 50,
      arbitrationMsMax: options.arbitrationMsMax ?? 800,
      joinRetryIntervalMs: options.joinRetryIntervalMs ?? 5000,
      validateMessages: options.validateMessages ?? true,
    };
    this.nodes = this.quorum.nodes.map((n) => ({ name: n.name, id: n.id, incarnation: 0, state: null, persisted: null, told: new Map() }));
    this.up = this.nodes.map(() => this.nodes.map(() => true));
  }

  node(name: string): SimNode {
    const node = this.nodes.find((n) => n.name === name);
    if (node === undefined) throw new Error(`no node "${name}" in this world (seed ${this.seed})`);
    return node;
  }

  state(name: string): RegroupState {
    const state = this.node(name).state;
    if (state === null) throw new Error(`node "${name}" is down (seed ${this.seed})`);
    return state;
  }

  alive(name: string): boolean {
    return this.node(name).state !== null;
  }

  running(name: string): boolean {
    return this.node(name).state?.role.role === 'Member';
  }

  viewOf(name: string): View | null {
    const role = this.node(name).state?.role;
    return role?.role === 'Member' ? role.view : null;
  }

  // ---- faults -------------------------------------------------------------------------------

  /** Start (or restart) a node's cluster service from what it persisted. */
  start(name: string): void {
    const node = this.node(name);
    if (node.state !== null) return;
    node.incarnation++;
    node.told = new Map();
    node.state = initRegroupNode({ self: name, quorum: this.quorum, settings: this.settings, joinRetryIntervalMs: this.o.joinRetryIntervalMs }, node.persisted);
    this.apply(node, { type: 'ClusterServiceStarted', nowMs: this.nowMs });
    for (const other of this.nodes) {
      if (other === node) continue;
      this.scheduleDetect(node.name, other.name);
      this.scheduleDetect(other.name, node.name);
    }
  }

  crash(name: string): void {
    const node = this.node(name);
    if (node.state === null) return;
    node.state = null;
    node.incarnation++;
    this.mix(`crash ${name}`);
    for (const other of this.nodes) if (other !== node) this.scheduleDetect(other.name, name);
  }

  /** Cut the link from `a` to `b`, and back unless `oneWay`. */
  cut(a: string, b: string, options: { oneWay?: boolean } = {}): void {
    this.setLink(a, b, false);
    if (options.oneWay !== true) this.setLink(b, a, false);
  }

  heal(a: string, b: string): void {
    this.setLink(a, b, true);
    this.setLink(b, a, true);
  }

  /** Cut every link between the groups; links inside a group are left as they are. */
  partition(...groups: string[][]): void {
    for (const g of groups) for (const h of groups) if (g !== h) for (const a of g) for (const b of h) this.setLink(a, b, false);
  }

  healAll(): void {
    for (const a of this.nodes) for (const b of this.nodes) if (a !== b) this.setLink(a.name, b.name, true);
  }

  linkUp(a: string, b: string): boolean {
    return this.up[this.node(a).id - 1]?.[this.node(b).id - 1] ?? false;
  }

  mutual(a: string, b: string): boolean {
    return this.alive(a) && this.alive(b) && this.linkUp(a, b) && this.linkUp(b, a);
  }

  /** Run `run` at `atMs` (simulated), in order with everything else. */
  at(atMs: number, label: string, run: () => void): void {
    this.push({ kind: 'action', label, run }, Math.max(atMs, this.nowMs));
  }

  private setLink(a: string, b: string, value: boolean): void {
    const row = this.up[this.node(a).id - 1] as boolean[];
    const index = this.node(b).id - 1;
    if (row[index] === value) return;
    row[index] = value;
    this.mix(`link ${a}>${b} ${value}`);
    this.scheduleDetect(a, b);
    this.scheduleDetect(b, a);
  }

  private scheduleDetect(to: string, peer: string): void {
    const node = this.node(to);
    if (node.state === null) return;
    const upNow = this.mutual(to, peer);
    const delayMs = upNow ? this.prng.between(this.o.detectUpMsMin, this.o.detectUpMsMax) : this.prng.between(this.o.detectLostMsMin, this.o.detectLostMsMax);
    this.push({ kind: 'detect', to, peer, incarnation: node.incarnation }, this.nowMs + delayMs);
  }

  // ---- the event loop -----------------------------------------------------------------------

  private push(item: PendingKind, atMs: number): void {
    this.queue.push({ ...item, atMs, order: this.order++ } as Pending);
  }

  runFor(durationMs: number): void {
    this.runUntil(() => false, durationMs);
  }

  /** Runs until `done()` holds (checked after each event) or `durationMs` passes; returns whether it held. */
  runUntil(done: () => boolean, durationMs: number): boolean {
    const endMs = this.nowMs + durationMs;
    if (done()) return true;
    for (;;) {
      const next = this.queue.peek();
      if (next === undefined || next.atMs > endMs) break;
      this.queue.pop();
      this.nowMs = next.atMs;
      this.handle(next);
      if (done()) return true;
    }
    this.nowMs = endMs;
    return done();
  }

  private handle(item: Pending): void {
    switch (item.kind) {
      case 'action':
        this.mix(`action ${item.label}`);
        item.run();
        return;
      case 'deliver': {
        const to = this.node(item.to);
        if (to.state === null || !this.linkUp(item.from, item.to)) return;
        this.apply(to, { type: 'Message', nowMs: this.nowMs, from: item.from, message: item.message });
        return;
      }
      case 'timer': {
        const to = this.node(item.to);
        if (to.state === null || to.incarnation !== item.incarnation) return;
        this.apply(to, { type: 'Timer', nowMs: this.nowMs, timer: item.timer });
        return;
      }
      case 'detect':
        return this.detect(item);
      case 'witness':
        return this.answerWitness(item);
    }
  }

  private detect(item: Extract<Pending, { kind: 'detect' }>): void {
    const node = this.node(item.to);
    if (node.state === null || node.incarnation !== item.incarnation) return;
    const current = this.mutual(item.to, item.peer);
    if ((node.told.get(item.peer) ?? false) === current) return;
    node.told.set(item.peer, current);
    this.apply(node, { type: current ? 'PeerConnected' : 'PeerLost', nowMs: this.nowMs, peer: item.peer });
  }

  private holderRunning(): boolean {
    return this.witness.holder !== null && this.running(this.witness.holder);
  }

  private answerWitness(item: Extract<Pending, { kind: 'witness' }>): void {
    const node = this.node(item.to);
    if (node.state === null || node.incarnation !== item.incarnation) return;
    const { recorded, holder } = this.witness;
    // The set knows the view the witness last helped make, or it is that view's leader trying
    // again from no older a view (it never installed it: a leader installs its view first).
    const tagOk =
      recorded === null ||
      item.previousViewNumber >= recorded.viewNumber ||
      (item.coordinator === recorded.coordinator && item.previousViewNumber >= recorded.previousViewNumber);
    const defended = holder !== null && !item.members.includes(holder) && this.holderRunning();
    const won = tagOk && !defended;
    if (won) {
      this.witness.recorded = { viewNumber: item.viewNumber, coordinator: item.coordinator, previousViewNumber: item.previousViewNumber };
      this.witness.holder = item.coordinator;
    }
    this.apply(node, { type: 'WitnessArbitrated', nowMs: this.nowMs, arbitrationId: item.arbitrationId, won });
  }

  // ---- one step and its outputs -------------------------------------------------------------

  private mix(line: string): void {
    let h = this.traceHash;
    const text = `${this.nowMs} ${line}`;
    for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
    this.traceHash = h;
  }

  private apply(node: SimNode, input: RegroupInput): void {
    if (++this.steps > this.stepsMax) throw new RegroupViolation(`more than ${this.stepsMax} steps: the run does not settle (seed ${this.seed})`);
    const state = node.state;
    if (state === null) return;
    this.mix(`${node.name} ${input.type}${input.type === 'Message' ? ` ${input.message.type} from ${input.from}` : ''}`);
    const result = stepRegroupNode(state, input);
    node.state = result.state;
    if (result.persist) node.persisted = persistedOf(result.state);
    for (const { to, message } of result.outbox) this.send(node.name, to, message);
    for (const { delayMs, timer } of result.timers) this.push({ kind: 'timer', to: node.name, incarnation: node.incarnation, timer }, this.nowMs + delayMs);
    for (const event of result.events) this.record(node, event);
    for (const decision of result.decisions) this.carryOut(node, decision);
    checkRegroupInvariants(result.state);
    this.checkNoSplitBrain();
    this.onStep?.(node.name, input);
  }

  private send(from: string, to: string, message: RegroupMessage): void {
    if (this.o.validateMessages) RegroupMessageSchema.parse(message);
    if (!this.linkUp(from, to)) return;
    if (this.filter !== undefined && !this.filter(from, to, message)) return;
    if (this.o.dropNumerator > 0 && this.prng.chance(this.o.dropNumerator, this.o.dropDenominator)) return;
    const latencyMs = this.prng.between(this.o.latencyMsMin, this.o.latencyMsMax);
    this.push({ kind: 'deliver', to, from, message: cloneData(message) }, this.nowMs + latencyMs);
  }

  private record(node: SimNode, event: RegroupEvent): void {
    this.events.push({ atMs: this.nowMs, node: node.name, event });
    if (event.type !== 'RegroupPruned') return;
    for (const a of event.kept) {
      for (const b of event.kept) {
        if (a !== b && !(event.connectivity[a]?.includes(b) && event.connectivity[b]?.includes(a))) {
          this.fail(`view ${event.viewNumber} by ${event.coordinator} kept ${event.kept.join(',')} but ${a} and ${b} are not mutually connected in its reports`);
        }
      }
    }
    this.prunedKept.set(`${event.viewNumber}@${event.coordinator}`, event.kept.join(','));
  }

  private carryOut(node: SimNode, decision: RegroupDecision): void {
    this.decisions.push({ atMs: this.nowMs, node: node.name, decision });
    switch (decision.type) {
      case 'ViewInstalled': {
        const { view } = decision;
        const key = view.members.map((m) => m.name).join(',');
        const known = this.viewsByNumber.get(view.number);
        if (known !== undefined && known !== key) this.fail(`agreement: ${node.name} installed view ${view.number} as {${key}}, another node as {${known}}`);
        this.viewsByNumber.set(view.number, key);
        if (view.coordinator === node.name && this.prunedKept.get(`${view.number}@${node.name}`) !== key) {
          this.fail(`leader ${node.name} installed view ${view.number} {${key}}, not the set it pruned to {${this.prunedKept.get(`${view.number}@${node.name}`)}}`);
        }
        return;
      }
      case 'StopClusterService':
        return;
      case 'ArbitrateWitness': {
        if (!this.witness.reachable) return;
        const delayMs = this.prng.between(this.o.arbitrationMsMin, this.o.arbitrationMsMax);
        const { arbitrationId, viewNumber, previousViewNumber, coordinator, members } = decision;
        this.push({ kind: 'witness', to: node.name, incarnation: node.incarnation, arbitrationId, viewNumber, previousViewNumber, coordinator, members }, this.nowMs + delayMs);
        return;
      }
    }
  }

  /** Throws when two running nodes hold views with disjoint member sets. */
  checkNoSplitBrain(): void {
    const running = this.nodes.filter((n) => n.state?.role.role === 'Member');
    for (let i = 0; i < running.length; i++) {
      for (let j = i + 1; j < running.length; j++) {
        const a = this.viewOf((running[i] as SimNode).name) as View;
        const b = this.viewOf((running[j] as SimNode).name) as View;
        if (a.number === b.number) continue;
        if (!a.members.some((m) => b.members.some((n) => n.name === m.name))) {
          const names = (v: View) => v.members.map((m) => m.name).join(',');
          this.fail(`split brain: ${(running[i] as SimNode).name} runs view ${a.number} {${names(a)}} and ${(running[j] as SimNode).name} runs view ${b.number} {${names(b)}}, disjoint`);
        }
      }
    }
  }

  fail(message: string): never {
    throw new RegroupViolation(`${message} (seed=${this.seed}, at ${this.nowMs} ms)`);
  }

  // ---- questions for tests ------------------------------------------------------------------

  /** Null when every node runs the same view of all nodes; else the reason it does not. */
  pending(): string | null {
    const all = this.nodes.map((n) => n.name).join(',');
    for (const node of this.nodes) {
      if (node.state === null) return `${node.name} is down`;
      const view = this.viewOf(node.name);
      if (view === null) return `${node.name} is ${node.state.role.role}`;
      const members = view.members.map((m) => m.name).join(',');
      if (members !== all) return `${node.name} runs view ${view.number} of {${members}}`;
    }
    const numbers = new Set(this.nodes.map((n) => this.viewOf(n.name)?.number));
    return numbers.size === 1 ? null : `nodes run different views: ${[...numbers].join(', ')}`;
  }

  eventsOf<T extends RegroupEvent['type']>(type: T, node?: string): (RecordedEvent & { event: Extract<RegroupEvent, { type: T }> })[] {
    return this.events.filter((e): e is RecordedEvent & { event: Extract<RegroupEvent, { type: T }> } => e.event.type === type && (node === undefined || e.node === node));
  }

  stopsOf(node: string): Extract<RegroupDecision, { type: 'StopClusterService' }>[] {
    return this.decisions.filter((d) => d.node === node && d.decision.type === 'StopClusterService').map((d) => d.decision as Extract<RegroupDecision, { type: 'StopClusterService' }>);
  }
}
