// The storage target package: the iSCSI target server actor, and the pure pieces other packages
// use (persistent reservations, the on-disk volume layout, IQN helpers).
export { storageTargetActor, type StorageTargetInput } from './actor.js';
export {
  defaultVirtualDiskPath,
  machineOfInitiator,
  microsoftInitiatorIqn,
  storageTargetConfigFromLab,
  targetIqnFor,
  type LabStorageTarget,
  type StorageTargetConfig,
  type StorageTargetLunConfig,
  type StorageTargetTargetConfig,
} from './config.js';
export { checkInvariants } from './invariants.js';
export type { StorageTargetState, StorageTimer } from './state.js';
export * from './reservations.js';
export { describeSense, sense } from './sense.js';
export { formatInitiatorId, initiatorAllowed, parseInitiatorId, type InitiatorId, type LoginIdentity } from './acl.js';
export { decodeGuid, encodeGuid, isGuid, randomGuid } from './guid.js';
export * from './volume-layout.js';
