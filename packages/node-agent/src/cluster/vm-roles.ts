// Add-ClusterVirtualMachineRole and Move-ClusterVirtualMachineRole (facts §6.5 [L8]). Making a VM
// highly available needs its files on storage every node reaches: a Cluster Shared Volume or a
// clustered disk in Available Storage. A move is asked of the role's owner, whose Hyper-V host
// migrates it (live or quick) or which takes it offline for a Shutdown/TurnOff move; the cmdlet
// returns when the migration ends, as the real one does.
import type { CmdletError } from '@wsfc-lab/protocol';
import { letterOf } from '../storage/mod.js';
import { availableStorageName, addVirtualMachineRole, clusterGroupView, resourceDefaults, resourceErrors, vmResourceName, type ClusterObjects } from '../resources/mod.js';
import { volumeNumberOf, mountPathOf } from '../csv/volumes.js';
import { namesOf, pick, readClusterForChange, type ClusterCmdlet } from './cmdlet-support.js';
import { proposeAndWait } from './propose-and-wait.js';
import { objectChanges } from './schema.js';
import { placementNodes, propose } from './rcm.js';
import { planMove } from './planned-moves.js';
import type { DbChange } from '../gum/mod.js';
import { decodeObjects } from './schema.js';
import { answerControl } from './vm-resources.js';
import { cancelMigration, requestMigration } from '../hyperv/migration-source.js';
import type { ClusterWork } from './types.js';
import { groupMemoryBytes, withAvailableMemory } from './vm-placement.js';
import { pump, sendAnyway } from './drive.js';
import { whyNodeCannotHost } from '../resources/eligibility.js';
import type { ClusterHost, ClusterState } from './types.js';

const failed = (cmdlet: string, message: string, errorId = 'ClusterVirtualMachineRoleFailed'): CmdletError => ({ category: 'InvalidOperation', errorId, message: `${cmdlet} : ${message}` });

/**
 * The clustered storage holding `path`: a CSV by its mount path (C:\\ClusterStorage\\VolumeN), or a
 * cluster disk in Available Storage by the drive letter it has on this node (its owner), which then
 * joins the VM's role.
 */
export function sharedStorageOf(state: ClusterState, host: ClusterHost, objects: ClusterObjects, path: string): { disk: string; csv: boolean } | undefined {
  const lower = path.toLowerCase();
  const disks = objects.resources.filter((r) => r.resourceType === 'Physical Disk');
  for (const disk of disks) {
    const number = volumeNumberOf(state.gum.copy.entries, disk.name);
    if (number !== undefined && lower.startsWith(`${mountPathOf(number).toLowerCase()}\\`)) return { disk: disk.name, csv: true };
  }
  const letter = /^([a-z]):\\/i.exec(path)?.[1]?.toUpperCase();
  if (letter === undefined) return undefined;
  for (const local of host.storage.disks) {
    const mounted = (local.layout?.partitions ?? []).some((p) => letterOf(local, p, host.storage.mount) === letter);
    const clustered = disks.find((d) => d.name === local.name && d.ownerGroup === availableStorageName);
    if (mounted && clustered) return { disk: clustered.name, csv: false };
  }
  return undefined;
}

const priorityOf = (value: unknown): number => {
  const text = String(value ?? 'Medium').toLowerCase();
  return text === 'high' || text === '3000' ? 3000 : text === 'low' || text === '1000' ? 1000 : text === 'noautostart' || text === '0' ? 0 : 2000;
};

export const addClusterVirtualMachineRole: ClusterCmdlet = (state, call, host) => {
  const cmdlet = 'Add-ClusterVirtualMachineRole';
  const read = readClusterForChange(state, call, host);
  if (!read) return;
  const vmName = namesOf(call, 'VMName')?.[0] ?? namesOf(call, 'VirtualMachine')?.[0];
  if (vmName === undefined) return host.io.reply(call.requestId, { ok: false, error: failed(cmdlet, 'specify the virtual machine with -VMName.', 'MissingArgument') });
  const h = host.hyperv.state;
  const vm = Object.values(h.vms).find((v) => v.config.name.toLowerCase() === vmName.toLowerCase());
  if (!vm) return host.io.reply(call.requestId, { ok: false, error: failed(cmdlet, `There is no virtual machine named '${vmName}' on ${state.config.name}. Run the cmdlet on the VM's host (Invoke-Command -ComputerName <host> { ${cmdlet} -VMName ${vmName} }).`, 'VirtualMachineNotFound') });
  const storage = sharedStorageOf(state, host, read.objects, vm.config.path);
  if (!storage) {
    return host.io.reply(call.requestId, {
      ok: false,
      error: failed(cmdlet, `The virtual machine '${vm.config.name}' cannot be made highly available: its files at '${vm.config.path}' are on storage local to ${state.config.name}, which the other nodes of the cluster cannot reach. Move its storage to a Cluster Shared Volume (C:\\ClusterStorage\\VolumeN) or to a clustered disk in Available Storage first.`, 'VirtualMachineStorageNotShared'),
    });
  }
  const config = { ...vm.config, storage: storage.disk };
  const built = addVirtualMachineRole(read.objects, {
    vm: config,
    ownerNode: state.config.name,
    priority: priorityOf(call.parameters.Priority),
    preferredOwners: [],
    diskJoinsRole: !storage.csv,
    running: vm.state !== 'Off' && vm.state !== 'Saved',
  });
  if (!built.ok) return host.io.reply(call.requestId, { ok: false, error: built.error });
  vm.config = { ...config, clustered: true };
  const group = built.value.groups.find((g) => g.name === vm.config.name)!;
  const output = clusterGroupView({ ...group, state: group.properties.PersistentState === 1 ? 'Online' : 'Offline' }, { clusterName: read.identity.name });
  const waitFor = group.properties.PersistentState === 1 ? ({ kind: 'GroupOnline', object: group.name, output } as const) : ({ kind: 'Committed', object: group.name, output } as const);
  proposeAndWait(state, host, call.requestId, objectChanges(state.gum.copy.entries, built.value), waitFor, resourceDefaults.PendingTimeout);
};

const moveTypes = ['Live', 'Quick', 'Shutdown', 'ShutdownForce', 'TurnOff'] as const;
type MoveType = (typeof moveTypes)[number];

/** How long Move-ClusterVirtualMachineRole waits for the migration to end (a large VM on a slow network takes minutes). */
const moveWaitMs = 30 * 60_000;

export const moveClusterVirtualMachineRole: ClusterCmdlet = (state, call, host) => {
  const cmdlet = 'Move-ClusterVirtualMachineRole';
  const read = readClusterForChange(state, call, host);
  const group = read && pick(read.objects.groups.filter((g) => g.groupType === 'VirtualMachine'), namesOf(call) ?? namesOf(call, 'VMName') ?? [''], resourceErrors.groupNotFound, call, host)?.[0];
  if (!read || !group) return;
  const owner = group.ownerNode ?? state.config.name;
  const controlId = `${state.config.name}-${host.io.incarnation}-c${state.nextRequestNumber++}`;
  const deadlineMs = host.io.now() + moveWaitMs;
  if (call.parameters.Cancel === true) {
    state.waiters.push({ requestId: call.requestId, kind: 'Control', object: group.name, node: owner, controlId, deadlineMs: host.io.now() + 30_000, output: null });
    return forward(state, host, owner, { controlId, action: 'CancelMigration', object: group.name });
  }
  const typeText = String(call.parameters.MigrationType ?? 'Live');
  const migrationType = moveTypes.find((t) => t.toLowerCase() === typeText.toLowerCase());
  if (!migrationType) {
    return host.io.reply(call.requestId, { ok: false, error: { category: 'InvalidArgument', errorId: 'CannotConvertArgumentNoMessage', message: `${cmdlet} : Cannot bind parameter 'MigrationType'. Cannot convert value "${typeText}" to type "Microsoft.FailoverClusters.PowerShell.VmMigrationType". The possible enumeration values are "${moveTypes.join(', ')}".` } });
  }
  const target = namesOf(call, 'Node')?.[0];
  const node = target === undefined ? undefined : pick(read.identity.nodes, [target], resourceErrors.nodeNotFound, call, host)?.[0];
  if (target !== undefined && !node) return;
  const refusal = node === undefined ? 'specify the destination with -Node.' : whyNotTo(state, read.objects, group.name, node.name, migrationType);
  if (refusal !== undefined) return host.io.reply(call.requestId, { ok: false, error: failed(cmdlet, refusal) });
  const output = clusterGroupView({ ...group, ownerNode: node!.name, state: 'Online' }, { clusterName: read.identity.name });
  state.waiters.push({ requestId: call.requestId, kind: 'Control', object: group.name, node: owner, controlId, deadlineMs, output });
  forward(state, host, owner, { controlId, action: 'MigrateVm', object: group.name, node: node!.name, migrationType });
};

function forward(state: ClusterState, host: ClusterHost, owner: string, request: { controlId: string; action: 'MigrateVm' | 'CancelMigration'; object: string; node?: string; migrationType?: MoveType }): void {
  const { controlId, ...rest } = request;
  if (owner === state.config.name) return migrationControl(state, host, { ...rest, controlId, from: state.config.name });
  sendAnyway(state, host, owner, { type: 'ClusterControl', requestId: controlId, ...rest });
}

/** Why `group` cannot move to `node` now (paused, down, not a possible owner, no memory, a live move of a VM that is off). */
function whyNotTo(state: ClusterState, objects: ClusterObjects, groupName: string, node: string, migrationType: MoveType): string | undefined {
  const group = objects.groups.find((g) => g.name === groupName)!;
  if (group.ownerNode === node) return `The virtual machine role '${groupName}' is already on node '${node}'.`;
  const candidates = withAvailableMemory(state, objects, placementNodes(state));
  const candidate = candidates.find((n) => n.name === node)!;
  const resources = objects.resources.filter((r) => r.ownerGroup === groupName);
  const why = whyNodeCannotHost(candidate, { resources, requiredMemoryBytes: groupMemoryBytes(objects, group) });
  if (why !== undefined) return `The virtual machine role '${groupName}' cannot be moved to node '${node}': the node ${why}.`;
  const machine = objects.resources.find((r) => r.name === vmResourceName(groupName));
  if (migrationType === 'Live' && machine?.state !== 'Online') return `The virtual machine '${groupName}' cannot be live migrated: it is not running (its Virtual Machine resource is ${machine?.state ?? 'missing'}). Use -MigrationType Quick, or start it first.`;
  return undefined;
}

/** On the role's owner: carry out a MigrateVm or CancelMigration request; the answer goes back when it ends. */
export function migrationControl(state: ClusterState, host: ClusterHost, request: { controlId: string; from: string; action: 'MigrateVm' | 'CancelMigration'; object: string; node?: string; migrationType?: MoveType }): void {
  const reply = (ok: boolean, message: string) => answerControl(state, host, { controlId: request.controlId, from: request.from }, ok, message);
  const objects = decodeObjects(state.gum.copy.entries);
  const group = objects.groups.find((g) => g.name === request.object);
  if (!group || group.ownerNode !== state.config.name) return reply(false, `The virtual machine role '${request.object}' is not owned by ${state.config.name}.`);
  if (request.action === 'CancelMigration') {
    const error = cancelMigration(host.hyperv.state, host.hyperv.host, request.object);
    return reply(error === undefined, error ?? '');
  }
  const target = request.node ?? '';
  const refusal = whyNotTo(state, objects, group.name, target, request.migrationType ?? 'Live');
  if (refusal !== undefined) return reply(false, refusal);
  const type = request.migrationType ?? 'Live';
  if (type === 'Live' || type === 'Quick') {
    const asked = requestMigration(host.hyperv.state, host.hyperv.host, { vm: request.object, destination: target, migrationType: type, group: group.name });
    if (!asked.ok) return reply(false, asked.message);
    state.rcm.migrationReplies[asked.migrationId] = { controlId: request.controlId, from: request.from };
    return;
  }
  // Shutdown, ShutdownForce, TurnOff: the VM stops here, then the role moves and boots cold there.
  const changes: DbChange[] = [];
  planMove(objects, group.name, target, changes, type === 'TurnOff' ? 'TurnOff' : 'Shutdown');
  const work: ClusterWork[] = [];
  if (changes.length > 0) propose(state, host, changes, work);
  pump(state, host, work);
  reply(true, '');
}
