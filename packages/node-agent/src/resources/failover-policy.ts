// Whether a group may fail over once more (facts §4.4 [R3]): at most FailoverThreshold
// failovers within the last FailoverPeriod hours; 0xFFFFFFFF means nodes − 1. One more and the
// group is left Failed with event 1254; the cluster retries it after RetryPeriodOnFailure
// (facts §4.3).
import type { GroupTerminalFailureEvent } from './events.js';
import { failoverThresholdNodesMinusOne, hourMs, type GroupCommonProperties } from './group-properties.js';
import { resourceLimits } from './limits.js';

/** The threshold in force: the property, or nodes − 1 when it is 0xFFFFFFFF (facts §4.4). */
export function effectiveFailoverThreshold(failoverThreshold: number, clusterNodeCount: number): number {
  if (failoverThreshold === failoverThresholdNodesMinusOne) return Math.max(0, clusterNodeCount - 1);
  return failoverThreshold;
}

export interface FailoverPolicyInput {
  group: string;
  /** The node the group is failing over from. */
  node: string;
  properties: Pick<GroupCommonProperties, 'FailoverThreshold' | 'FailoverPeriod'>;
  /** Nodes in the cluster (configured members, up or not). */
  clusterNodeCount: number;
  /** Earlier failovers of this group, simulated ms, oldest first. */
  failoverTimesMs: readonly number[];
  nowMs: number;
}

export type FailoverDecision =
  | { kind: 'Failover'; failoverAttempt: number; failoverThreshold: number; failoverTimesMs: number[] }
  | { kind: 'Terminal'; failoverThreshold: number; failoverTimesMs: number[]; event: GroupTerminalFailureEvent };

export function decideFailover(input: FailoverPolicyInput): FailoverDecision {
  const { properties: p, nowMs } = input;
  const threshold = effectiveFailoverThreshold(p.FailoverThreshold, input.clusterNodeCount);
  const recent = input.failoverTimesMs.filter((t) => t > nowMs - p.FailoverPeriod * hourMs && t <= nowMs);
  if (recent.length < Math.min(threshold, resourceLimits.failoverHistoryMax)) {
    const failoverTimesMs = [...recent, nowMs].slice(-resourceLimits.failoverHistoryMax);
    return { kind: 'Failover', failoverAttempt: recent.length + 1, failoverThreshold: threshold, failoverTimesMs };
  }
  return {
    kind: 'Terminal',
    failoverThreshold: threshold,
    failoverTimesMs: recent.slice(-resourceLimits.failoverHistoryMax),
    event: { type: 'GroupTerminalFailure', group: input.group, node: input.node, failoverThreshold: threshold, failoverPeriodHours: p.FailoverPeriod },
  };
}
