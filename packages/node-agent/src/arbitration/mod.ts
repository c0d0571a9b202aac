// Disk arbitration through the storage target (issue 5, item 6): the public surface.
export { initArbitration, stepArbitration } from './arbitration-node.js';
export { checkArbitrationInvariants } from './invariants.js';
export { runArbitration, deliverCompletions, arbitrationConfigOf, type ArbitrationHost, type CarriedOut, type SubmittedCommand } from './host.js';
export { clusterTagOf, reservationKeyOf, nodeIdOfKey, keyNodeIdMax } from './keys.js';
export { arbitrationTagLba, encodeArbitrationTag, decodeArbitrationTag, type ArbitrationTag, type DecodedTag } from './tag-block.js';
export { grantVerdict, type WitnessClaim, type GrantVerdict } from './grant-rule.js';
export { arbitrationDefaults, arbitrationTimingOf, type ArbitrationTiming } from './timing.js';
export { arbitrationLimits } from './limits.js';
export { arbitrationSubsystemName } from './types.js';
export type {
  AcquireFailure,
  ArbitrationCommand,
  ArbitrationConfig,
  ArbitrationInput,
  ArbitrationOutcome,
  ArbitrationPurpose,
  ArbitrationState,
  ArbitrationStepResult,
  ArbitrationStopReason,
  ArbitrationTimer,
  ArbitrationTimerRequest,
  DiskRole,
  DiskState,
  ReservationLossCause,
  WriteResult,
} from './types.js';
