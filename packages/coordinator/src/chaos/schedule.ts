// The chaos run's fault schedule, drawn from a seed (STYLE 15, 16): only faults the real world has
// (a node's worker killed and started again, the storage target's or the directory's worker killed
// and started again, a node paused, a partition, a NIC down, a storage path down, frame loss on a
// network), each with a start and a duration, and never more than the cluster claims to survive:
// at no moment are more nodes impaired (killed, paused, cut off, without storage) than quorum
// survives (quorum.ts). A node counts as impaired for `settleMs` after its fault ends too, because a
// restarted or resumed node needs a while to rejoin. The schedule is pure: same inputs, same list.
import type { Prng } from '@wsfc-lab/protocol';
import { impairedNodesMax, type QuorumShape } from './quorum.js';

export const chaosFaultKinds = ['nodeKill', 'storageKill', 'directoryKill', 'pause', 'partition', 'nicDown', 'storagePathDown', 'loss'] as const;
export type ChaosFaultKind = (typeof chaosFaultKinds)[number];

export type ChaosFault =
  | { kind: 'nodeKill'; node: string }
  | { kind: 'storageKill' }
  | { kind: 'directoryKill' }
  | { kind: 'pause'; node: string }
  | { kind: 'partition'; minority: string[] }
  | { kind: 'nicDown'; node: string; network: string }
  | { kind: 'storagePathDown'; node: string }
  | { kind: 'loss'; network: string; percent: number };

export interface ScheduledFault {
  atMs: number;
  durationMs: number;
  fault: ChaosFault;
}

export interface Topology extends QuorumShape {
  nodes: readonly string[];
  networks: readonly string[];
}

/** How often each kind is drawn (integer weights), and the spans the schedule draws from. */
export interface FaultRates {
  weights: Record<ChaosFaultKind, number>;
  gapMsMin: number;
  gapMsMax: number;
  durationMsMin: number;
  durationMsMax: number;
  lossPercentMax: number;
}

export type ChaosBudget = { kind: 'kills'; kills: number } | { kind: 'duration'; durationMs: number };

export interface ScheduleOptions {
  prng: Prng;
  topology: Topology;
  budget: ChaosBudget;
  rates: FaultRates;
  /** When the first fault may start, in simulated ms after the cluster is up. */
  startMs?: number;
  /** A node stays counted as impaired this long after its fault ends (rejoin time). Default 20 s. */
  settleMs?: number;
}

export const defaultFaultRates: FaultRates = {
  weights: { nodeKill: 4, storageKill: 1, directoryKill: 1, pause: 2, partition: 2, nicDown: 2, storagePathDown: 2, loss: 1 },
  gapMsMin: 5_000,
  gapMsMax: 20_000,
  durationMsMin: 3_000,
  durationMsMax: 30_000,
  lossPercentMax: 20,
};

export const defaultSettleMs = 20_000;
/** Faults the schedule may draw at most, whatever the budget (a bound, STYLE 7). */
export const scheduledFaultsMax = 1000;

export const isKill = (fault: ChaosFault): boolean => fault.kind === 'nodeKill' || fault.kind === 'storageKill' || fault.kind === 'directoryKill';

/** The nodes a fault takes out of the cluster's reach while it lasts. */
export function impairedBy(fault: ChaosFault): string[] {
  switch (fault.kind) {
    case 'nodeKill':
    case 'pause':
    case 'nicDown':
    case 'storagePathDown':
      return [fault.node];
    case 'partition':
      return [...fault.minority];
    case 'storageKill':
    case 'directoryKill':
    case 'loss':
      return [];
  }
}

/** What a fault holds exclusively while it lasts: one fault per machine, one loss per network, one partition. */
function claims(fault: ChaosFault): string[] {
  switch (fault.kind) {
    case 'storageKill':
      return ['machine:storage'];
    case 'directoryKill':
      return ['machine:directory'];
    case 'partition':
      return ['partition', ...fault.minority.map((n) => `machine:${n}`)];
    case 'loss':
      return [`loss:${fault.network}`];
    default:
      return impairedBy(fault).map((n) => `machine:${n}`);
  }
}

/** Whether the faults active together keep within what quorum survives. */
export function withinQuorum(active: readonly ChaosFault[], topology: Topology): boolean {
  const impaired = new Set(active.flatMap(impairedBy));
  const witnessUp = !active.some((f) => f.kind === 'storageKill');
  return impaired.size <= impairedNodesMax(topology, { witnessUp });
}

/** The faults whose (settled) span covers `atMs`. */
export function activeAt(schedule: readonly ScheduledFault[], atMs: number, settleMs: number): ScheduledFault[] {
  return schedule.filter((s) => s.atMs <= atMs && atMs < s.atMs + s.durationMs + settleMs);
}

function drawFault(kind: ChaosFaultKind, o: { prng: Prng; topology: Topology; free: string[]; rates: FaultRates; room: number }): ChaosFault | undefined {
  const { prng, topology, free } = o;
  switch (kind) {
    case 'nodeKill':
    case 'pause':
    case 'storagePathDown':
      return free.length === 0 ? undefined : { kind, node: prng.pick(free) };
    case 'nicDown':
      return free.length === 0 ? undefined : { kind, node: prng.pick(free), network: prng.pick(topology.networks) };
    case 'partition': {
      const size = Math.min(o.room, free.length, topology.nodes.length - 1);
      return size < 1 ? undefined : { kind, minority: prng.shuffle([...free]).slice(0, prng.between(1, size)).sort() };
    }
    case 'storageKill':
    case 'directoryKill':
      return { kind };
    case 'loss':
      return { kind, network: prng.pick(topology.networks), percent: prng.between(1, Math.max(1, o.rates.lossPercentMax)) };
  }
}

/** Draws a kind by weight, then a fault of it that fits beside the active ones; tries the other kinds in turn. */
function fittingFault(o: { prng: Prng; topology: Topology; rates: FaultRates; active: readonly ChaosFault[] }): ChaosFault | undefined {
  const { prng, topology, rates, active } = o;
  const held = new Set(active.flatMap(claims));
  const free = topology.nodes.filter((n) => !held.has(`machine:${n}`));
  const room = impairedNodesMax(topology, { witnessUp: !active.some((f) => f.kind === 'storageKill') }) - new Set(active.flatMap(impairedBy)).size;
  const weighted = chaosFaultKinds.flatMap((kind) => Array.from({ length: Math.max(0, rates.weights[kind]) }, () => kind));
  if (weighted.length === 0) return undefined;
  const first = prng.pick(weighted);
  const order = [first, ...prng.shuffle(chaosFaultKinds.filter((k) => k !== first && rates.weights[k] > 0))];
  for (const kind of order) {
    const fault = drawFault(kind, { prng, topology, free, rates, room });
    if (fault === undefined || claims(fault).some((c) => held.has(c))) continue;
    if (withinQuorum([...active, fault], topology)) return fault;
  }
  return undefined;
}

const budgetSpent = (budget: ChaosBudget, schedule: readonly ScheduledFault[], atMs: number): boolean =>
  budget.kind === 'kills' ? schedule.filter((s) => isKill(s.fault)).length >= budget.kills : atMs >= budget.durationMs;

/** The schedule for one run: faults in start order, none breaking the quorum rule. */
export function drawSchedule(o: ScheduleOptions): ScheduledFault[] {
  const { prng, topology, budget, rates } = o;
  const settleMs = o.settleMs ?? defaultSettleMs;
  const schedule: ScheduledFault[] = [];
  let atMs = o.startMs ?? 0;
  // A kills budget needs kinds that kill: without them the loop would only ever stop at the bound.
  const killsPossible = rates.weights.nodeKill + rates.weights.storageKill + rates.weights.directoryKill > 0;
  for (let draws = 0; draws < scheduledFaultsMax * 4 && schedule.length < scheduledFaultsMax; draws++) {
    if (budgetSpent(budget, schedule, atMs - (o.startMs ?? 0)) || (budget.kind === 'kills' && !killsPossible)) break;
    const active = activeAt(schedule, atMs, settleMs).map((s) => s.fault);
    const fault = fittingFault({ prng, topology, rates, active });
    if (fault !== undefined) {
      let durationMs = prng.between(rates.durationMsMin, rates.durationMsMax);
      if (budget.kind === 'duration') durationMs = Math.min(durationMs, Math.max(1, (o.startMs ?? 0) + budget.durationMs - atMs));
      schedule.push({ atMs, durationMs, fault });
    }
    atMs += prng.between(rates.gapMsMin, rates.gapMsMax);
  }
  return schedule;
}

/** Every moment the schedule breaks its rule, in words (empty when it keeps it); for tests and asserts. */
export function scheduleBreaches(schedule: readonly ScheduledFault[], topology: Topology, settleMs = defaultSettleMs): string[] {
  const breaches: string[] = [];
  for (const s of schedule) {
    const active = activeAt(schedule, s.atMs, settleMs);
    if (!withinQuorum(active.map((a) => a.fault), topology)) breaches.push(`at ${s.atMs} ms: ${active.map((a) => describeFault(a.fault)).join(', ')} exceed what quorum survives`);
    const held = active.flatMap((a) => claims(a.fault));
    if (new Set(held).size !== held.length) breaches.push(`at ${s.atMs} ms: two faults on one machine or network (${held.join(', ')})`);
  }
  return breaches;
}

export function describeFault(fault: ChaosFault): string {
  switch (fault.kind) {
    case 'nodeKill':
      return `kill ${fault.node}`;
    case 'storageKill':
      return 'kill the storage target';
    case 'directoryKill':
      return 'kill the directory';
    case 'pause':
      return `pause ${fault.node}`;
    case 'partition':
      return `partition ${fault.minority.join('+')} from the rest`;
    case 'nicDown':
      return `${fault.node} NIC down on ${fault.network}`;
    case 'storagePathDown':
      return `${fault.node} storage path down`;
    case 'loss':
      return `${fault.percent}% loss on ${fault.network}`;
  }
}
