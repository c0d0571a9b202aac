// What happens when a resource fails (facts §4.3 [R1] [R4]): event 1069 always; then, while
// fewer than RestartThreshold restarts happened within the last RestartPeriod, a restart on the
// same node after RestartDelay. Over the threshold, RestartAction decides: 1 leaves the
// resource Failed, 2 fails the whole group over. RestartAction 0 never restarts.
//
// The history is the times of this resource's earlier failures on this node; each of them got a
// restart (or the history was cleared by a move). The caller stores the returned history, and
// clears it when the group moves to another node [inferred: counts are per hosting node].
import type { ResourceFailedEvent } from './events.js';
import { resourceLimits } from './limits.js';
import type { ResourceCommonProperties } from './resource-properties.js';
import type { ResourceType } from './resource-type.js';

export interface RestartPolicyInput {
  resource: string;
  group: string;
  resourceType: ResourceType;
  /** The node the resource failed on. */
  node: string;
  properties: Pick<ResourceCommonProperties, 'RestartAction' | 'RestartThreshold' | 'RestartPeriod' | 'RestartDelay'>;
  /** Earlier failures of this resource on this node, simulated ms, oldest first. */
  failureTimesMs: readonly number[];
  nowMs: number;
}

interface Common {
  /** The history to store: failures still inside RestartPeriod, plus this one (bounded). */
  failureTimesMs: number[];
  event: ResourceFailedEvent;
}

export type RestartDecision =
  | (Common & { kind: 'RestartHere'; delayMs: number; restartAttempt: number; restartThreshold: number })
  | (Common & { kind: 'FailGroupOver'; restartsInPeriod: number })
  | (Common & { kind: 'StayFailed'; reason: string });

export function decideRestart(input: RestartPolicyInput): RestartDecision {
  const { properties: p, nowMs } = input;
  const windowStartMs = nowMs - p.RestartPeriod;
  const recent = input.failureTimesMs.filter((t) => t > windowStartMs && t <= nowMs);
  const failureTimesMs = [...recent, nowMs].slice(-resourceLimits.failureHistoryMax);
  const event: ResourceFailedEvent = { type: 'ResourceFailed', resource: input.resource, group: input.group, resourceType: input.resourceType, node: input.node };
  const common = { failureTimesMs, event };
  if (p.RestartAction === 0) {
    return { ...common, kind: 'StayFailed', reason: `RestartAction of resource '${input.resource}' is 0 (do not restart)` };
  }
  const threshold = Math.min(p.RestartThreshold, resourceLimits.failureHistoryMax - 1);
  const restartsInPeriod = recent.length;
  if (restartsInPeriod < threshold) {
    return { ...common, kind: 'RestartHere', delayMs: p.RestartDelay, restartAttempt: restartsInPeriod + 1, restartThreshold: threshold };
  }
  if (p.RestartAction === 1) {
    return {
      ...common,
      kind: 'StayFailed',
      reason: `resource '${input.resource}' was restarted ${restartsInPeriod} times within RestartPeriod ${p.RestartPeriod} ms (RestartThreshold ${p.RestartThreshold}), and RestartAction 1 does not fail the role over`,
    };
  }
  return { ...common, kind: 'FailGroupOver', restartsInPeriod };
}
