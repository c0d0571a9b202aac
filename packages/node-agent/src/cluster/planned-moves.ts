// A planned move of a role decided by a node that does not own it (the leader's failback, Resume-
// ClusterNode -Failback Immediate): recorded in the database as Cluster/PlannedMoves/<group> = the
// target, and carried out by the owner, who alone can live-migrate a running VM (facts §5.2: drained
// VMs come back by live migration). A role without a running VM is simply handed over. The owner
// clears the record once the role is on its target, or when the move cannot be made.
import type { DbChange } from '../gum/mod.js';
import type { ClusterObjects } from '../resources/mod.js';
import { requestMigration } from '../hyperv/migration-source.js';
import { handOver } from './rcm.js';
import type { ClusterHost, ClusterState } from './types.js';

const prefix = 'Cluster/PlannedMoves/';
export const plannedMovePath = (group: string) => `${prefix}${group}`;

/** The move of `group` to `target`: for a VM role whose VM runs, a planned move; otherwise the hand-over itself. */
export function planMove(objects: ClusterObjects, group: string, target: string, changes: DbChange[]): void {
  const g = objects.groups.find((x) => x.name === group);
  const vm = objects.resources.find((r) => r.ownerGroup === group && r.resourceType === 'Virtual Machine');
  if (g?.groupType === 'VirtualMachine' && vm?.state === 'Online') changes.push({ op: 'SetValue', path: plannedMovePath(group), value: target });
  else handOver(objects, group, target);
}

/** The owner's part of a reconcile: start what is planned for its roles, and clear what is done. */
export function carryOutPlannedMoves(state: ClusterState, host: ClusterHost, objects: ClusterObjects): DbChange[] {
  const self = state.config.name;
  const h = host.hyperv.state;
  const changes: DbChange[] = [];
  for (const [path, value] of Object.entries(state.gum.copy.entries)) {
    if (!path.startsWith(prefix) || typeof value !== 'string') continue;
    const name = path.slice(prefix.length);
    const group = objects.groups.find((g) => g.name === name);
    if (!group) {
      changes.push({ op: 'DeleteValue', path });
      continue;
    }
    if (group.ownerNode !== self) continue;
    if (value === self || state.rcm.failedMoves.includes(name)) {
      changes.push({ op: 'DeleteValue', path });
      continue;
    }
    if (h.outgoing.some((m) => m.group === name)) continue;
    const asked = h.vms[name]?.state === 'Running' ? requestMigration(h, host.hyperv.host, { vm: name, destination: value, migrationType: 'Live', group: name }) : { ok: false };
    if (!asked.ok) handOver(objects, name, value);
  }
  return changes;
}
