// Which groups a node brings online, and in what order, after the cluster starts or after a
// failover moved several groups at once (facts §4.4 [R3]): by Priority, 3000 High first, then
// 2000 Medium, 1000 Low; 0 "No Auto Start" is never started automatically (after a failover it
// is moved but left offline). The core groups come first. After a full cluster start only groups
// whose PersistentState is 1 (online when the cluster stopped) are started ([R2]). Equal
// priorities keep the given order (creation order) [inferred: the product does not document it].
import { groupPriority, type GroupCommonProperties } from './group-properties.js';
import type { ClusterGroup } from './model.js';

export type StartCause = 'ClusterStart' | 'Failover';

export type StartCandidate = Pick<ClusterGroup, 'name' | 'isCoreGroup'> & {
  properties: Pick<GroupCommonProperties, 'Priority' | 'PersistentState'>;
};

export interface StartPlan {
  /** Group names to bring online, in this order. */
  start: string[];
  notStarted: { group: string; reason: string }[];
}

export function autoStartOrder(input: { groups: readonly StartCandidate[]; cause: StartCause }): StartPlan {
  const notStarted: StartPlan['notStarted'] = [];
  const eligible = input.groups.filter((g) => {
    if (g.isCoreGroup) return true;
    if (g.properties.Priority === groupPriority.NoAutoStart) {
      notStarted.push({ group: g.name, reason: `Priority 0 (No Auto Start): clustered role '${g.name}' is not started automatically` });
      return false;
    }
    if (input.cause === 'ClusterStart' && g.properties.PersistentState === 0) {
      notStarted.push({ group: g.name, reason: `PersistentState 0: clustered role '${g.name}' was offline when the cluster stopped` });
      return false;
    }
    return true;
  });
  const rank = (g: StartCandidate) => (g.isCoreGroup ? Number.POSITIVE_INFINITY : g.properties.Priority);
  const start = eligible
    .map((g, index) => ({ g, index }))
    .sort((a, b) => rank(b.g) - rank(a.g) || a.index - b.index)
    .map(({ g }) => g.name);
  return { start, notStarted };
}
