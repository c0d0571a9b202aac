// Applies a chaos fault and undoes it, through the runtime (workers) and the fabric (network), as
// the scenario's `fault:` steps do. Each fault has its own undo: the schedule never puts two faults on
// one machine or a network's loss at once, and the one partition is removed by itself, so undoing
// one fault leaves the others in place. `asScenarioFaults` gives the same pair as `fault:` steps, for
// a shrunk schedule written out as a scenario.
import type { Fault } from '../config/mod.js';
import type { BuiltLab } from '../lab/build-lab.js';
import type { Runtime } from '../runtime/runtime.js';
import { applyFault } from '../scenario/faults.js';
import type { ChaosFault } from './schedule.js';

export interface FaultTarget {
  runtime: Runtime;
  lab: BuiltLab;
  /** Each network's loss outside faults (a world's background loss), by network name. */
  baseLossPercent: (network: string) => number;
}

type PartitionLab = Pick<BuiltLab, 'nodes' | 'storageTarget' | 'directory'>;

/** The minority on one side; the other nodes, the storage target and the directory on the other. */
const partitionGroups = (fault: Extract<ChaosFault, { kind: 'partition' }>, lab: PartitionLab): string[][] => [
  fault.minority,
  [...lab.nodes.filter((n) => !fault.minority.includes(n)), lab.storageTarget, lab.directory],
];

/** The fault's start and its end, as scenario faults (the end of a pause is the pause running out). */
export function asScenarioFaults(fault: ChaosFault, o: { durationMs: number; baseLossPercent: number; lab: PartitionLab }): { start: Fault; end: Fault | undefined } {
  switch (fault.kind) {
    case 'nodeKill':
      return { start: { kind: 'kill', target: fault.node }, end: { kind: 'restart', target: fault.node } };
    case 'storageKill':
      return { start: { kind: 'kill', target: 'storage' }, end: { kind: 'restart', target: 'storage' } };
    case 'directoryKill':
      return { start: { kind: 'kill', target: 'directory' }, end: { kind: 'restart', target: 'directory' } };
    case 'pause':
      return { start: { kind: 'pause', target: fault.node, forMs: o.durationMs }, end: undefined };
    case 'partition':
      // A scenario has no step that removes one partition: `heal` ends them all (and NICs, paths, loss).
      return { start: { kind: 'partition', groups: partitionGroups(fault, o.lab) }, end: { kind: 'heal' } };
    case 'nicDown':
      return { start: { kind: 'nicDown', node: fault.node, network: fault.network }, end: { kind: 'nicUp', node: fault.node, network: fault.network } };
    case 'storagePathDown':
      return { start: { kind: 'storagePathDown', node: fault.node }, end: { kind: 'storagePathUp', node: fault.node } };
    case 'loss':
      return { start: { kind: 'loss', network: fault.network, percent: fault.percent }, end: { kind: 'loss', network: fault.network, percent: o.baseLossPercent } };
  }
}

export async function startFault(fault: ChaosFault, o: FaultTarget & { durationMs: number }): Promise<string> {
  if (fault.kind === 'partition') {
    const groups = partitionGroups(fault, o.lab);
    o.runtime.updateFabric((f) => f.partition({ groups }));
    return `partitioned ${fault.minority.join(', ')} from the rest`;
  }
  const loss = fault.kind === 'loss' ? o.baseLossPercent(fault.network) : 0;
  return applyFault(asScenarioFaults(fault, { durationMs: o.durationMs, baseLossPercent: loss, lab: o.lab }).start, o.runtime, o.lab);
}

export async function endFault(fault: ChaosFault, o: FaultTarget): Promise<string> {
  if (fault.kind === 'partition') {
    const groups = JSON.stringify(partitionGroups(fault, o.lab));
    o.runtime.updateFabric((f) => {
      const rules = f.snapshot();
      f.replace({ ...rules, partitions: rules.partitions.filter((p) => JSON.stringify(p.groups) !== groups) });
    });
    return `joined ${fault.minority.join(', ')} to the rest`;
  }
  const loss = fault.kind === 'loss' ? o.baseLossPercent(fault.network) : 0;
  const end = asScenarioFaults(fault, { durationMs: 0, baseLossPercent: loss, lab: o.lab }).end;
  return end === undefined ? 'resumed' : applyFault(end, o.runtime, o.lab);
}
