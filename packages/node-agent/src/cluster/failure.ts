// A resource failed on this node (its health check, a lost disk, or Test-ClusterResourceFailure):
// the restart policy restarts it here up to RestartThreshold times in RestartPeriod, after
// RestartDelay; then its group fails over to the next node in its list, unless the group has
// failed over FailoverThreshold times in FailoverPeriod already (1254), when it stays Failed and
// is tried again after RetryPeriodOnFailure (facts §4.3–4.5; resources/resource-failure.ts).
// A group's failovers are counted cluster-wide: the update that moves it records them.
import type { DbChange } from '../gum/mod.js';
import { planResourceFailure } from '../resources/mod.js';
import { decodeObjects } from './schema.js';
import { handOver, placementNodes, propose, retryLater } from './rcm.js';
import type { ClusterHost, ClusterState, ClusterWork } from './types.js';

/** Never again by itself: only an administrator's Start-ClusterResource or a move brings it back. */
const neverMs = Number.MAX_SAFE_INTEGER;

export const failoverHistoryPath = (group: string) => `Cluster/FailoverHistory/${group}`;

export function failoverHistory(state: ClusterState, group: string): number[] {
  const value = state.gum.copy.entries[failoverHistoryPath(group)];
  return Array.isArray(value) ? value.map(Number) : [];
}

/** Fails `name` here; returns why it cannot, or undefined. */
export function failResource(state: ClusterState, host: ClusterHost, name: string, work: ClusterWork[]): string | undefined {
  const { io } = host;
  const nowMs = io.now();
  const objects = decodeObjects(state.gum.copy.entries);
  const resource = objects.resources.find((r) => r.name === name);
  const group = resource && objects.groups.find((g) => g.name === resource.ownerGroup);
  if (!resource || !group) return `The cluster resource '${name}' was not found.`;
  const hosted = state.rcm.hosted[name]?.state;
  if (hosted !== 'Online' && hosted !== 'OnlinePending') return `The resource '${name}' is not online on '${state.config.name}'.`;
  const plan = planResourceFailure({
    resource,
    group,
    groupResources: objects.resources.filter((r) => r.ownerGroup === group.name),
    node: state.config.name,
    nodes: placementNodes(state),
    clusterNodeCount: state.identity?.nodes.length ?? 1,
    failureTimesMs: state.rcm.failures[name] ?? [],
    failoverTimesMs: failoverHistory(state, group.name),
    nowMs,
    random: () => io.random(),
  });
  for (const event of plan.events) io.emit(event);
  state.rcm.hosted[name] = { state: 'Failed', sinceMs: nowMs };
  switch (plan.kind) {
    case 'RestartHere':
      state.rcm.failures[name] = plan.failureTimesMs;
      retryLater(state, host, name, plan.delayMs);
      break;
    case 'StayFailed':
      state.rcm.failures[name] = plan.failureTimesMs;
      state.rcm.retryAtMs[name] = neverMs;
      break;
    case 'FailOver': {
      delete state.rcm.failures[name];
      state.rcm.retryAtMs[name] = neverMs;
      const moved = structuredClone(objects);
      handOver(moved, group.name, plan.target);
      const changes: DbChange[] = [
        { op: 'SetValue', path: `Groups/${group.name}/OwnerNode`, value: plan.target },
        { op: 'SetValue', path: `Groups/${group.name}/State`, value: 'Pending' },
        ...moved.resources.filter((r) => r.ownerGroup === group.name).map((r): DbChange => ({ op: 'SetValue', path: `Resources/${r.name}/State`, value: 'Offline' })),
        { op: 'SetValue', path: failoverHistoryPath(group.name), value: plan.failoverTimesMs },
      ];
      propose(state, host, changes, work);
      break;
    }
    case 'Terminal':
    case 'NoTarget':
      retryLater(state, host, name, plan.retryAfterMs);
      propose(state, host, [{ op: 'SetValue', path: failoverHistoryPath(group.name), value: plan.failoverTimesMs }], work);
      break;
  }
  work.push({ type: 'Reconcile' });
  return undefined;
}
