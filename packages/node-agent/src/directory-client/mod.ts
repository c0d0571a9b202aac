// The directory client's public surface: the subsystem the node wires in, and the pure request API
// other subsystems (the cluster service) use over a channel of their own.
export { directoryClient, type DirectoryClientState, type DirectoryClientTimer } from './subsystem.js';
export { directoryClientDefaults, type NodeDirectoryConfig } from './config.js';
export { directoryClientLimits } from './limits.js';
export {
  newChannel,
  onDirectoryFrame,
  onAttemptTimer,
  cancelRequest,
  checkChannel,
  isDirectoryResponse,
  attemptTimeoutsMs,
  type DirectoryChannel,
  type ChannelContext,
  type AttemptTimer,
  type PendingRequest,
} from './channel.js';
export { resolveName, requestServiceTicket, joinDomain, registerName, deregisterName, createComputerObject, changeComputerObject } from './requests.js';
export { acceptTicket, usableTicket, ticketRows } from './ticket-cache.js';
export { isMember, loadMembership, type DomainMembership } from './domain-membership.js';
export type {
  ChannelTag,
  DirectoryCompletion,
  CompletionOf,
  DirectoryFailure,
  DirectoryResult,
  DirectoryResults,
  DirectoryOperation,
  NameResolution,
  Started,
} from './operations.js';
