// Bounds of the initiator's tables, named in protocol's limits module (STYLE 7). A bound that is hit
// drops the newest item, counts it and records a probe; nothing grows without limit.
import { subsystemLimits } from '@wsfc-lab/protocol';

export const storageLimits = subsystemLimits.iscsiInitiator;
