// The directory actor's state: its resolved configuration, the database it keeps on disk, and the
// counters it keeps in memory (every request, every refusal by status, tickets, look-ups).
import type { ResolvedDirectoryConfig } from './config.js';
import type { DirectoryDatabase } from './database.js';

export interface DirectoryCounters {
  /** Wire requests handled (every DomainJoin, DnsQuery, TicketRequest…). */
  requests: number;
  /** Requests and cmdlets refused, in total and by status. */
  refusals: number;
  refusalsByStatus: Record<string, number>;
  /** Refusals counted but not emitted once `refusalEventsMax` events were emitted. */
  refusalEventsSuppressed: number;
  ticketsGranted: number;
  dnsQueries: number;
  /** Look-ups answered NXDOMAIN (an answer, not a refusal). */
  dnsNameErrors: number;
  cmdlets: number;
}

export interface DirectoryState {
  config: ResolvedDirectoryConfig;
  db: DirectoryDatabase;
  counters: DirectoryCounters;
}

export function newCounters(): DirectoryCounters {
  return {
    requests: 0,
    refusals: 0,
    refusalsByStatus: {},
    refusalEventsSuppressed: 0,
    ticketsGranted: 0,
    dnsQueries: 0,
    dnsNameErrors: 0,
    cmdlets: 0,
  };
}
