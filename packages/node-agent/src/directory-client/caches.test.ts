// The ticket cache and the DNS client cache: what is reused, until when, and what a full cache drops.
import test from 'ava';
import type { Ticket } from '@wsfc-lab/protocol';
import { mintTicket } from './_fixtures.js';
import { directoryClientDefaults } from './config.js';
import { cacheAnswer, cachedAnswer, clearDnsCache, qualifiedName, type DnsCache } from './dns-cache.js';
import { directoryClientLimits } from './limits.js';
import { acceptTicket, cacheTicket, purgeTickets, ticketKey, ticketRows, usableTicket, type TicketCache } from './ticket-cache.js';

const hourMs = 3_600_000;
const domain = 'wsfc.local';

test('a ticket is reused until five minutes (SkewTime) before it expires; the service accepts it until it expires', (t) => {
  const ticket = mintTicket({ client: 'node01', service: 'cifs/node02', nowMs: 0 });
  t.is(ticket.expiresAtMs, 10 * hourMs, 'the 10 h Kerberos default lifetime');
  const cache: TicketCache = {};
  cacheTicket(cache, { ticket, domain, nowMs: 0 });
  const lastReuseMs = ticket.expiresAtMs - directoryClientDefaults.ticketReuseMarginMs - 1;
  t.is(usableTicket(cache, { service: 'cifs/NODE02.wsfc.local', domain, nowMs: lastReuseMs }), ticket, 'any spelling of the same SPN');
  t.is(usableTicket(cache, { service: 'cifs/node02', domain, nowMs: lastReuseMs + 1 }), undefined);
  t.true(acceptTicket(ticket, { nowMs: ticket.expiresAtMs - 1, serviceClass: 'cifs', host: 'node02' }).ok);
  const expired = acceptTicket(ticket, { nowMs: ticket.expiresAtMs, serviceClass: 'cifs', host: 'node02' });
  t.true(!expired.ok && expired.reason === 'KRB_AP_ERR_TKT_EXPIRED');
  const wrongService = acceptTicket(ticket, { nowMs: 1, serviceClass: 'cifs', host: 'node03' });
  t.true(!wrongService.ok && wrongService.reason === 'KRB_AP_ERR_NOT_US');
  t.true(!acceptTicket({ ...ticket, expiresAtMs: ticket.expiresAtMs + hourMs }, { nowMs: 1, serviceClass: 'cifs', host: 'node02' }).ok, 'a stretched ticket fails its signature');
});

test('a delegation ticket is cached apart from the machine’s own ticket for the same service', (t) => {
  t.not(ticketKey({ service: 'cifs/node02', domain }), ticketKey({ service: 'cifs/node02', domain, onBehalfOf: 'WSFC\\alice' }));
  t.is(ticketKey({ service: 'CIFS/node02.wsfc.local', domain }), 'cifs/node02');
});

test('a full ticket cache drops expired tickets first, then the one that expires first', (t) => {
  const cache: TicketCache = {};
  const fake = (service: string, expiresAtMs: number): Ticket => ({ realm: 'WSFC.LOCAL', client: 'NODE01', service, issuedAtMs: 0, expiresAtMs, nonce: 'n', signature: 's' });
  for (let i = 0; i < directoryClientLimits.cachedTicketsMax; i++) cacheTicket(cache, { ticket: fake(`svc${i}/node02`, 1000 + i), domain, nowMs: 0 });
  cacheTicket(cache, { ticket: fake('new/node02', 5000), domain, nowMs: 0 });
  t.is(Object.keys(cache).length, directoryClientLimits.cachedTicketsMax);
  t.is(cache['svc0/node02'], undefined, 'the soonest to expire went');
  t.truthy(cache['svc1/node02']);
  cacheTicket(cache, { ticket: fake('later/node02', 9000), domain, nowMs: 2000 });
  t.is(Object.keys(cache).length, 2, 'every expired ticket was dropped');
  t.deepEqual(
    ticketRows(cache, 'dc01.wsfc.local').map((row) => row.Server),
    ['later/node02 @ WSFC.LOCAL', 'new/node02 @ WSFC.LOCAL'],
  );
  t.is(purgeTickets(cache), 2);
  t.deepEqual(cache, {});
});

test('a cached DNS answer lives for its TTL, shows the TTL left, and at most one day', (t) => {
  const cache: DnsCache = {};
  cacheAnswer(cache, { fqdn: 'node02.wsfc.local', addresses: ['172.16.1.10'], ttlSeconds: 1200, nowMs: 0 });
  t.is(cachedAnswer(cache, 'node02.wsfc.local', 200_000)?.ttlSeconds, 1000);
  t.is(cachedAnswer(cache, 'node02.wsfc.local', 1_200_000), undefined);
  cacheAnswer(cache, { fqdn: 'long.wsfc.local', addresses: ['172.16.1.20'], ttlSeconds: 7 * 86_400, nowMs: 0 });
  t.is(cachedAnswer(cache, 'long.wsfc.local', 0)?.ttlSeconds, directoryClientDefaults.dnsCacheTtlSecondsMax);
  cacheAnswer(cache, { fqdn: 'zero.wsfc.local', addresses: ['172.16.1.30'], ttlSeconds: 0, nowMs: 0 });
  t.is(cache['zero.wsfc.local'], undefined, 'a TTL of 0 is not cached');
  clearDnsCache(cache);
  t.deepEqual(cache, {});
});

test('a single-label name gets the primary DNS suffix; a dotted name is taken as given', (t) => {
  t.is(qualifiedName('NODE02', domain), 'node02.wsfc.local');
  t.is(qualifiedName('node02.wsfc.local.', domain), 'node02.wsfc.local');
  t.is(qualifiedName('www.example.com', domain), 'www.example.com');
});
