// Bounds for the resource manager's data, named in protocol's limits module (STYLE 7).
import { subsystemLimits } from '@wsfc-lab/protocol';

export const resourceLimits = subsystemLimits.resources;
