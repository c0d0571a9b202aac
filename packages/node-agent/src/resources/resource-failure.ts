// The whole answer to "resource X failed on this node" (facts §4.3 steps 1–4, §4.4, §4.5), put
// together from the restart policy, the failover policy and placement, so the node actor has
// one plan to carry out:
// - RestartHere: set a timer for delayMs, then bring the resource online again here.
// - StayFailed: leave it Failed (RestartAction 0 or 1); its group is Failed now.
// - FailOver: take the group offline (dependents first) and move it to `target`.
// - Terminal: FailoverThreshold is spent (1254); the group is left Failed and retried after
//   RetryPeriodOnFailure.
// - NoTarget: a failover is allowed but no node can host the group; left Failed, retried later.
// Every plan carries its events in order: 1069 first, then 1205 and 1254 where the group is left
// Failed [inferred order].
import type { ResourceManagerEvent } from './events.js';
import { decideFailover } from './failover-policy.js';
import type { GroupCommonProperties } from './group-properties.js';
import type { ClusterGroup, ClusterResource, PlacedResource, PlacementNode } from './model.js';
import { selectTargetNode } from './placement.js';
import { decideRestart } from './restart-policy.js';

export interface ResourceFailureInput {
  resource: Pick<ClusterResource, 'name' | 'resourceType' | 'properties'>;
  group: Pick<ClusterGroup, 'name' | 'ownerNode' | 'preferredOwners'> & {
    properties: Pick<GroupCommonProperties, 'FailoverThreshold' | 'FailoverPeriod'>;
  };
  /** Every resource of the group, for possible owners. */
  groupResources: readonly PlacedResource[];
  /** The node it failed on (the group's owner). */
  node: string;
  nodes: readonly PlacementNode[];
  clusterNodeCount: number;
  /** This resource's earlier failures on this node, and the group's earlier failovers (ms). */
  failureTimesMs: readonly number[];
  failoverTimesMs: readonly number[];
  nowMs: number;
  random: () => number;
  requiredMemoryBytes?: number;
}

interface Common {
  events: ResourceManagerEvent[];
}

export type ResourceFailurePlan =
  | (Common & { kind: 'RestartHere'; delayMs: number; failureTimesMs: number[] })
  | (Common & { kind: 'StayFailed'; reason: string; failureTimesMs: number[] })
  | (Common & { kind: 'FailOver'; target: string; candidates: string[]; failoverTimesMs: number[] })
  | (Common & { kind: 'Terminal'; retryAfterMs: number; failoverTimesMs: number[] })
  | (Common & { kind: 'NoTarget'; reason: string; retryAfterMs: number; failoverTimesMs: number[] });

export function planResourceFailure(input: ResourceFailureInput): ResourceFailurePlan {
  const { resource, group, node, nowMs } = input;
  const restart = decideRestart({
    resource: resource.name,
    group: group.name,
    resourceType: resource.resourceType,
    node,
    properties: resource.properties,
    failureTimesMs: input.failureTimesMs,
    nowMs,
  });
  const groupFailed: ResourceManagerEvent = { type: 'GroupFailedOnlineOffline', group: group.name, node };
  switch (restart.kind) {
    case 'RestartHere':
      return { kind: 'RestartHere', delayMs: restart.delayMs, failureTimesMs: restart.failureTimesMs, events: [restart.event] };
    case 'StayFailed':
      return { kind: 'StayFailed', reason: restart.reason, failureTimesMs: restart.failureTimesMs, events: [restart.event, groupFailed] };
    case 'FailGroupOver':
      break;
  }
  const retryAfterMs = resource.properties.RetryPeriodOnFailure;
  const failover = decideFailover({
    group: group.name,
    node,
    properties: group.properties,
    clusterNodeCount: input.clusterNodeCount,
    failoverTimesMs: input.failoverTimesMs,
    nowMs,
  });
  if (failover.kind === 'Terminal') {
    return { kind: 'Terminal', retryAfterMs, failoverTimesMs: failover.failoverTimesMs, events: [restart.event, groupFailed, failover.event] };
  }
  const placement = selectTargetNode({
    group,
    resources: input.groupResources,
    nodes: input.nodes,
    cause: 'ResourceFailure',
    random: input.random,
    ...(input.requiredMemoryBytes === undefined ? {} : { requiredMemoryBytes: input.requiredMemoryBytes }),
  });
  if (!placement.ok) {
    return { kind: 'NoTarget', reason: placement.error.message, retryAfterMs, failoverTimesMs: input.failoverTimesMs.slice(), events: [restart.event, groupFailed] };
  }
  return {
    kind: 'FailOver',
    target: placement.value.target,
    candidates: placement.value.candidates,
    failoverTimesMs: failover.failoverTimesMs,
    events: [restart.event],
  };
}
