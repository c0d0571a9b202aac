// Bounds of the per-node cluster.log ring, named in protocol's limits module (STYLE 7).
import { subsystemLimits } from '@wsfc-lab/protocol';

export const clusterLogLimits = subsystemLimits.clusterLog;
