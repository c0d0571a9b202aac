// Bounds of one validation run, named in protocol's limits module (STYLE 7).
import { subsystemLimits } from '@wsfc-lab/protocol';

export const validationLimits = subsystemLimits.validation;
