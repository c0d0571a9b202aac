// A (shrunk) schedule written out as a scenario file (spec "A scenario"): wait until the faults
// began in the chaos run, then each fault's start and end as `fault:` steps with `wait:` between,
// the run's background frame loss first, a heal, and an `expect` per role that can run: Online within the bound. It runs with
// `pnpm lab run FILE`, and its checkers read the history as the chaos run's did. It is close to the
// run, not the same history: the chaos runner's polling reads are not in it.
import { stringify } from 'yaml';
import type { Fault } from '../config/mod.js';
import { asScenarioFaults } from './apply.js';
import type { ScheduledFault } from './schedule.js';
import { timelineOf } from './timeline.js';

export interface ScenarioFileOptions {
  name: string;
  /** `default`, a lab file's path, or an inline lab file object. */
  lab: string | Record<string, unknown>;
  seed: number;
  schedule: readonly ScheduledFault[];
  /** Simulated ms after the start at which the chaos run began its faults. */
  faultsStartMs: number;
  boundMs: number;
  lossPercent: number;
  nodes: readonly string[];
  /** The lab's networks: the run's background loss is on each of them while the faults run. */
  networks: readonly string[];
  roles: readonly string[];
}

function faultStep(fault: Fault): Record<string, unknown> {
  switch (fault.kind) {
    case 'kill':
    case 'restart':
      return { [fault.kind]: fault.target };
    case 'pause':
      return { pause: fault.target, for: `${fault.forMs}ms` };
    case 'partition':
      return { partition: fault.groups };
    case 'heal':
      return { heal: 'all' };
    case 'nicDown':
    case 'nicUp':
      return { [fault.kind]: { node: fault.node, network: fault.network } };
    case 'storagePathDown':
    case 'storagePathUp':
      return { [fault.kind]: fault.node };
    case 'loss':
      return { loss: { network: fault.network, percent: fault.percent } };
  }
}

export function scenarioText(o: ScenarioFileOptions): string {
  const steps: Record<string, unknown>[] = [{ wait: `${Math.round(o.faultsStartMs)}ms` }];
  if (o.lossPercent > 0) for (const network of o.networks) steps.push({ fault: { loss: { network, percent: o.lossPercent } } });
  const lab = { nodes: [...o.nodes], storageTarget: 'host', directory: 'dc01' };
  let nowMs = 0;
  for (const action of timelineOf(o.schedule)) {
    const scheduled = o.schedule[action.index]!;
    const pair = asScenarioFaults(scheduled.fault, { durationMs: scheduled.durationMs, baseLossPercent: o.lossPercent, lab });
    const fault = action.edge === 'start' ? pair.start : pair.end;
    if (fault === undefined) continue;
    if (action.atMs > nowMs) steps.push({ wait: `${Math.round(action.atMs - nowMs)}ms` });
    nowMs = Math.max(nowMs, action.atMs);
    steps.push({ fault: faultStep(fault) });
  }
  steps.push({ fault: { heal: 'all' } });
  for (const role of o.roles) steps.push({ expect: { group: role, State: 'Online', within: `${o.boundMs}ms` } });
  return `# Written by pnpm chaos: the ${o.schedule.length} fault(s) left after shrinking, seed ${o.seed}.\n${stringify({ name: o.name, lab: o.lab, runtime: 'sim', seed: o.seed, steps })}`;
}
