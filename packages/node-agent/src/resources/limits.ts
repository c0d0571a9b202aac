// Bounds for the resource manager's data (STYLE 7). They could move into protocol's limits.ts;
// they live here until the node actor uses them.
import { assert, limits } from '@wsfc-lab/protocol';

export const resourceLimits = {
  /** Failure timestamps kept per resource for the restart policy; a RestartThreshold above it acts as this. */
  failureHistoryMax: 64,
  /** Failover timestamps kept per group; FailoverThreshold nodes − 1 is at most nodesMax − 1. */
  failoverHistoryMax: 128,
  /** Resources one group may hold (bounds the dependency graph walks). */
  resourcesPerGroupMax: 256,
  /** Groups one cluster may hold. */
  groupsMax: 1024,
} as const;

assert(resourceLimits.failoverHistoryMax >= limits.nodesMax, 'failover history must hold nodes − 1 failovers');
assert(resourceLimits.failureHistoryMax >= 3, 'failure history must hold the default RestartThreshold');
