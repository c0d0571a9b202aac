// Which disks a scenario makes Cluster Shared Volumes, for the one-writer checker's CSV exception:
// the lab file's `cluster.csv`, and the disk of every Add-ClusterSharedVolume step that is not
// expected to fail (`-Name X`, its first positional argument, or the resource piped into it:
// `Get-ClusterResource X | Add-ClusterSharedVolume`). [lab gap] The history has no event for a disk
// becoming a CSV; a node-agent event would make this exact for chaos runs and interactive labs.
import type { CmdletCall } from '../cmdlets/parse.js';
import type { ScenarioSpec } from '../config/mod.js';

const nameOf = (call: CmdletCall): unknown => call.parameters['Name'] ?? call.positional[0];

export function csvDisksOf(scenario: Pick<ScenarioSpec, 'lab' | 'steps'>): string[] {
  const disks = [...(scenario.lab.cluster?.csv ?? [])];
  for (const step of scenario.steps) {
    if (step.kind !== 'run' || step.expectError !== undefined) continue;
    const stages = [step.command, ...step.command.pipeline];
    const add = stages.findIndex((s) => s.name.toLowerCase() === 'add-clustersharedvolume');
    if (add < 0) continue;
    const name = nameOf(stages[add]!) ?? (add > 0 ? nameOf(stages[0]!) : undefined);
    if (typeof name === 'string') disks.push(name);
  }
  return disks;
}
