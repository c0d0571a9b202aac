// @wsfc-lab/directory: the AD DS + DNS actor (the lab's domain controller) and the pure pieces other
// actors use offline: ticket verification, the client-side texts for an unreachable directory, and
// Resolve-DnsName's reply for a DnsAnswer.
export { directoryActor, type DirectoryTimer } from './directory.js';
export { directoryDefaults, type DirectoryConfig, type DirectoryMachine } from './config.js';
export type { DirectoryState, DirectoryCounters } from './state.js';
export { checkDirectoryInvariants as checkInvariants } from './invariants.js';
export { verifyTicket, clockSkewMsMax, type TicketVerdict, type TicketVerdictFailure } from './ticket.js';
export { directoryUnreachable, statusText } from './errors.js';
export { resolveDnsNameReply } from './dns-cmdlets.js';
export { directoryCmdletNames } from './cmdlets.js';
export { directoryLimits } from './limits.js';
export { parseServicePrincipal, type ServicePrincipal } from './names.js';
export { delegationAllows } from './kdc.js';
