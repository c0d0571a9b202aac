// The Kerberos ticket cache of one logon session, as `klist` shows it: one service ticket per
// service principal. A member asks the KDC only when it holds no usable ticket, so a ticket it
// already has keeps working while the directory is down, until it expires. "Usable" is the real
// client's reuse rule: it expires later than now + SkewTime (KB 837361); the service itself accepts
// the ticket right up to its end time (`acceptTicket`, verifyTicket in @wsfc-lab/directory).
import type { Ticket } from '@wsfc-lab/protocol';
import { parseServicePrincipal, verifyTicket, type TicketVerdict } from '@wsfc-lab/directory';
import { directoryClientDefaults } from './config.js';
import { directoryClientLimits } from './limits.js';

/** Tickets by the canonical form of their service principal (`cifs/node02`), and whom they are for. */
export type TicketCache = Record<string, Ticket>;

/**
 * The key a ticket is cached under: the canonical service principal (else the text in lower case),
 * and for a constrained-delegation ticket the user it acts for.
 */
export function ticketKey(options: { service: string; domain: string; onBehalfOf?: string | undefined }): string {
  const spn = parseServicePrincipal(options.service, options.domain)?.canonical ?? options.service.trim().toLowerCase();
  return options.onBehalfOf === undefined ? spn : `${spn} for ${options.onBehalfOf.toLowerCase()}`;
}

/** The cached ticket for `service` if the client may still reuse it at `nowMs`. */
export function usableTicket(cache: TicketCache, options: { service: string; onBehalfOf?: string | undefined; domain: string; nowMs: number }): Ticket | undefined {
  const ticket = cache[ticketKey(options)];
  if (ticket === undefined) return undefined;
  return ticket.expiresAtMs > options.nowMs + directoryClientDefaults.ticketReuseMarginMs ? ticket : undefined;
}

/** Keeps `ticket`, first dropping expired tickets and, when full, the one that expires first. */
export function cacheTicket(cache: TicketCache, options: { ticket: Ticket; domain: string; nowMs: number }): void {
  for (const [key, held] of Object.entries(cache)) if (held.expiresAtMs <= options.nowMs) delete cache[key];
  const key = ticketKey({ service: options.ticket.service, onBehalfOf: options.ticket.onBehalfOf, domain: options.domain });
  if (cache[key] === undefined && Object.keys(cache).length >= directoryClientLimits.cachedTicketsMax) {
    const [soonest] = Object.entries(cache).sort(([, a], [, b]) => a.expiresAtMs - b.expiresAtMs)[0] ?? [];
    if (soonest !== undefined) delete cache[soonest];
  }
  cache[key] = options.ticket;
}

/** `klist purge`. */
export function purgeTickets(cache: TicketCache): number {
  const keys = Object.keys(cache);
  for (const key of keys) delete cache[key];
  return keys.length;
}

/** One row per cached ticket, as `klist` lists them (times in simulated ms). */
export function ticketRows(cache: TicketCache, kdc: string): Record<string, unknown>[] {
  return Object.values(cache)
    .sort((a, b) => a.issuedAtMs - b.issuedAtMs || a.service.localeCompare(b.service))
    .map((ticket, index) => ({
      '#': index,
      Client: `${ticket.client}$ @ ${ticket.realm}`,
      Server: `${ticket.service} @ ${ticket.realm}`,
      StartTimeMs: ticket.issuedAtMs,
      EndTimeMs: ticket.expiresAtMs,
      KdcCalled: kdc,
    }));
}

/**
 * The service side: checks a ticket a client presented to this machine's `serviceClass` service,
 * offline, as a real service decrypts it with its own key. Works while the directory is down.
 */
export function acceptTicket(ticket: unknown, options: { nowMs: number; serviceClass: string; host: string }): TicketVerdict {
  return verifyTicket(ticket, options.nowMs, `${options.serviceClass}/${options.host}`);
}
