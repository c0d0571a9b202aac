// One chaos run (issue 7 item 1, STYLE 15): start the lab, wait until every node is Up and every
// role Online, apply the schedule's faults in time order (each started and, after its duration,
// undone), then heal everything (fabric healed, every dead worker started again) and require the
// cluster back within a bound. After each fault ends the runner polls the cluster (Get-ClusterNode,
// Get-ClusterGroup every `pollMs`) until every node is Up and every role that can run is Online:
// that span is the fault's recovery time. While the faults run, a workload writes numbered blocks
// to the roles' disks through their owners (workload.ts); once the cluster is back they are read
// back. At the end the checkers read the whole history, with the liveness input read at the end and
// the workload's acknowledgements and read-back. The same code runs on sim and threads; the runtime
// does the waiting.
import { runCheckers, type FinalReads } from '../checkers/mod.js';
import type { Violation } from '../scenario/report.js';
import type { LabSpec } from '../config/mod.js';
import { createLab, type LabInstance } from '../lab/start-lab.js';
import { historyHash } from '../observe/history-hash.js';
import type { RuntimeName } from '../runtime/runtime.js';
import { SimAssertionError, SimRuntime } from '../runtime/sim/sim-runtime.js';
import { allSeeAllUp, benchDataDirectory, wallNowMs } from '../bench/lab-helpers.js';
import { endFault, startFault, type FaultTarget } from './apply.js';
import { readStatus, type ClusterStatus } from './recovery.js';
import { describeFault, isKill, type ScheduledFault } from './schedule.js';
import { timelineOf } from './timeline.js';
import { BlockWorkload, workloadSettings } from './workload.js';

export interface ChaosRunOptions {
  spec: LabSpec;
  runtime: RuntimeName;
  seed: number;
  schedule: readonly ScheduledFault[];
  /** Simulated ms the cluster has after the heal to bring everything back. */
  boundMs: number;
  /** threads: wall ms per simulated ms. */
  timeScale: number;
  /** Frame loss on every network while the faults run (healing sets it to 0). */
  lossPercent?: number;
  /** Told each line as it happens (faults, recoveries). */
  onLine?: (line: string) => void;
  /** sim: activate the actors' fault sites from the seed (default true in sim, as FoundationDB's simulator does). */
  buggify?: boolean;
}

/** A fault site the run met (sim): active for this seed or not, and how often it fired. */
export interface FaultSiteCoverage {
  site: string;
  active: boolean;
  fired: number;
}

export interface FaultOutcome {
  scheduled: ScheduledFault;
  /** Simulated ms from the fault's end to the cluster recovered, or null (not before the next fault's end or the heal). */
  recoveryMs: number | null;
  detail: string;
}

export interface ChaosRunResult {
  seed: number;
  runtime: RuntimeName;
  faults: FaultOutcome[];
  kills: number;
  killsSurvived: number;
  faultsStartMs: number;
  healAtMs: number;
  /** Simulated ms from the heal to the cluster recovered, or null when it did not within the bound. */
  healRecoveryMs: number | null;
  worstRecoveryMs: number | null;
  violations: Violation[];
  /** Workload writes their node answered GOOD, and blocks read back after the heal (workload.ts). */
  writesAcknowledged: number;
  blocksReadBack: number;
  finalStatus: ClusterStatus | null;
  historyHash: string;
  historyEntries: number;
  /** sim: the fault sites the actors queried, and which fired (empty in threads). */
  faultSites: FaultSiteCoverage[];
  simulatedMs: number;
  wallMs: number;
}

/** Simulated ms the lab may take to form and bring its roles online. */
export const bootDeadlineMs = 180_000;
/** How often a recovering cluster is read, in simulated ms. */
export const pollMs = 1_000;
/** threads: how long the cluster must stay recovered before the final read (a sim run waits out the bound). */
const threadsStableMs = 10_000;

const at = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

class ChaosRun {
  readonly outcomes: FaultOutcome[];
  private recovering: { index: number; endedAtMs: number }[] = [];
  /** When the first fault's clock began (the cluster was up), in simulated ms. */
  faultsStartMs = 0;
  /** Why the cluster had not recovered at the last read. */
  lastPending: string | null = null;
  private readonly target: FaultTarget;
  readonly workload: BlockWorkload;
  /** The workload writes while the faults run (from the first fault to the heal). */
  private writing = false;
  private nextWriteAtMs = 0;

  constructor(
    readonly o: ChaosRunOptions,
    readonly lab: LabInstance,
  ) {
    this.outcomes = o.schedule.map((scheduled) => ({ scheduled, recoveryMs: null, detail: '' }));
    this.target = { runtime: lab.runtime, lab: lab.built, baseLossPercent: () => o.lossPercent ?? 0 };
    this.workload = new BlockWorkload(lab.runtime, workloadDisks(o.spec), lab.built.nodes);
  }

  /** Lets simulated time pass to `untilMs`, writing the workload's blocks on the way while the faults run. */
  private async runTo(untilMs: number): Promise<void> {
    const { runtime } = this.lab;
    while (this.writing && this.workload.active && this.nextWriteAtMs < untilMs) {
      await runtime.runUntil(() => false, this.nextWriteAtMs);
      this.workload.tick();
      this.nextWriteAtMs += workloadSettings.intervalMs;
    }
    await runtime.runUntil(() => false, untilMs);
  }

  private get ctx() {
    return { runtime: this.lab.runtime, view: this.lab.view, lab: this.lab.built };
  }

  private say(line: string): void {
    this.o.onLine?.(line);
  }

  /** Reads the cluster every pollMs until `untilMs` or it is recovered; the time it was seen recovered, or null. */
  async pollUntil(untilMs: number): Promise<number | null> {
    const { runtime } = this.lab;
    for (;;) {
      const status = await readStatus(this.ctx, { withResources: false });
      this.lastPending = status.pending;
      if (status.pending === null) return runtime.nowMs();
      if (runtime.nowMs() + pollMs >= untilMs) break;
      await this.runTo(runtime.nowMs() + pollMs);
    }
    await this.runTo(untilMs);
    return null;
  }

  async boot(): Promise<string | null> {
    const { runtime, built } = this.lab;
    await runtime.start();
    if (!(await runtime.runUntil(allSeeAllUp(this.lab.view, built.nodes), bootDeadlineMs))) return `not every node saw every node Up within ${bootDeadlineMs} ms`;
    if ((await this.pollUntil(bootDeadlineMs)) === null) return `the cluster did not recover by ${bootDeadlineMs} ms: ${(await readStatus(this.ctx, { withResources: false })).pending ?? ''}`;
    if ((this.o.lossPercent ?? 0) > 0) runtime.updateFabric((f) => f.snapshot().networks.forEach((n) => f.setLoss(n.name, this.o.lossPercent ?? 0)));
    return null;
  }

  /** Lets time pass to `untilMs`, measuring the recovery of the faults that ended. */
  async advanceTo(untilMs: number): Promise<void> {
    const { runtime } = this.lab;
    if (this.recovering.length === 0 || runtime.nowMs() >= untilMs) {
      await this.runTo(untilMs);
      return;
    }
    const seenAtMs = await this.pollUntil(untilMs);
    if (seenAtMs === null) {
      this.say(`  not recovered yet at ${at(runtime.nowMs())}: ${this.lastPending ?? ''}`);
      return;
    }
    for (const r of this.recovering) {
      const outcome = this.outcomes[r.index]!;
      outcome.recoveryMs = Math.max(0, seenAtMs - r.endedAtMs);
      this.say(`  ${describeFault(outcome.scheduled.fault)}: recovered ${at(outcome.recoveryMs)} after it ended`);
    }
    this.recovering = [];
    await this.runTo(untilMs);
  }

  async runFaults(): Promise<void> {
    const { runtime } = this.lab;
    const startMs = runtime.nowMs();
    this.faultsStartMs = startMs;
    this.writing = true;
    this.nextWriteAtMs = startMs;
    for (const action of timelineOf(this.o.schedule)) {
      await this.advanceTo(startMs + action.atMs);
      const outcome = this.outcomes[action.index]!;
      const { fault, durationMs } = outcome.scheduled;
      try {
        const words = action.edge === 'start' ? await startFault(fault, { ...this.target, durationMs }) : await endFault(fault, this.target);
        outcome.detail += `${action.edge === 'start' ? '' : '; '}${words}`;
        if (action.edge === 'end') this.recovering.push({ index: action.index, endedAtMs: runtime.nowMs() });
        this.say(`[${at(runtime.nowMs())}] ${action.edge === 'start' ? `${describeFault(fault)} for ${at(durationMs)}` : `end of ${describeFault(fault)}`}: ${words}`);
      } catch (error) {
        if (error instanceof SimAssertionError) throw error;
        outcome.detail += `; ${action.edge} failed: ${error instanceof Error ? error.message : String(error)}`;
        this.say(`[${at(runtime.nowMs())}] ${describeFault(fault)}: ${action.edge} failed: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  }

  /** Heals everything, then waits for the cluster within the bound; the heal time, the recovery and the final read. */
  async heal(): Promise<{ healAtMs: number; recoveryMs: number | null; status: ClusterStatus; finalReads: FinalReads }> {
    const { runtime } = this.lab;
    this.writing = false;
    runtime.updateFabric((f) => f.healAll());
    for (const actor of this.lab.built.actors) if (!runtime.isAlive(actor.id)) await runtime.restart(actor.id);
    const healAtMs = runtime.nowMs();
    this.say(`[${at(healAtMs)}] healed everything`);
    const deadlineMs = healAtMs + this.o.boundMs;
    const seenAtMs = await this.pollUntil(deadlineMs);
    const recoveryMs = seenAtMs === null ? null : seenAtMs - healAtMs;
    for (const r of this.recovering) if (seenAtMs !== null) this.outcomes[r.index]!.recoveryMs = Math.max(0, seenAtMs - r.endedAtMs);
    this.recovering = [];
    const settleUntilMs = this.o.runtime === 'sim' || seenAtMs === null ? deadlineMs : Math.min(deadlineMs, seenAtMs + threadsStableMs);
    await runtime.runUntil(() => false, settleUntilMs);
    const status = await readStatus(this.ctx, { withResources: true });
    return { healAtMs, recoveryMs, status, finalReads: await this.workload.readBack() };
  }
}

/** The disks the workload writes: the roles' clustered disks (not a CSV, not the witness). */
export function workloadDisks(spec: LabSpec): string[] {
  const csv = new Set(spec.cluster?.csv ?? []);
  const witness = spec.cluster?.witness.type === 'Disk' ? spec.cluster.witness.disk : undefined;
  return [...new Set(spec.roles.map((r) => r.disk).filter((d): d is string => d !== undefined && !csv.has(d) && d !== witness))];
}

function nodesNotUp(status: ClusterStatus, atMs: number): Violation[] {
  if (status.nodes.length === 0 && status.pending !== null) return [{ rule: 'cluster-answers-after-heal', detail: `the cluster could not be read at the end: ${status.pending}`, atMs: Math.round(atMs) }];
  return status.nodes.filter((n) => n.State !== 'Up').map((n) => ({ rule: 'nodes-up-after-heal', detail: `${n.Name} is ${n.State} at the end of the bound`, atMs: Math.round(atMs), evidence: { node: n.Name, State: n.State } }));
}

export async function runChaos(o: ChaosRunOptions): Promise<ChaosRunResult> {
  const wallStartMs = wallNowMs();
  const buggify = o.runtime === 'sim' && (o.buggify ?? true);
  const lab = createLab(o.spec, { runtime: o.runtime, seed: o.seed, timeScale: o.timeScale, buggify, ...(o.runtime === 'threads' ? { dataDirectory: benchDataDirectory() } : {}) });
  const run = new ChaosRun(o, lab);
  const violations: Violation[] = [];
  let healed: Awaited<ReturnType<ChaosRun['heal']>> | null = null;
  try {
    const bootProblem = await run.boot();
    if (bootProblem !== null) violations.push({ rule: 'lab-boot', detail: bootProblem, atMs: Math.round(lab.runtime.nowMs()) });
    else {
      await run.runFaults();
      healed = await run.heal();
    }
  } catch (error) {
    if (!(error instanceof SimAssertionError)) throw error;
    violations.push({ rule: 'actor-invariant', detail: error.message, atMs: Math.round(error.atMs) });
  } finally {
    await lab.runtime.stop();
  }
  const history = lab.runtime.history();
  const liveness = healed ? { healAtMs: healed.healAtMs, boundMs: o.boundMs, groups: healed.status.groups, nodes: healed.status.nodes, resources: healed.status.resources } : undefined;
  // A disk no node has online at the end (its role left Failed by its own policy, which the
  // liveness rule judges) cannot be read back: its writes are not counted lost.
  const readable = new Set(Object.keys(healed?.finalReads ?? {}));
  const writes = healed ? { acknowledged: run.workload.acknowledged.filter((w) => readable.has(w.disk)), finalReads: healed.finalReads } : undefined;
  violations.push(...runCheckers(history, { csvDisks: o.spec.cluster?.csv ?? [], ...(liveness ? { liveness } : {}), ...(writes ? { writes } : {}) }));
  if (healed) violations.push(...nodesNotUp(healed.status, healed.healAtMs + o.boundMs));
  const faultSites = lab.runtime instanceof SimRuntime ? lab.runtime.buggify.coverage() : [];
  return summarise({ o, run, healed, violations, history, faultSites, wallMs: wallNowMs() - wallStartMs, simulatedMs: lab.runtime.nowMs() });
}

function summarise(r: { o: ChaosRunOptions; run: ChaosRun; healed: Awaited<ReturnType<ChaosRun['heal']>> | null; violations: Violation[]; history: ReturnType<LabInstance['runtime']['history']>; faultSites: FaultSiteCoverage[]; wallMs: number; simulatedMs: number }): ChaosRunResult {
  const kills = r.run.outcomes.filter((f) => isKill(f.scheduled.fault));
  const recovered = r.healed?.recoveryMs !== null && r.healed !== null && r.violations.length === 0;
  const recoveries = [...r.run.outcomes.map((f) => f.recoveryMs), r.healed?.recoveryMs ?? null].filter((ms): ms is number => ms !== null);
  return {
    seed: r.o.seed,
    runtime: r.o.runtime,
    faults: r.run.outcomes,
    kills: kills.length,
    killsSurvived: recovered ? kills.length : kills.filter((f) => f.recoveryMs !== null).length,
    faultsStartMs: Math.round(r.run.faultsStartMs),
    healAtMs: Math.round(r.healed?.healAtMs ?? Number.NaN),
    healRecoveryMs: r.healed?.recoveryMs === null || r.healed === null ? null : Math.round(r.healed.recoveryMs),
    worstRecoveryMs: recoveries.length === 0 ? null : Math.round(Math.max(...recoveries)),
    violations: r.violations.sort((a, b) => a.atMs - b.atMs),
    writesAcknowledged: r.run.workload.acknowledged.length,
    blocksReadBack: Object.values(r.healed?.finalReads ?? {}).reduce((sum, byLba) => sum + Object.keys(byLba).length, 0),
    finalStatus: r.healed?.status ?? null,
    historyHash: historyHash(r.history),
    historyEntries: r.history.length,
    faultSites: r.faultSites,
    simulatedMs: Math.round(r.simulatedMs),
    wallMs: Math.round(r.wallMs),
  };
}
