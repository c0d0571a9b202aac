// The cmdlets that change the cluster: each checks its arguments against this node's copy, then
// proposes the change through the GUM, and answers when the cluster has done it (waiters.ts):
// Move-ClusterGroup once the group is online on its new node, Stop-ClusterGroup once offline.
import type { DbChange } from '../gum/mod.js';
import { checkMoveTarget, clusterGroupView, clusterResourceView, resourceDefaults, selectTargetNode, type ClusterObjects } from '../resources/mod.js';
import type { CmdletCall } from '../subsystem.js';
import { namesOf, pick, readClusterForChange, resourceErrors, type ClusterCmdlet } from './cmdlet-support.js';
import { pump, sendAnyway } from './drive.js';
import { control } from './subsystem.js';
import { failResource } from './failure.js';
import { placementNodes } from './rcm.js';
import { proposeAndWait, type WaitFor } from './propose-and-wait.js';
import { planMove } from './planned-moves.js';
import { groupMemoryBytes, withAvailableMemory } from './vm-placement.js';
import { objectChanges } from './schema.js';
import { onlineRequestPath } from './rcm.js';
import type { ClusterHost, ClusterState, ClusterWork } from './types.js';

/** How long a cmdlet waits for its change to take effect: PendingTimeout's default, 180 s. */
const waitMs = resourceDefaults.PendingTimeout;

function submit(state: ClusterState, host: ClusterHost, call: CmdletCall, changes: DbChange[], waitFor: WaitFor): void {
  proposeAndWait(state, host, call.requestId, changes, waitFor, waitMs);
}

function setPersistentState(objects: ClusterObjects, group: string, value: 0 | 1, only?: string): ClusterObjects {
  return {
    groups: objects.groups.map((g) => (g.name === group && only === undefined ? { ...g, properties: { ...g.properties, PersistentState: value } } : g)),
    resources: objects.resources.map((r) => (r.ownerGroup === group && (only === undefined || r.name === only) ? { ...r, properties: { ...r.properties, PersistentState: value } } : r)),
  };
}

/** A cmdlet that acts on one object needs its name (-Name, the first position, or the pipeline). */
function requireName(call: CmdletCall, host: ClusterHost, cmdlet: string, what: string): string[] | undefined {
  const names = namesOf(call);
  if (names !== undefined) return names;
  host.io.reply(call.requestId, {
    ok: false,
    error: { category: 'InvalidArgument', errorId: 'ParameterArgumentValidationError', message: `${cmdlet} : Cannot validate the command: specify the ${what} with -Name or pipe it in (-InputObject).` },
  });
  return undefined;
}

export const moveClusterGroup: ClusterCmdlet = (state, call, host) => {
  const names = requireName(call, host, 'Move-ClusterGroup', 'clustered role');
  const read = names && readClusterForChange(state, call, host);
  const group = read && pick(read.objects.groups, names, resourceErrors.groupNotFound, call, host)?.[0];
  if (!read || !group) return;
  const resources = read.objects.resources.filter((r) => r.ownerGroup === group.name);
  const nodes = withAvailableMemory(state, read.objects, placementNodes(state));
  const requiredMemoryBytes = group.properties.PersistentState === 1 ? groupMemoryBytes(read.objects, group) : 0;
  const wanted = namesOf(call, 'Node')?.[0];
  let target: string;
  if (wanted === undefined) {
    const placed = selectTargetNode({ group, nodes, resources, requiredMemoryBytes, cause: 'BestPossible', random: () => host.io.random() });
    if (!placed.ok) return host.io.reply(call.requestId, { ok: false, error: placed.error });
    target = placed.value.target;
  } else {
    const checked = checkMoveTarget({ group, nodes, resources, requiredMemoryBytes, target: wanted });
    if (!checked.ok) return host.io.reply(call.requestId, { ok: false, error: checked.error });
    target = nodes.find((n) => n.name.toLowerCase() === wanted.toLowerCase())!.name;
  }
  const moved = structuredClone(read.objects);
  // A running VM role moves by quick migration (saved here, restored there, facts §6.5), carried out by its owner.
  const planned: DbChange[] = [];
  if (target !== group.ownerNode) planMove(moved, group.name, target, planned, 'Quick');
  const output = clusterGroupView({ ...group, ownerNode: target }, { clusterName: read.identity.name });
  submit(state, host, call, [...objectChanges(state.gum.copy.entries, moved), ...planned], { kind: group.properties.PersistentState === 1 ? 'GroupOnline' : 'Committed', object: group.name, node: target, output });
};

function groupStartStop(value: 0 | 1): ClusterCmdlet {
  return (state, call, host) => {
    const names = requireName(call, host, value === 1 ? 'Start-ClusterGroup' : 'Stop-ClusterGroup', 'clustered role');
    const read = names && readClusterForChange(state, call, host);
    const group = read && pick(read.objects.groups, names, resourceErrors.groupNotFound, call, host)?.[0];
    if (!read || !group) return;
    const output = { ...clusterGroupView(group, { clusterName: read.identity.name }), State: value === 1 ? 'Online' : 'Offline' };
    const changes = objectChanges(state.gum.copy.entries, setPersistentState(read.objects, group.name, value));
    // Starting a role its policies left failed tries it again at once (rcm.ts onlineRequested).
    if (value === 1) changes.push({ op: 'SetValue', path: onlineRequestPath(group.name), value: Number(state.gum.copy.entries[onlineRequestPath(group.name)] ?? 0) + 1 });
    submit(state, host, call, changes, { kind: value === 1 ? 'GroupOnline' : 'GroupOffline', object: group.name, output });
  };
}

function resourceStartStop(value: 0 | 1): ClusterCmdlet {
  return (state, call, host) => {
    const names = requireName(call, host, value === 1 ? 'Start-ClusterResource' : 'Stop-ClusterResource', 'cluster resource');
    const read = names && readClusterForChange(state, call, host);
    const resource = read && pick(read.objects.resources, names, resourceErrors.resourceNotFound, call, host)?.[0];
    if (!read || !resource) return;
    let objects = setPersistentState(read.objects, resource.ownerGroup, value, resource.name);
    // Starting a resource starts its group.
    if (value === 1) objects = { ...objects, groups: objects.groups.map((g) => (g.name === resource.ownerGroup ? { ...g, properties: { ...g.properties, PersistentState: 1 as const } } : g)) };
    const ownerNode = read.objects.groups.find((g) => g.name === resource.ownerGroup)?.ownerNode;
    const output = { ...clusterResourceView(resource, { clusterName: read.identity.name, ownerNode }), State: value === 1 ? 'Online' : 'Offline' };
    submit(state, host, call, objectChanges(state.gum.copy.entries, objects), { kind: value === 1 ? 'ResourceOnline' : 'ResourceOffline', object: resource.name, output });
  };
}

export const startClusterGroup = groupStartStop(1);
export const stopClusterGroup = groupStartStop(0);
export const startClusterResource = resourceStartStop(1);
export const stopClusterResource = resourceStartStop(0);

/**
 * Test-ClusterResourceFailure: the resource fails where it is hosted, as if its health check had
 * failed, and the restart and failover policies take it from there. Another node's resource is
 * failed by its owner (ClusterControl).
 */
export const testClusterResourceFailure: ClusterCmdlet = (state, call, host) => {
  const names = requireName(call, host, 'Test-ClusterResourceFailure', 'cluster resource');
  const read = names && readClusterForChange(state, call, host);
  const resource = read && pick(read.objects.resources, names, resourceErrors.resourceNotFound, call, host)?.[0];
  if (!read || !resource) return;
  const owner = read.objects.groups.find((g) => g.name === resource.ownerGroup)?.ownerNode;
  const output = clusterResourceView(resource, { clusterName: read.identity.name, ownerNode: owner });
  if (owner === undefined || owner === state.config.name) {
    const work: ClusterWork[] = [];
    const error = failResource(state, host, resource.name, work);
    host.io.reply(call.requestId, error === undefined ? { ok: true, output } : { ok: false, error: { category: 'InvalidOperation', errorId: 'ClusterResourceNotOnline', message: `Test-ClusterResourceFailure : ${error}` } });
    pump(state, host, work);
    return;
  }
  const controlId = `${state.config.name}-${host.io.incarnation}-c${state.nextRequestNumber++}`;
  sendAnyway(state, host, owner, { type: 'ClusterControl', requestId: controlId, action: 'FailResource', object: resource.name });
  state.waiters.push({ requestId: call.requestId, kind: 'Control', object: resource.name, controlId, deadlineMs: host.io.now() + controlWaitMs, output });
};

/** How long a forwarded request waits for the owner's answer (an RPC to a node that does not answer). */
const controlWaitMs = 30_000;

function nodeStartStop(action: 'StopNode' | 'StartNode'): ClusterCmdlet {
  const cmdlet = action === 'StopNode' ? 'Stop-ClusterNode' : 'Start-ClusterNode';
  return (state, call, host) => {
    const names = requireName(call, host, cmdlet, 'cluster node');
    const read = names && (action === 'StopNode' ? readClusterForChange(state, call, host) : readClusterForChange(state, call, host));
    const node = read && pick(read.identity.nodes, names, resourceErrors.nodeNotFound, call, host)?.[0];
    if (!read || !node) return;
    const kind = action === 'StopNode' ? 'NodeDown' : 'NodeUp';
    const output = { Name: node.name, ID: node.id, State: kind === 'NodeDown' ? 'Down' : 'Up' };
    const deadlineMs = host.io.now() + waitMs;
    if (node.name === state.config.name) {
      const work: ClusterWork[] = [];
      const error = control(state, host, action, node.name, work);
      if (error !== undefined) return host.io.reply(call.requestId, { ok: false, error: { category: 'InvalidOperation', errorId: 'ClusterNodeOperationFailed', message: `${cmdlet} : ${error}` } });
      state.waiters.push({ requestId: call.requestId, kind: action === 'StopNode' ? 'ServiceStopped' : 'NodeUp', object: node.name, deadlineMs, output });
      pump(state, host, work);
      return;
    }
    const controlId = `${state.config.name}-${host.io.incarnation}-c${state.nextRequestNumber++}`;
    sendAnyway(state, host, node.name, { type: 'ClusterControl', requestId: controlId, action, object: node.name });
    state.waiters.push({ requestId: call.requestId, kind, object: node.name, controlId, deadlineMs, output });
  };
}

export const stopClusterNode = nodeStartStop('StopNode');
export const startClusterNode = nodeStartStop('StartNode');
