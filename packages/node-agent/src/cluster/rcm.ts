// The resource control manager (facts §4): what this node should host and what it tells the rest
// of the cluster. It reads only this node's copy of the cluster database and acts in two roles.
// - As the placement leader (the member with the lowest node ID, the GUM locker) it gives every
//   group whose owner left the membership a new owner (KB299631's node list, resources/placement.ts)
//   and records it through the GUM: that update, applied everywhere in one order, is the decision.
// - As a group's owner it brings the group's resources online in dependency order; a disk comes
//   online only once this node won it at the target (arbitration), never on the database's word.
//   A node that is no longer the owner takes the resources offline and gives its disks back.
// Each node publishes its own resources' states; at most one of its updates is in flight.
import type { ArbitrationOutcome } from '../arbitration/mod.js';
import { gumLimits, type DbChange } from '../gum/mod.js';
import { groupStateOf, selectTargetNode, type ClusterGroup, type ClusterObjects, type ClusterResource, type PlacementNode } from '../resources/mod.js';
import { decodeObjects, objectChanges } from './schema.js';
import { failBack } from './failback.js';
import { labNetworkOf } from '../membership/networks.js';
import { failResource } from './failure.js';
import { setClusterDiskOnline } from '../storage/mod.js';
import { registerNetworkName } from './names.js';
import { onDirectoryCompletion } from './directory-answers.js';
import { finishStopIfDone, handOverOwned } from './stop-node.js';
import { drainOwned, isPaused } from './drain.js';
import { isSharedVolume } from '../csv/mod.js';
import { carryOutPlannedMoves } from './planned-moves.js';
import { bringVmOnline, registerVmHere, syncVmConfigs, takeVmOffline } from './vm-resources.js';
import { groupMemoryBytes, hostFactsChanges, takeMemory, withAvailableMemory } from './vm-placement.js';
import { isolationChanges, unmonitoredUntilMs, wakeAt } from './isolation.js';
import { turnOffVmsOwnedElsewhere } from './isolated-host.js';
import { onWorkloadWriteCompleted } from './workload.js';
import type { ClusterHost, ClusterState, ClusterWork } from './types.js';

/** Resources a node may host; a bound on the hosted table (STYLE 7). */
const hostedMax = 1024;
/** Orphaned roles the leader places in one database update (a bound on its size, STYLE 7). */
const orphansPerUpdateMax = 8;
/** How long a refused disk waits before this node asks for it again (RestartDelay's default). */
const acquireRetryMs = 500;
/**
 * A member's release takes a few commands; a member still holding the reservation after this many
 * tries (10 s) left it behind (its path or the target was gone when it lost the disk): the next
 * try challenges it (arbitration/challenge.ts step 4).
 */
const heldByMemberTriesMax = 20;

/** The database is current here: the view is installed and the GUM has synced this node. */
export function databaseCurrent(state: ClusterState): boolean {
  const role = state.gum.role;
  return state.view !== null && ((role.role === 'Member' && role.confirmed) || (role.role === 'Locker' && role.phase === 'Driving'));
}

function isLeader(state: ClusterState): boolean {
  return state.view?.members[0]?.name === state.config.name;
}

export function placementNodes(state: ClusterState): PlacementNode[] {
  const members = new Set(state.view?.members.map((m) => m.name));
  return (state.identity?.nodes ?? []).map((n) => ({ name: n.name, id: n.id, State: !members.has(n.name) ? 'Down' : isPaused(state, n.name) ? 'Paused' : 'Up' }));
}

/**
 * The leader's part: every group whose owner is gone gets a new one, highest priority first, each
 * where its VMs' memory fits (facts §4.4, §4.5). The new owner is recorded only if the old one still
 * owns it in the database (a VM the old owner had already handed over by migration stays there).
 */
function placeOrphans(state: ClusterState, host: ClusterHost, objects: ClusterObjects): DbChange[] {
  const members = new Set(state.view?.members.map((m) => m.name));
  const nodes = withAvailableMemory(state, objects, placementNodes(state));
  const expected: DbChange[] = [];
  const byPriority = [...objects.groups].sort((a, b) => b.properties.Priority - a.properties.Priority || (a.name < b.name ? -1 : 1));
  const nowMs = host.io.now();
  for (const group of byPriority) {
    if (group.ownerNode !== undefined && members.has(group.ownerNode)) continue;
    // A VM role of an isolated node stays there, unmonitored, until its ResiliencyPeriod ends.
    const untilMs = unmonitoredUntilMs(state, objects, group, nowMs);
    if (untilMs !== undefined && nowMs < untilMs) {
      wakeAt(state, host, untilMs);
      continue;
    }
    const resources = objects.resources.filter((r) => r.ownerGroup === group.name);
    const requiredMemoryBytes = group.properties.PersistentState === 1 ? groupMemoryBytes(objects, group) : 0;
    const placed = selectTargetNode({ group, nodes, cause: 'NodeFailure', resources, requiredMemoryBytes, random: () => host.io.random() });
    if (!placed.ok) continue;
    // A bounded update: the rest are placed by the next reconcile, right after this one commits.
    if (expected.length >= orphansPerUpdateMax) break;
    expected.push({ op: 'Expect', path: `Groups/${group.name}/OwnerNode`, value: group.ownerNode ?? null });
    takeMemory(nodes, placed.value.target, requiredMemoryBytes);
    handOver(objects, group.name, placed.value.target);
    // A NoAutoStart role (Priority 0) moves with the failover but is not started (facts §4.4).
    if (group.properties.Priority === 0) Object.assign(group, { properties: { ...group.properties, PersistentState: 0 } });
    (state.rcm.failovers[group.name] ??= []).push(host.io.now());
  }
  return expected;
}

/**
 * Gives `group` to `target`: its resources are Offline in the database until the new owner has
 * brought them online and says so (the old owner no longer speaks for them), the group Pending.
 */
export function handOver(objects: ClusterObjects, group: string, target: string): void {
  for (const g of objects.groups) if (g.name === group) Object.assign(g, { ownerNode: target, state: 'Pending' });
  for (const r of objects.resources) if (r.ownerGroup === group) Object.assign(r, { state: 'Offline' });
}

const wantsOnline = (group: ClusterGroup): boolean => group.properties.PersistentState === 1;

function providersOnline(state: ClusterState, resource: ClusterResource): boolean {
  return resource.dependencies.every((term) => term.some((provider) => state.rcm.hosted[provider]?.state === 'Online'));
}

/** The addresses of the IP Address resources a Network Name depends on that are online here. */
function onlineAddresses(state: ClusterState, resource: ClusterResource): string[] {
  const objects = decodeObjects(state.gum.copy.entries);
  const providers = resource.dependencies.flat().filter((name) => state.rcm.hosted[name]?.state === 'Online');
  return objects.resources.filter((r) => providers.includes(r.name) && r.resourceType === 'IP Address').map((r) => String(r.parameters.Address ?? '')).filter((a) => a !== '');
}

/**
 * The IP Address resource's health check (LooksAlive/IsAlive): this node's interface on its network
 * has failed while the network still works between other nodes (Partitioned), so the fault is this
 * node's. With two nodes a dead link looks the same from both ends (the network is Down): the lab
 * has no media sense to tell whose NIC it is, so it fails neither. Logs 1077 when it has.
 */
function ipInterfaceFailed(state: ClusterState, host: ClusterHost, resource: ClusterResource): boolean {
  const nic = host.interfaceOn(String(resource.parameters.Network ?? ''));
  if (nic?.state !== 'Failed' || nic.networkState !== 'Partitioned') return false;
  host.io.emit({ type: 'IpAddressHealthCheckFailed', resource: resource.name, address: String(resource.parameters.Address ?? ''), interfaceName: nic.name, node: state.config.name });
  return true;
}

/** An IP Address resource's cluster network ("Cluster Network N", the lab's Nth network) allows client access. */
function allowsClients(state: ClusterState, resource: ClusterResource): boolean {
  const network = labNetworkOf(state.config.networks, String(resource.parameters.Network ?? ''));
  return network === undefined || network.role === 'ClusterAndClient';
}

function bringOnline(state: ClusterState, host: ClusterHost, resource: ClusterResource, work: ClusterWork[]): void {
  const nowMs = host.io.now();
  if ((state.rcm.retryAtMs[resource.name] ?? 0) > nowMs) return;
  if (Object.keys(state.rcm.hosted).length >= hostedMax) return;
  if (resource.resourceType === 'IP Address' && !allowsClients(state, resource)) {
    // 1223, then the restart and failover policies as for any failure (failure.ts).
    state.rcm.hosted[resource.name] = { state: 'Online', sinceMs: nowMs };
    host.io.emit({ type: 'IpAddressNetworkRoleInvalid', resource: resource.name, network: String(resource.parameters.Network ?? ''), node: state.config.name });
    failResource(state, host, resource.name, work);
    return;
  }
  if (resource.resourceType === 'IP Address' && ipInterfaceFailed(state, host, resource)) {
    state.rcm.hosted[resource.name] = { state: 'OnlinePending', sinceMs: nowMs };
    failResource(state, host, resource.name, work);
    return;
  }
  if (resource.resourceType === 'Virtual Machine') return bringVmOnline(state, host, resource, work);
  // A VM's configuration comes online where its Cluster Shared Volume can be reached; until then it waits.
  if (resource.resourceType === 'Virtual Machine Configuration' && !vmStorageReachable(state, host, resource)) {
    // A CSV the cluster has given up on (Failed) will not come back by waiting: the configuration
    // cannot be read, which is a failure of its own (1069), with its own restart and failover policy.
    if (!vmStorageFailed(state, resource)) return;
    state.rcm.hosted[resource.name] = { state: 'OnlinePending', sinceMs: nowMs };
    failResource(state, host, resource.name, work);
    return;
  }
  if (resource.resourceType !== 'Physical Disk') {
    state.rcm.hosted[resource.name] = { state: 'Online', sinceMs: nowMs };
    // Bringing a Generic Service online starts its service.
    if (resource.resourceType === 'Generic Service') state.rcm.stoppedServices = state.rcm.stoppedServices.filter((s) => s !== String(resource.parameters.ServiceName ?? resource.name));
    if (resource.resourceType === 'Network Name') registerNetworkName(state, host, resource, onlineAddresses(state, resource), (c) => onDirectoryCompletion(state, host, c));
    return;
  }
  state.rcm.hosted[resource.name] = { state: 'OnlinePending', sinceMs: nowMs };
  host.io.setTimer(resource.properties.PendingTimeout, { subsystem: 'cluster', type: 'Reconcile' });
  const members = (state.view?.members ?? []).map((m) => ({ name: m.name, nodeId: m.nodeId }));
  const takeFromMember = (state.rcm.heldByMember?.[resource.name] ?? 0) >= heldByMemberTriesMax;
  work.push({ type: 'Arbitration', input: { type: 'Acquire', nowMs, disk: resource.name, members, reason: 'Resource', ...(takeFromMember ? { takeFromMember } : {}) } });
}

function takeOffline(state: ClusterState, host: ClusterHost, resource: ClusterResource | undefined, name: string, work: ClusterWork[]): void {
  const hosted = state.rcm.hosted[name];
  if (!hosted || hosted.state === 'OfflinePending') return;
  if (resource?.resourceType === 'Virtual Machine') return takeVmOffline(state, host, resource, name);
  if (resource?.resourceType === 'Physical Disk') {
    // A failed disk may still be reserved here (a simulated failure): it is given back all the same.
    work.push({ type: 'Arbitration', input: { type: 'Release', nowMs: host.io.now(), disk: name } });
    if (hosted.state !== 'Failed') {
      hosted.state = 'OfflinePending';
      return;
    }
  }
  delete state.rcm.hosted[name];
}

/** The owner's part: host what this node owns and wants online, give back the rest. */
function host_(state: ClusterState, host: ClusterHost, objects: ClusterObjects, work: ClusterWork[]): void {
  const self = state.config.name;
  const byName = new Map(objects.resources.map((r) => [r.name, r]));
  const groupOf = new Map(objects.groups.map((g) => [g.name, g]));
  // What held a resource back here (restarts, a failed group's retry) ends when it leaves this node.
  for (const name of Object.keys(state.rcm.retryAtMs)) {
    const resource = byName.get(name);
    if (!resource || groupOf.get(resource.ownerGroup)?.ownerNode !== self) {
      delete state.rcm.retryAtMs[name];
      delete state.rcm.failures[name];
    }
  }
  for (const name of Object.keys(state.rcm.hosted)) {
    const resource = byName.get(name);
    const group = resource ? groupOf.get(resource.ownerGroup) : undefined;
    const hosted = state.rcm.hosted[name]!;
    if (!resource || !group || group.ownerNode !== self || !wantsOnline(group) || resource.properties.PersistentState !== 1) takeOffline(state, host, resource, name, work);
    else if (hosted.state === 'Failed' && (state.rcm.retryAtMs[name] ?? 0) <= host.io.now()) delete state.rcm.hosted[name];
    // A provider went away: its dependents go offline with it (and come back after it).
    else if (hosted.state === 'Online' && !providersOnline(state, resource)) delete state.rcm.hosted[name];
    // A Generic Service whose service was stopped under it fails its health check (LooksAlive).
    else if (hosted.state === 'Online' && resource.resourceType === 'Generic Service' && state.rcm.stoppedServices.includes(String(resource.parameters.ServiceName ?? name))) failResource(state, host, name, work);
    // The IP Address resource's health check failed: a resource failure (restart, then failover).
    else if (hosted.state === 'Online' && resource.resourceType === 'IP Address' && ipInterfaceFailed(state, host, resource)) failResource(state, host, name, work);
    // Still coming online after PendingTimeout (180 s by default): it failed to come online.
    else if (hosted.state === 'OnlinePending' && host.io.now() - hosted.sinceMs >= resource.properties.PendingTimeout) {
      work.push({ type: 'Arbitration', input: { type: 'Release', nowMs: host.io.now(), disk: name } });
      failResource(state, host, name, work);
    }
  }
  // High priority first (3000, 2000, 1000; facts §4.4), then by name.
  const byPriority = [...objects.groups].sort((a, b) => b.properties.Priority - a.properties.Priority || (a.name < b.name ? -1 : 1));
  // VMs start a priority level at a time: a lower one waits while a higher one's VM is still booting
  // (the lab's reading of "High first", facts §4.4; it makes the order visible in Get-VM and the events).
  let bootingPriority: number | undefined;
  for (const group of byPriority) {
    if (group.ownerNode !== self || !wantsOnline(group)) continue;
    const vm = group.groupType === 'VirtualMachine' ? group.resources.find((r) => byName.get(r)?.resourceType === 'Virtual Machine') : undefined;
    if (vm !== undefined && bootingPriority !== undefined && group.properties.Priority < bootingPriority) {
      // Its turn has not come: the VM is registered here, Off, until it does.
      registerVmHere(host, byName.get(vm)!);
      continue;
    }
    for (const name of group.resources) {
      const resource = byName.get(name);
      if (!resource || resource.properties.PersistentState !== 1 || state.rcm.hosted[name] || !providersOnline(state, resource)) continue;
      bringOnline(state, host, resource, work);
    }
    if (vm !== undefined && state.rcm.hosted[vm]?.state === 'OnlinePending') bootingPriority = group.properties.Priority;
  }
}

/** This node's resources as it hosts them, written into the objects it owns. */
function publish(state: ClusterState, objects: ClusterObjects): void {
  const self = state.config.name;
  for (const group of objects.groups) {
    if (group.ownerNode !== self) continue;
    const states = group.resources.map((name) => state.rcm.hosted[name]?.state ?? 'Offline');
    for (const resource of objects.resources) {
      if (resource.ownerGroup === group.name) (resource as { state: string }).state = state.rcm.hosted[resource.name]?.state ?? 'Offline';
    }
    (group as { state: string }).state = states.length === 0 ? 'Offline' : groupStateOf(states);
  }
}

export function propose(state: ClusterState, host: ClusterHost, changes: DbChange[], work: ClusterWork[]): string {
  const requestId = `${state.config.name}-${host.io.incarnation}-${state.nextRequestNumber++}`;
  work.push({ type: 'Gum', input: { type: 'Propose', nowMs: host.io.now(), requestId, changes } });
  return requestId;
}

export function reconcile(state: ClusterState, host: ClusterHost, work: ClusterWork[]): void {
  if (!databaseCurrent(state)) return;
  const objects = decodeObjects(state.gum.copy.entries);
  applyVmIntents(state, objects);
  onlineRequested(state, objects);
  syncVmConfigs(state, host, objects);
  turnOffVmsOwnedElsewhere(state, host);
  let expected: DbChange[] = [];
  const planned: DbChange[] = [];
  if (isLeader(state)) {
    planned.push(...isolationChanges(state, host, objects));
    expected = placeOrphans(state, host, objects);
    planned.push(...failBack(state, host, objects));
  }
  planned.push(...carryOutPlannedMoves(state, host, objects));
  if (state.stopping !== undefined) handOverOwned(state, host, objects);
  const drain = drainOwned(state, host, objects);
  host_(state, host, objects, work);
  publish(state, objects);
  if (state.rcm.inFlight === null) {
    const changes = [...objectChanges(state.gum.copy.entries, objects), ...drain, ...planned, ...hostFactsChanges(state, host)];
    // One update carries at most changesPerUpdateMax changes; what is left goes in the next one.
    const room = gumLimits.changesPerUpdateMax - expected.length;
    if (changes.length > 0) state.rcm.inFlight = propose(state, host, [...expected, ...changes.slice(0, room)], work);
  }
  if (state.stopping !== undefined) finishStopIfDone(state, host, decodeObjects(state.gum.copy.entries), work);
}

/** The CSV holding a VM configuration's files, or undefined when they are not on one. */
function vmSharedVolume(state: ClusterState, configuration: ClusterResource): string | undefined {
  const disk = state.gum.copy.entries[`Resources/Virtual Machine ${String(configuration.parameters.VmName ?? '')}/Parameters/Storage`];
  return typeof disk === 'string' && isSharedVolume(state.gum.copy.entries, disk) ? disk : undefined;
}

function vmStorageFailed(state: ClusterState, configuration: ClusterResource): boolean {
  const disk = vmSharedVolume(state, configuration);
  const entries = state.gum.copy.entries;
  // Failed itself, or its group left Failed by the failover policy (1254).
  return disk !== undefined && (entries[`Resources/${disk}/State`] === 'Failed' || entries[`Groups/${String(entries[`Resources/${disk}/OwnerGroup`])}/State`] === 'Failed');
}

function vmStorageReachable(state: ClusterState, host: ClusterHost, configuration: ClusterResource): boolean {
  const disk = vmSharedVolume(state, configuration);
  return disk === undefined || host.csvAccessible(disk);
}

/** An administrator started or stopped a clustered VM on its owner: the role follows (it stays as they left it). */
function applyVmIntents(state: ClusterState, objects: ClusterObjects): void {
  for (const [vm, persistentState] of Object.entries(state.rcm.vmIntents)) {
    const group = objects.groups.find((g) => g.name === vm && g.ownerNode === state.config.name);
    if (group) Object.assign(group, { properties: { ...group.properties, PersistentState: persistentState } });
    delete state.rcm.vmIntents[vm];
  }
}

function countHeldByMember(state: ClusterState, disk: string): void {
  const counts = (state.rcm.heldByMember ??= {});
  // A bound on the table (STYLE 7): one entry per disk this node tries, and disks are few.
  if (!(disk in counts) && Object.keys(counts).length >= 256) return;
  counts[disk] = (counts[disk] ?? 0) + 1;
}

/** Start-ClusterGroup's request to try a role again now, counted per group (cmdlets-change.ts). */
export const onlineRequestPath = (group: string): string => `Cluster/OnlineRequests/${group}`;

/**
 * An administrator started a role: what its restart and failover policies held back on this node
 * (a failed resource waiting for RetryPeriodOnFailure) is tried again now, as Start-ClusterGroup does.
 */
function onlineRequested(state: ClusterState, objects: ClusterObjects): void {
  const seen = (state.rcm.onlineRequestsSeen ??= {});
  for (const group of objects.groups) {
    const request = state.gum.copy.entries[onlineRequestPath(group.name)];
    if (typeof request !== 'number' || seen[group.name] === request) continue;
    seen[group.name] = request;
    if (group.ownerNode !== state.config.name) continue;
    for (const name of group.resources) {
      delete state.rcm.retryAtMs[name];
      delete state.rcm.failures[name];
      if (state.rcm.hosted[name]?.state === 'Failed') delete state.rcm.hosted[name];
    }
  }
}

export function retryLater(state: ClusterState, host: ClusterHost, name: string, delayMs: number): void {
  state.rcm.retryAtMs[name] = host.io.now() + delayMs;
  host.io.setTimer(delayMs, { subsystem: 'cluster', type: 'Reconcile' });
}

export function onOutcome(state: ClusterState, host: ClusterHost, outcome: ArbitrationOutcome, work: ClusterWork[]): void {
  const nowMs = host.io.now();
  switch (outcome.type) {
    case 'DiskAcquired': {
      const hosted = state.rcm.hosted[outcome.disk];
      if (state.rcm.heldByMember) delete state.rcm.heldByMember[outcome.disk];
      if (hosted?.state === 'OnlinePending') {
        Object.assign(hosted, { state: 'Online', sinceMs: nowMs });
        setClusterDiskOnline(host.storage, host.io, { name: outcome.disk, online: true });
      }
      break;
    }
    case 'DiskAcquireFailed':
      if (outcome.reason === 'HeldByMember' || outcome.reason === 'Cancelled') {
        // Its owner is still giving it back (a move): ask again shortly.
        delete state.rcm.hosted[outcome.disk];
        if (outcome.reason === 'HeldByMember') countHeldByMember(state, outcome.disk);
        retryLater(state, host, outcome.disk, acquireRetryMs);
      } else {
        // The disk could not be brought online here: a resource failure like any other (1069).
        failResource(state, host, outcome.disk, work);
      }
      break;
    case 'DiskReleased':
      if (state.rcm.hosted[outcome.disk]?.state === 'OfflinePending') delete state.rcm.hosted[outcome.disk];
      setClusterDiskOnline(host.storage, host.io, { name: outcome.disk, online: false });
      break;
    case 'ReservationLost':
      setClusterDiskOnline(host.storage, host.io, { name: outcome.disk, online: false });
      // Event 1038 was logged by the arbitration; the disk failed here and is restarted after RestartDelay.
      state.rcm.hosted[outcome.disk] = { state: 'Failed', sinceMs: nowMs };
      retryLater(state, host, outcome.disk, acquireRetryMs);
      break;
    case 'WriteCompleted':
      return onWorkloadWriteCompleted(state, host, outcome);
    case 'WitnessArbitrated':
      return;
  }
  work.push({ type: 'Reconcile' });
}
