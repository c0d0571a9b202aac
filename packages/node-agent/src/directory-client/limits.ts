// Bounds of what a directory channel keeps, named in protocol's limits module (STYLE 7). A request that would overflow the pending
// table is not sent: it completes at once with an `Overloaded` failure, counted. A full cache
// evicts what expires first; nothing grows without limit.
import { assert, subsystemLimits } from '@wsfc-lab/protocol';
import { directoryClientDefaults } from './config.js';

export const directoryClientLimits = {
  ...subsystemLimits.directoryClient,
  /** Attempts of one request (the DNS query schedule has the most). */
  attemptsMax: directoryClientDefaults.dnsQueryAttemptTimeoutsMs.length,
} as const;

assert(directoryClientLimits.pendingRequestsMax > 0 && directoryClientLimits.cachedTicketsMax > 0, 'directory client limits must be positive');
assert(
  directoryClientDefaults.dnsQueryAttemptTimeoutsMs.reduce((sum, ms) => sum + ms, 0) === directoryClientDefaults.dcLocatorTimeoutMs,
  'the DC locator gives up when the DNS query schedule does',
);
