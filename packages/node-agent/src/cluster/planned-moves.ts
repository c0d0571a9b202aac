// A move of a VM role is carried out by its owner, who alone controls the VM: the record
// Cluster/PlannedMoves/<group> = "<target>;<how>" asks it. A node that does not own the role (the
// leader's failback, Resume-ClusterNode -Failback Immediate, a cmdlet answered elsewhere) writes it;
// the owner then live-migrates (drained VMs come back this way, facts §5.2), quick-migrates (save,
// move, restore: what Move-ClusterGroup does to a VM role, facts §6.5), or shuts the VM down or turns
// it off and only then hands the role over, so the VM never runs on two nodes. A role without a
// running VM is simply handed over. The owner clears the record once the role is on its target, or
// when the move cannot be made.
import { perVersion, type DbChange } from '../gum/mod.js';
import type { ClusterObjects } from '../resources/mod.js';
import { requestMigration } from '../hyperv/migration-source.js';
import { stopVm } from '../hyperv/vms.js';
import { handOver } from './rcm.js';
import type { ClusterHost, ClusterState } from './types.js';

const prefix = 'Cluster/PlannedMoves/';
export const plannedMovePath = (group: string) => `${prefix}${group}`;

export type PlannedMoveType = 'Live' | 'Quick' | 'Shutdown' | 'TurnOff';
const moveTypes: readonly PlannedMoveType[] = ['Live', 'Quick', 'Shutdown', 'TurnOff'];

function parse(value: string): { target: string; how: PlannedMoveType } {
  const [target = '', how = 'Live'] = value.split(';');
  return { target, how: moveTypes.find((t) => t === how) ?? 'Live' };
}

/** The move of `group` to `target`: for a VM role, a planned move its owner carries out; otherwise the hand-over itself. */
export function planMove(objects: ClusterObjects, group: string, target: string, changes: DbChange[], how: PlannedMoveType = 'Live'): void {
  const g = objects.groups.find((x) => x.name === group);
  if (g?.groupType === 'VirtualMachine') changes.push({ op: 'SetValue', path: plannedMovePath(group), value: `${target};${how}` });
  else handOver(objects, group, target);
}

/** The VM holds its host (it is anything but Off or Saved): it may not start anywhere else yet. */
export function vmActive(state: string | undefined): boolean {
  return state !== undefined && state !== 'Off' && state !== 'Saved';
}

/** The owner's part of a reconcile: start what is planned for its roles, and clear what is done. */
export function carryOutPlannedMoves(state: ClusterState, host: ClusterHost, objects: ClusterObjects): DbChange[] {
  const self = state.config.name;
  const changes: DbChange[] = [];
  const entries = state.gum.copy.entries;
  const planned = perVersion(entries, 'plannedMoves', () => Object.entries(entries).filter(([path, value]) => path.startsWith(prefix) && typeof value === 'string'));
  for (const [path, value] of planned) {
    if (typeof value !== 'string') continue;
    const name = path.slice(prefix.length);
    const group = objects.groups.find((g) => g.name === name);
    const { target, how } = parse(value);
    if (!group || target === group.ownerNode || state.rcm.failedMoves.includes(name)) {
      changes.push({ op: 'DeleteValue', path });
      continue;
    }
    if (group.ownerNode === self) carryOut(state, host, objects, name, target, how);
  }
  return changes;
}

function carryOut(state: ClusterState, host: ClusterHost, objects: ClusterObjects, group: string, target: string, how: PlannedMoveType): void {
  const h = host.hyperv.state;
  if (h.outgoing.some((m) => m.group === group)) return;
  const vm = h.vms[group];
  if (how === 'Live' || how === 'Quick') {
    moveOwnedRole(host, objects, group, target, how);
    return;
  }
  // Shutdown / TurnOff: the VM stops here first; the role moves once it is off, and boots cold there.
  if (vm && vm.state !== 'Off' && vm.state !== 'Saved') {
    if (vm.state !== 'Stopping' || how === 'TurnOff') stopVm(h, host.hyperv.host.io, vm, how);
    return;
  }
  handOver(objects, group, target);
}

/**
 * This node's role `group` goes to `target` the way its VM allows: a running VM by migration
 * (`how`), a VM still starting, saving or stopping waits (it never starts there while it holds this
 * host), anything else is handed over by the reconcile's diff. False while it waits.
 */
export function moveOwnedRole(host: ClusterHost, objects: ClusterObjects, group: string, target: string, how: 'Live' | 'Quick'): boolean {
  const h = host.hyperv.state;
  const vm = objects.groups.find((g) => g.name === group)?.groupType === 'VirtualMachine' ? h.vms[group] : undefined;
  if (vm?.state === 'Running' && requestMigration(h, host.hyperv.host, { vm: group, destination: target, migrationType: how, group }).ok) return true;
  if (vmActive(vm?.state)) return false;
  handOver(objects, group, target);
  return true;
}
