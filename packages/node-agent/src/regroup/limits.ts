// Bounds of the regroup, named in protocol's limits module (STYLE 7). Every list in a regroup message
// holds at most one entry per node of the cluster; a round restarts at most roundRestartsMax times in
// a row before its coordinator backs off and waits for its retry timer.
import { subsystemLimits } from '@wsfc-lab/protocol';

export const regroupLimits = subsystemLimits.regroup;
