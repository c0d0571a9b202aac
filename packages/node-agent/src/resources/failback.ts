// Failback (facts §4.4 [R3], §5.2): with AutoFailbackType 1 and preferred owners, a group that
// is not on its most preferred available owner moves back to it when that node is Up again, but
// only inside the failback window; outside it, the caller sets a timer for when the window
// opens and asks again. AutoFailbackType 0 (the default) never fails back. The target is the
// first preferred owner that can host the group now (eligibility.ts).
import { whyNodeCannotHost, type EligibilityInput } from './eligibility.js';
import { failbackWindowState } from './failback-window.js';
import type { GroupCommonProperties } from './group-properties.js';
import type { ClusterGroup, PlacementNode } from './model.js';
import type { TimeOfDay } from './time-of-day.js';

export interface FailbackInput extends EligibilityInput {
  group: Pick<ClusterGroup, 'name' | 'ownerNode' | 'preferredOwners'> & {
    properties: Pick<GroupCommonProperties, 'AutoFailbackType' | 'FailbackWindowStart' | 'FailbackWindowEnd'>;
  };
  nodes: readonly PlacementNode[];
  nowMs: number;
  timeOfDay: TimeOfDay;
}

export type FailbackDecision =
  | { kind: 'NoFailback'; reason: string }
  | { kind: 'FailbackNow'; target: string }
  | { kind: 'WaitForWindow'; target: string; opensInMs: number; opensAtMs: number };

export function decideFailback(input: FailbackInput): FailbackDecision {
  const { group } = input;
  const none = (reason: string): FailbackDecision => ({ kind: 'NoFailback', reason: `clustered role '${group.name}': ${reason}` });
  if (group.properties.AutoFailbackType !== 1) return none('AutoFailbackType is 0 (prevent failback)');
  if (group.preferredOwners.length === 0) return none('no preferred owners, so there is nowhere to fail back to');
  const byName = new Map(input.nodes.map((n) => [n.name, n] as const));
  const target = group.preferredOwners.find((name) => {
    const node = byName.get(name);
    return node !== undefined && (name === group.ownerNode || whyNodeCannotHost(node, input) === undefined);
  });
  if (target === undefined) return none('no preferred owner can host it now');
  if (target === group.ownerNode) return none(`already on its most preferred available owner '${target}'`);
  const window = failbackWindowState(group.properties, input.timeOfDay(input.nowMs));
  switch (window.kind) {
    case 'NoWindow':
    case 'Open':
      return { kind: 'FailbackNow', target };
    case 'Closed':
      return { kind: 'WaitForWindow', target, opensInMs: window.opensInMs, opensAtMs: input.nowMs + window.opensInMs };
    case 'Empty':
      return none(`FailbackWindowStart equals FailbackWindowEnd (${group.properties.FailbackWindowStart}), an empty failback window`);
  }
}
