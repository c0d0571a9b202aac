// Bounds of the arbitration's tables, named in protocol's limits module (STYLE 7); one pass fences
// at most every registration a LUN holds.
import { storageLimits as targetLimits, subsystemLimits } from '@wsfc-lab/protocol';

export const arbitrationLimits = { ...subsystemLimits.arbitration, fenceKeysMax: targetLimits.registrationsPerLunMax } as const;
