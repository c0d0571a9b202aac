// What one chaos run needs before it starts, from its seed: the lab (a lab file, the default lab,
// or the seed's world), its topology as the schedule sees it, and the schedule. Drawing it once here
// means a single run, a swarm seed, its determinism re-run and its replay all get the same plan.
import { Prng } from '@wsfc-lab/protocol';
import type { LabSpec } from '../config/mod.js';
import { defaultFaultRates, drawSchedule, type ChaosBudget, type FaultRates, type ScheduledFault, type Topology } from './schedule.js';
import { describeWorld, drawWorld, worldLab } from './world.js';

export interface ChaosPlanOptions {
  seed: number;
  /** A lab to run; absent: the seed draws a world. */
  spec?: LabSpec;
  budget: ChaosBudget;
  rates?: FaultRates;
}

export interface ChaosPlan {
  spec: LabSpec;
  topology: Topology;
  schedule: ScheduledFault[];
  lossPercent: number;
  /** What the seed drew (STYLE 14). */
  drawn: string;
}

export function topologyOf(spec: LabSpec): Topology {
  const witness = spec.cluster?.witness.type ?? 'None';
  return { nodes: spec.nodes.map((n) => n.name), networks: spec.networks.map((n) => n.name), witness: witness === 'None' || witness === 'Disk' ? witness : 'Other' };
}

export function planRun(o: ChaosPlanOptions): ChaosPlan {
  const world = o.spec === undefined ? drawWorld(o.seed) : undefined;
  const spec = o.spec ?? worldLab(world!);
  const rates = o.rates ?? world?.rates ?? defaultFaultRates;
  const topology = topologyOf(spec);
  const schedule = drawSchedule({ prng: new Prng(o.seed, 'chaos-schedule'), topology, budget: o.budget, rates });
  const budget = o.budget.kind === 'kills' ? `kills=${o.budget.kills}` : `durationMs=${o.budget.durationMs}`;
  const drawn = world ? `${describeWorld(world)} ${budget} faults=${schedule.length}` : `seed=${o.seed} nodes=${topology.nodes.length} ${budget} faults=${schedule.length}`;
  return { spec, topology, schedule, lossPercent: world?.lossPercent ?? 0, drawn };
}
