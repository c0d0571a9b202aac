// The node's storage stack: the subsystem node.ts wires in, the API the cluster service calls, and
// the completions it gets back.
export { storage, type StorageState, type StorageTimer } from './subsystem.js';
export type { NodeStorageConfig, PersistentTargetConfig, PortalRoute } from './config.js';
export { iscsiPortNumber } from './config.js';
export { iscsiInitiatorDefaults, type IscsiInitiatorTiming } from './timing.js';
export type { CompletionTag, StorageCommand, StorageCommandType, StorageCompletion, StorageFailureReason, StorageResult } from './commands.js';
export type { DiskSelector } from './issue.js';
export { takeCompletions } from './settle.js';
export * from './cluster-api.js';
export { setClusterDiskOnline } from './disk-operation.js';
export { letterOf } from './disk-views.js';
