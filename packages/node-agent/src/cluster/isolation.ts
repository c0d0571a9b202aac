// VM compute resiliency (facts §5.4, Windows Server 2016+). With ResiliencyLevel 2 (AlwaysIsolate,
// the default) a node that leaves the membership while it owns VM roles is Isolated rather than
// failed: its VM roles stay its own, Unmonitored, for their ResiliencyPeriod (−1: the cluster's
// ResiliencyDefaultPeriod, 240 s), and only then fail over. The node's other roles fail over at once.
// The node coming back within the period ends the isolation and its VMs carry on where they are.
//
// The leader records the isolation in the database (Nodes/<node>/IsolatedAtMs, its clock) so every
// node, and the next leader, reads the same deadline. ResiliencyLevel 1 (IsolateOnSpecialHeartbeat)
// isolates only on a "special heartbeat" a crashing cluster service sends; the lab's faults kill
// whole hosts or cut links, which send none, so under level 1 nothing is isolated [lab rule].
//
// The isolated node's side is in isolated-host.ts.
import type { DbChange, DbValue } from '../gum/mod.js';
import type { ClusterGroup, ClusterObjects } from '../resources/mod.js';
import type { ClusterIdentity } from './identity.js';
import type { ClusterHost, ClusterState } from './types.js';

export const isolatedAtPath = (node: string): string => `Nodes/${node}/IsolatedAtMs`;

/** How long `group` stays unmonitored on an isolated owner, in ms; 0 when it is not isolated at all. */
export function resiliencyPeriodMs(identity: ClusterIdentity, group: ClusterGroup): number {
  if (identity.properties.ResiliencyLevel !== 2) return 0;
  const seconds = group.properties.ResiliencyPeriod >= 0 ? group.properties.ResiliencyPeriod : identity.properties.ResiliencyDefaultPeriod;
  return seconds * 1000;
}

export const isVmRole = (objects: ClusterObjects, group: ClusterGroup): boolean => objects.resources.some((r) => r.ownerGroup === group.name && r.resourceType === 'Virtual Machine');

function isolatedAtMs(entries: Readonly<Record<string, DbValue>>, node: string): number | undefined {
  const value = entries[isolatedAtPath(node)];
  return typeof value === 'number' ? value : undefined;
}

const members = (state: ClusterState): Set<string> => new Set(state.view?.members.map((m) => m.name));

/**
 * When `group`'s isolation ends (its owner left and it is a VM role), else undefined. An owner that
 * left but is not yet recorded as isolated is being isolated by this very update: from now.
 */
export function unmonitoredUntilMs(state: ClusterState, objects: ClusterObjects, group: ClusterGroup, nowMs: number): number | undefined {
  const owner = group.ownerNode;
  if (owner === undefined || state.identity === undefined || members(state).has(owner) || !isVmRole(objects, group)) return undefined;
  const periodMs = resiliencyPeriodMs(state.identity, group);
  return periodMs === 0 ? undefined : (isolatedAtMs(state.gum.copy.entries, owner) ?? nowMs) + periodMs;
}

/** Whether `group` is Unmonitored now: its owner is isolated and its period has not ended. */
export function isUnmonitored(state: ClusterState, objects: ClusterObjects, group: ClusterGroup, nowMs: number): boolean {
  const untilMs = unmonitoredUntilMs(state, objects, group, nowMs);
  return untilMs !== undefined && nowMs < untilMs;
}

/** When a node isolated at `atMs` is no longer: the cluster's ResiliencyDefaultPeriod later. */
const nodeIsolationEndsMs = (identity: ClusterIdentity, atMs: number): number => atMs + identity.properties.ResiliencyDefaultPeriod * 1000;

/** Whether `node` is Isolated now (Get-ClusterNode's StatusInformation). */
export function isIsolated(state: ClusterState, node: string, nowMs: number): boolean {
  const atMs = isolatedAtMs(state.gum.copy.entries, node);
  return atMs !== undefined && state.identity !== undefined && !members(state).has(node) && nowMs < nodeIsolationEndsMs(state.identity, atMs);
}

/** Logs an isolation event once per change the leader sees (a refused update is proposed again). */
function announce(state: ClusterState, host: ClusterHost, node: string, phase: 'Isolated' | 'Ended', emit: () => void): void {
  const announced = (state.rcm.isolationAnnounced ??= {});
  if (announced[node] === phase) return;
  announced[node] = phase;
  emit();
}

/** Wakes the leader when the first isolation it is waiting out ends (one timer at a time). */
export function wakeAt(state: ClusterState, host: ClusterHost, atMs: number): void {
  const nowMs = host.io.now();
  const armed = state.rcm.isolationWakeAtMs;
  if (armed !== undefined && armed > nowMs && armed <= atMs) return;
  state.rcm.isolationWakeAtMs = atMs;
  host.io.setTimer(Math.max(0, atMs - nowMs), { subsystem: 'cluster', type: 'Reconcile' });
}

const vmGroupsOwnedBy = (objects: ClusterObjects, node: string): ClusterGroup[] => objects.groups.filter((g) => g.ownerNode === node && isVmRole(objects, g));

/**
 * The leader's part, each reconcile: a node that left owning VM roles becomes Isolated (1673, 1681);
 * one that is a member again is no longer (1680, 1682). A period that ran out is announced once its
 * roles are placed elsewhere (rcm.ts placeOrphans no longer skips them).
 */
export function isolationChanges(state: ClusterState, host: ClusterHost, objects: ClusterObjects): DbChange[] {
  const identity = state.identity;
  if (identity === undefined) return [];
  const nowMs = host.io.now();
  const inView = members(state);
  const changes: DbChange[] = [];
  for (const { name: node } of identity.nodes) {
    const atMs = isolatedAtMs(state.gum.copy.entries, node);
    const groups = vmGroupsOwnedBy(objects, node).map((g) => g.name);
    if (inView.has(node)) {
      if (atMs === undefined) continue;
      changes.push({ op: 'DeleteValue', path: isolatedAtPath(node) });
      if (nowMs < nodeIsolationEndsMs(identity, atMs)) {
        announce(state, host, node, 'Ended', () => {
          host.io.emit({ type: 'NodeIsolationEnded', node, rejoined: true });
          if (groups.length > 0) host.io.emit({ type: 'GroupsMonitoredAgain', node, groups, failedOver: false });
        });
      }
      continue;
    }
    if (atMs !== undefined) {
      if (nowMs >= nodeIsolationEndsMs(identity, atMs)) {
        announce(state, host, node, 'Ended', () => {
          host.io.emit({ type: 'NodeIsolationEnded', node, rejoined: false });
          if (groups.length > 0) host.io.emit({ type: 'GroupsMonitoredAgain', node, groups, failedOver: true });
        });
      }
      continue;
    }
    const isolating = objects.groups.filter((g) => g.ownerNode === node && isVmRole(objects, g) && resiliencyPeriodMs(identity, g) > 0);
    if (isolating.length === 0) continue;
    changes.push({ op: 'SetValue', path: isolatedAtPath(node), value: nowMs });
    announce(state, host, node, 'Isolated', () => {
      host.io.emit({ type: 'NodeIsolated', node, resiliencyPeriodSeconds: identity.properties.ResiliencyDefaultPeriod });
      host.io.emit({ type: 'GroupsUnmonitored', node, groups: isolating.map((g) => g.name) });
    });
  }
  return changes;
}
