// The Kerberos stand-in: service tickets, offline verification, expiry, tampering, delegation.
import test from 'ava';
import type { Ticket } from '@wsfc-lab/protocol';
import { Harness, expectType } from './_harness.js';
import { digest128, keyedHash } from './hash.js';
import { signTicket, verifyTicket, type TicketVerdictFailure } from './ticket.js';

const migration = 'Microsoft Virtual System Migration Service/node02';
const tenHoursMs = 10 * 3_600_000;

const ask = (h: Harness, source: string, service: string, onBehalfOf?: string) =>
  h.ask(source, { type: 'TicketRequest', requestId: h.requestId(), requester: source, service, ...(onBehalfOf === undefined ? {} : { onBehalfOf }) });

const grant = (h: Harness, source: string, service: string): Ticket => expectType(ask(h, source, service), 'TicketGrant').ticket;

test('the keyed hash is deterministic and sensitive to the key and to every character', (t) => {
  t.is(digest128('abc'), digest128('abc'));
  t.regex(digest128('abc'), /^[0-9a-f]{32}$/);
  t.not(digest128('abc'), digest128('abd'));
  t.not(keyedHash('k1', 'text'), keyedHash('k2', 'text'));
  t.not(keyedHash('k', 'text'), keyedHash('k', 'texu'));
});

test('a member gets a ticket for another member\'s service that the service verifies offline', (t) => {
  const h = new Harness();
  h.nowMs = 5000;
  const ticket = grant(h, 'node01', migration);
  t.is(ticket.client, 'NODE01');
  t.is(ticket.realm, 'WSFC.LOCAL');
  t.is(ticket.issuedAtMs, 5000);
  t.is(ticket.expiresAtMs, 5000 + tenHoursMs, 'the Kerberos default lifetime of 10 hours');
  const verdict = verifyTicket(ticket, 6000, 'microsoft virtual system migration service/NODE02.wsfc.local');
  t.true(verdict.ok);
  if (verdict.ok) t.is(verdict.client, 'NODE01');
  t.is(h.state.counters.ticketsGranted, 1);
});

test('a ticket expires after its lifetime (the clock moved by hand)', (t) => {
  const h = new Harness();
  const ticket = grant(h, 'node01', 'cifs/node02');
  t.true(verifyTicket(ticket, tenHoursMs - 1, 'cifs/node02').ok);
  const expired = verifyTicket(ticket, tenHoursMs, 'cifs/node02');
  t.false(expired.ok);
  if (!expired.ok) {
    t.is(expired.reason, 'KRB_AP_ERR_TKT_EXPIRED');
    t.true(expired.message.startsWith('Ticket expired'));
  }
});

test('a configured lifetime is honoured', (t) => {
  const h = new Harness({ ...new Harness().config, ticketLifetimeMs: 60_000 });
  const ticket = grant(h, 'node01', 'cifs/node02');
  t.is(ticket.expiresAtMs, 60_000);
  t.false(verifyTicket(ticket, 60_000, 'cifs/node02').ok);
});

test('a tampered or hand-made ticket is refused as modified; a ticket for another service is not for us', (t) => {
  const h = new Harness();
  const ticket = grant(h, 'node01', 'cifs/node02');
  const checks: [unknown, TicketVerdictFailure][] = [
    [{ ...ticket, expiresAtMs: ticket.expiresAtMs + tenHoursMs }, 'KRB_AP_ERR_MODIFIED'],
    [{ ...ticket, client: 'NODE02' }, 'KRB_AP_ERR_MODIFIED'],
    [{ ...ticket, service: 'cifs/node01' }, 'KRB_AP_ERR_MODIFIED'],
    [{ ...ticket, signature: '0'.repeat(32) }, 'KRB_AP_ERR_MODIFIED'],
    [{ realm: 'WSFC.LOCAL', client: 'NODE01', service: 'cifs/node02' }, 'KRB_AP_ERR_MODIFIED'],
    ['not a ticket', 'KRB_AP_ERR_MODIFIED'],
    [ticket, 'KRB_AP_ERR_NOT_US'],
  ];
  for (const [candidate, reason] of checks) {
    const verdict = verifyTicket(candidate, 1000, reason === 'KRB_AP_ERR_NOT_US' ? 'cifs/node01' : 'cifs/node02');
    t.false(verdict.ok);
    if (!verdict.ok) t.is(verdict.reason, reason);
  }
  t.true(verifyTicket(ticket, 1000, 'cifs/node02').ok, 'the untouched ticket still verifies');
});

test('a ticket issued in the future (beyond the 5-minute skew) is not yet valid', (t) => {
  const ticket = signTicket({ realm: 'WSFC.LOCAL', client: 'NODE01', service: 'cifs/node02', issuedAtMs: 1_000_000, expiresAtMs: 2_000_000, nonce: 'n1' });
  const verdict = verifyTicket(ticket, 1_000_000 - 300_001, 'cifs/node02');
  t.false(verdict.ok);
  if (!verdict.ok) t.is(verdict.reason, 'KRB_AP_ERR_TKT_NYV');
  t.true(verifyTicket(ticket, 1_000_000 - 300_000, 'cifs/node02').ok);
});

test('tickets from before a directory outage keep working offline until they expire', (t) => {
  const h = new Harness();
  const ticket = grant(h, 'node01', 'cifs/node02');
  // The directory is gone: nothing answers any more, but the service needs nobody to verify.
  t.true(verifyTicket(structuredClone(ticket), 3_600_000, 'cifs/node02').ok);
  t.false(verifyTicket(ticket, tenHoursMs + 1, 'cifs/node02').ok);
});

test('the KDC refuses unjoined and disabled clients, unknown and disabled services', (t) => {
  const h = new Harness();
  const before = h.snapshot();
  t.is(expectType(ask(h, 'node03', 'cifs/node02'), 'DirectoryRefused').status, 'KDC_ERR_C_PRINCIPAL_UNKNOWN');
  t.is(expectType(ask(h, 'node01', 'cifs/node09'), 'DirectoryRefused').status, 'KDC_ERR_S_PRINCIPAL_UNKNOWN');
  t.is(expectType(ask(h, 'node01', 'cifs/node02.contoso.com'), 'DirectoryRefused').status, 'KDC_ERR_S_PRINCIPAL_UNKNOWN');
  t.is(expectType(ask(h, 'node01', 'no-slash'), 'DirectoryRefused').status, 'KDC_ERR_S_PRINCIPAL_UNKNOWN');
  t.is(h.snapshot(), before);
  h.cmdlet('Set-ADComputer', { Identity: 'node02', Enabled: false });
  t.is(expectType(ask(h, 'node01', 'cifs/node02'), 'DirectoryRefused').status, 'KDC_ERR_SERVICE_REVOKED');
  t.is(expectType(ask(h, 'node02', 'cifs/node01'), 'DirectoryRefused').status, 'KDC_ERR_CLIENT_REVOKED');
  t.is(h.state.counters.refusals, 6);
  t.is(h.state.counters.ticketsGranted, 0);
});

test('constrained delegation: refused until msDS-AllowedToDelegateTo lists the service', (t) => {
  const h = new Harness();
  const refused = expectType(ask(h, 'node01', migration, 'WSFC\\Administrator'), 'DirectoryRefused');
  t.is(refused.status, 'KDC_ERR_BADOPTION');
  t.true(refused.message.startsWith('KDC cannot accommodate requested option'));
  const set = h.cmdlet('Set-ADComputer', {
    Identity: 'node01',
    Add: { 'msDS-AllowedToDelegateTo': ['Microsoft Virtual System Migration Service/node02.wsfc.local', 'cifs/node02.wsfc.local'] },
  });
  t.true(set.ok);
  const granted = expectType(ask(h, 'node01', migration, 'WSFC\\Administrator'), 'TicketGrant');
  t.is(granted.ticket.onBehalfOf, 'WSFC\\Administrator');
  const verdict = verifyTicket(granted.ticket, 1, migration);
  t.true(verdict.ok && verdict.onBehalfOf === 'WSFC\\Administrator');
  t.is(expectType(ask(h, 'node01', 'cifs/dc01', 'WSFC\\Administrator'), 'DirectoryRefused').status, 'KDC_ERR_BADOPTION');
});

test('a forged ticket request (frame from node02 claiming node01) is refused', (t) => {
  const h = new Harness();
  const refused = expectType(h.ask('node02', { type: 'TicketRequest', requestId: 't', requester: 'node01', service: 'cifs/node02' }), 'DirectoryRefused');
  t.is(refused.status, 'ERROR_ACCESS_DENIED');
  t.is(h.state.counters.ticketsGranted, 0);
});
