// Bounds of the regroup (STYLE 7). Every list in a regroup message holds at most one entry per
// node of the cluster (limits.nodesMax); a round restarts at most roundRestartsMax times in a row
// before its coordinator backs off and waits for its retry timer.
import { assert, limits } from '@wsfc-lab/protocol';

export const regroupLimits = {
  /** Characters in a node name. */
  nameCharsMax: 64,
  /** Characters in a free-text detail (the quorum sentence of a halt). */
  detailCharsMax: 512,
  /** Immediate restarts of a round (a newer view or a higher promise was reported) before backing off. */
  roundRestartsMax: 4,
  /** Nodes in a cluster, and so in any list a regroup message carries. */
  nodesMax: limits.nodesMax,
} as const;

assert(regroupLimits.roundRestartsMax >= 1, 'a round must be allowed to restart at least once');
assert(regroupLimits.nodesMax <= 64, 'the clique search is sized for at most 64 nodes');
