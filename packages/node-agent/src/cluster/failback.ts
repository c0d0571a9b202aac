// Failback (facts §4.4, §5.2): the placement leader moves a group back to its most preferred
// owner once that node is Up again, if the group allows failback (AutoFailbackType 1), and only
// inside its failback window by the nodes' local time; outside it, it looks again when the window
// opens. AutoFailbackType 0, the default, never fails back.
import { dayMs, decideFailback, timeOfDayFrom, type ClusterObjects } from '../resources/mod.js';
import { placementNodes } from './rcm.js';
import { planMove, plannedMovePath } from './planned-moves.js';
import type { DbChange } from '../gum/mod.js';
import type { ClusterHost, ClusterState } from './types.js';

/** The lab's default clock: 2026-01-05 00:00 UTC at simulated 0 (lab-defaults.ts). */
const defaultClock = { labEpochMs: 1_767_571_200_000, utcOffsetMinutes: 0 };

export function localTimeOfDay(state: ClusterState): (atMs: number) => number {
  const clock = state.config.clock ?? defaultClock;
  const startTimeOfDayMs = (((clock.labEpochMs + (clock.utcOffsetMinutes ?? 0) * 60_000) % dayMs) + dayMs) % dayMs;
  return timeOfDayFrom({ startTimeOfDayMs });
}

/** The leader's part: groups that may and should go back to a preferred owner are handed over. */
export function failBack(state: ClusterState, host: ClusterHost, objects: ClusterObjects): DbChange[] {
  const changes: DbChange[] = [];
  const nowMs = host.io.now();
  const nodes = placementNodes(state);
  const timeOfDay = localTimeOfDay(state);
  for (const group of objects.groups) {
    if (group.state !== 'Online' || group.properties.AutoFailbackType !== 1) continue;
    const resources = objects.resources.filter((r) => r.ownerGroup === group.name);
    const decision = decideFailback({ group, nodes, resources, nowMs, timeOfDay });
    if (decision.kind === 'FailbackNow') {
      if (state.gum.copy.entries[plannedMovePath(group.name)] === undefined) planMove(objects, group.name, decision.target, changes);
    }
    else if (decision.kind === 'WaitForWindow' && (state.rcm.failbackCheckAtMs ?? Infinity) > decision.opensAtMs) {
      state.rcm.failbackCheckAtMs = decision.opensAtMs;
      host.io.setTimer(decision.opensInMs, { subsystem: 'cluster', type: 'Reconcile' });
    }
  }
  if (state.rcm.failbackCheckAtMs !== undefined && state.rcm.failbackCheckAtMs <= nowMs) delete state.rcm.failbackCheckAtMs;
  return changes;
}
