// Stopping the cluster service cleanly on this node (Stop-ClusterNode, or the OS shutting down):
// its groups are handed to the best other members first and taken offline here (their disks given
// back at the target), then it tells the others it is leaving, so they regroup without it at once
// and log no 1135, and it stops: no heartbeats, no regroup, nothing online. Start-ClusterNode
// starts the service again from what the node keeps on its disk.
import { selectTargetNode, type ClusterObjects } from '../resources/mod.js';
import { placementNodes } from './rcm.js';
import { groupMemoryBytes, takeMemory, withAvailableMemory } from './vm-placement.js';
import { moveOwnedRole } from './planned-moves.js';
import { refreshIdentity } from './service.js';
import type { ClusterHost, ClusterState, ClusterWork } from './types.js';

export function beginStop(state: ClusterState, host: ClusterHost, then: 'Stop' | 'PowerOff', work: ClusterWork[]): void {
  state.stopping = then === 'PowerOff' || state.stopping === 'PowerOff' ? 'PowerOff' : 'Stop';
  work.push({ type: 'Reconcile' });
}

/**
 * Stopping or draining: every group this node owns goes to the best other member, highest priority
 * first, where its memory fits; a running VM goes by live migration (within the migration limits,
 * queued beyond them), anything else by the reconcile's diff (offline, then online there). Returns
 * false when some group had nowhere to go, or its live migration failed.
 */
export function handOverOwned(state: ClusterState, host: ClusterHost, objects: ClusterObjects): boolean {
  const self = state.config.name;
  const nodes = withAvailableMemory(state, objects, placementNodes(state)).map((n) => (n.name === self ? { ...n, State: 'Paused' as const } : n));
  const h = host.hyperv.state;
  // Memory already promised to VMs on their way out of here.
  for (const m of h.outgoing) takeMemory(nodes, m.destination, h.vms[m.vm]?.config.memoryStartupBytes ?? 0);
  let placedAll = true;
  const owned = objects.groups.filter((g) => g.ownerNode === self).sort((a, b) => b.properties.Priority - a.properties.Priority || (a.name < b.name ? -1 : 1));
  for (const group of owned) {
    if (state.rcm.failedMoves.includes(group.name)) {
      placedAll = false;
      continue;
    }
    if (h.outgoing.some((m) => m.group === group.name)) continue;
    const resources = objects.resources.filter((r) => r.ownerGroup === group.name);
    const requiredMemoryBytes = group.properties.PersistentState === 1 ? groupMemoryBytes(objects, group) : 0;
    const placed = selectTargetNode({ group, nodes, resources, requiredMemoryBytes, cause: 'BestPossible', random: () => host.io.random() });
    if (!placed.ok) {
      placedAll = false;
      continue;
    }
    if (moveOwnedRole(host, objects, group.name, placed.value.target, 'Live')) takeMemory(nodes, placed.value.target, requiredMemoryBytes);
  }
  return placedAll;
}

/** Stopping, with nothing left online here: leave and stop. */
export function finishStopIfDone(state: ClusterState, host: ClusterHost, objects: ClusterObjects, work: ClusterWork[]): void {
  if (state.stopping === undefined || Object.keys(state.rcm.hosted).length > 0 || state.rcm.inFlight !== null) return;
  const self = state.config.name;
  const othersCanTake = (state.view?.members.length ?? 0) > 1;
  if (othersCanTake && objects.groups.some((g) => g.ownerNode === self)) return;
  const { io } = host;
  for (const member of state.view?.members ?? []) {
    if (member.name === self) continue;
    const network = host.networksTo(member.name)[0];
    if (network !== undefined) io.send(member.name, network, { type: 'ClusterLeave', incarnation: io.incarnation });
  }
  work.push({ type: 'Arbitration', input: { type: 'Stop', nowMs: io.now(), reason: 'Shutdown' } });
  const powerOff = state.stopping === 'PowerOff';
  delete state.stopping;
  state.regroup = undefined;
  state.view = null;
  state.service = 'Stopped';
  host.stopHeartbeats();
  for (const node of Object.keys(state.nodeStates)) {
    if (state.nodeStates[node] === 'Down') continue;
    io.emit({ type: 'NodeStateChanged', node, State: 'Down', previous: state.nodeStates[node]! });
    state.nodeStates[node] = 'Down';
  }
  if (powerOff) host.powerOff();
}

/** Start-ClusterNode: the service starts again and joins. */
export function startService(state: ClusterState, host: ClusterHost, work: ClusterWork[]): string | undefined {
  if (state.service === 'Running') return undefined;
  if (!state.identity) return `The node '${state.config.name}' is not a member of a cluster.`;
  refreshIdentity(state, host, work);
  return undefined;
}
