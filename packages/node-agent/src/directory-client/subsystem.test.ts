// The directory client inside the node actor, driven by hand: the DNS Client's registration of the
// machine's own record, Resolve-DnsName, Add-Computer and klist, with the directory's answers
// written out as the directory sends them.
import test from 'ava';
import type { CommandReply, DirectoryRequest, DirectoryResponse } from '@wsfc-lab/protocol';
import { controller, mintTicket, NodeHarness, nodeConfig } from './_fixtures.js';
import { directoryClientDefaults } from './config.js';
import { membershipStoreKey } from './domain-membership.js';
import { directoryClient } from './subsystem.js';

const node01 = () => new NodeHarness(nodeConfig('node01', { address: '172.16.1.5' }));

/** node01 once its start-up registration is done, so the tests below see only their own requests. */
function registeredNode01(): NodeHarness {
  const h = node01();
  h.advanceTo(directoryClientDefaults.registrationStartDelayMs);
  const [register] = h.takeRequests();
  if (register?.type !== 'DnsRegister') throw new Error('node01 did not register at start');
  h.frame(controller, { type: 'DnsUpdateResult', requestId: register.requestId, name: 'node01.wsfc.local', addresses: register.addresses });
  return h;
}
const node03 = () => new NodeHarness(nodeConfig('node03', { address: '172.16.1.15', joined: false }));

function only<T extends DirectoryRequest['type']>(t: { is: (a: unknown, b: unknown, m?: string) => void }, requests: DirectoryRequest[], type: T): Extract<DirectoryRequest, { type: T }> {
  t.is(requests.length, 1, `one request (${requests.map((r) => r.type).join(', ')})`);
  const [request] = requests;
  t.is(request?.type, type);
  return request as Extract<DirectoryRequest, { type: T }>;
}

const answer = (h: NodeHarness, message: DirectoryResponse) => h.frame(controller, message);
const errorOf = (reply: CommandReply | undefined) => (reply !== undefined && !reply.ok ? reply.error.message : undefined);

test('a member registers its A record one second after it starts, and again every 24 hours', (t) => {
  const h = node01();
  t.deepEqual(h.takeRequests(), [], 'nothing before the DNS Client has started');
  h.advanceTo(directoryClientDefaults.registrationStartDelayMs);
  const register = only(t, h.takeRequests(), 'DnsRegister');
  t.like(register, { name: 'node01', addresses: ['172.16.1.5'], requester: 'node01' });
  t.is(h.inspect().directoryClient.registration.state, 'Registering');
  answer(h, { type: 'DnsUpdateResult', requestId: register.requestId, name: 'node01.wsfc.local', addresses: ['172.16.1.5'] });
  t.like(h.inspect().directoryClient.registration, { state: 'Registered', addresses: ['172.16.1.5'] });
  h.advanceBy(directoryClientDefaults.registrationRefreshIntervalMs - 1);
  t.deepEqual(h.takeRequests(), []);
  h.advanceBy(1);
  t.is(only(t, h.takeRequests(), 'DnsRegister').name, 'node01');
});

test('a workgroup machine registers nothing', (t) => {
  const h = node03();
  h.advanceBy(directoryClientDefaults.registrationRefreshIntervalMs);
  t.deepEqual(h.takeRequests(), []);
  t.is(h.inspect().directoryClient.registration.state, 'Off');
});

test('a registration refused because another computer owns the name is tried again in 5 minutes', (t) => {
  const h = node01();
  h.advanceTo(1000);
  const register = only(t, h.takeRequests(), 'DnsRegister');
  answer(h, {
    type: 'DirectoryRefused',
    requestId: register.requestId,
    request: 'DnsRegister',
    status: 'DNS_ERROR_RCODE_REFUSED',
    message: 'DNS operation refused. (the A records of node01.wsfc.local belong to "NODE09", not "NODE01")',
  });
  const registration = h.inspect().directoryClient.registration;
  t.is(registration.state, 'Failed');
  t.true(registration.state === 'Failed' && registration.message.startsWith('DNS operation refused.'));
  h.advanceBy(directoryClientDefaults.registrationRetryMs - 1);
  t.deepEqual(h.takeRequests(), []);
  h.advanceBy(1);
  only(t, h.takeRequests(), 'DnsRegister');
});

test('a registration nobody answers is resent on the DNS schedule, then fails and is retried later', (t) => {
  const h = node01();
  h.advanceTo(1000);
  h.advanceBy(10_000);
  t.is(h.takeRequests().length, 5, 'five attempts');
  t.is(h.inspect().directoryClient.registration.state, 'Failed');
  h.advanceBy(directoryClientDefaults.registrationRetryMs);
  t.is(h.takeRequests().length, 1);
});

test('when its address changes, the member registers the new one at once, replacing an update under way', (t) => {
  const h = node01();
  h.advanceTo(1000);
  const first = only(t, h.takeRequests(), 'DnsRegister');
  h.run((state, io) => directoryClient.addressesChanged(state.directoryClient, ['172.16.1.50'], io));
  const second = only(t, h.takeRequests(), 'DnsRegister');
  t.deepEqual(second.addresses, ['172.16.1.50']);
  t.not(second.requestId, first.requestId);
  answer(h, { type: 'DnsUpdateResult', requestId: first.requestId, name: 'node01.wsfc.local', addresses: ['172.16.1.5'] });
  t.is(h.inspect().directoryClient.registration.state, 'Registering', 'the replaced update’s answer is nobody’s');
  answer(h, { type: 'DnsUpdateResult', requestId: second.requestId, name: 'node01.wsfc.local', addresses: ['172.16.1.50'] });
  t.like(h.inspect().directoryClient.registration, { state: 'Registered', addresses: ['172.16.1.50'] });
});

test('Register-DnsClient registers at once and returns before the update is answered', (t) => {
  const h = node01();
  const id = h.cmdlet('Register-DnsClient');
  t.deepEqual(h.reply(id), { ok: true, output: null });
  only(t, h.takeRequests(), 'DnsRegister');
});

test('Resolve-DnsName: the real rows, then the cache with the TTL left; NXDOMAIN is the real error', (t) => {
  const h = registeredNode01();
  const id = h.cmdlet('Resolve-DnsName', { $positional: ['node02'] });
  const query = only(t, h.takeRequests(), 'DnsQuery');
  t.is(query.name, 'node02');
  answer(h, { type: 'DnsAnswer', requestId: query.requestId, name: 'node02.wsfc.local', rcode: 'NOERROR', addresses: ['172.16.1.10'], ttlSeconds: 1200 });
  t.deepEqual(h.reply(id), { ok: true, output: [{ Name: 'node02.wsfc.local', Type: 'A', TTL: 1200, Section: 'Answer', IPAddress: '172.16.1.10' }] });
  h.advanceBy(300_000);
  const cached = h.cmdlet('Resolve-DnsName', { Name: 'NODE02.wsfc.local' });
  t.deepEqual(h.takeRequests(), [], 'answered from the cache');
  t.deepEqual(h.reply(cached), { ok: true, output: [{ Name: 'node02.wsfc.local', Type: 'A', TTL: 900, Section: 'Answer', IPAddress: '172.16.1.10' }] });
  const missing = h.cmdlet('Resolve-DnsName', { Name: 'node99' });
  const q2 = only(t, h.takeRequests(), 'DnsQuery');
  answer(h, { type: 'DnsAnswer', requestId: q2.requestId, name: 'node99.wsfc.local', rcode: 'NXDOMAIN', addresses: [], ttlSeconds: 0 });
  t.is(errorOf(h.reply(missing)), 'node99 : DNS name does not exist');
});

test('Resolve-DnsName with the DNS server silent fails after 10 s with "This operation returned because the timeout period expired"', (t) => {
  const h = registeredNode01();
  const id = h.cmdlet('Resolve-DnsName', { Name: 'node02' });
  h.advanceBy(9_999);
  t.is(h.reply(id), undefined, 'still waiting');
  h.advanceBy(1);
  t.true(errorOf(h.reply(id))?.startsWith('node02 : This operation returned because the timeout period expired'));
  const reply = h.reply(id);
  t.is(reply?.ok === false ? reply.error.errorId : '', 'ERROR_TIMEOUT,Microsoft.DnsClient.Commands.ResolveDnsName');
});

test('Resolve-DnsName: another record type gets no A rows; bad or unmodelled parameters are refused by name', (t) => {
  const h = registeredNode01();
  const aaaa = h.cmdlet('Resolve-DnsName', { $positional: ['node02', 'AAAA'] });
  const query = only(t, h.takeRequests(), 'DnsQuery');
  answer(h, { type: 'DnsAnswer', requestId: query.requestId, name: 'node02.wsfc.local', rcode: 'NOERROR', addresses: ['172.16.1.10'], ttlSeconds: 1200 });
  t.deepEqual(h.reply(aaaa), { ok: true, output: [] });
  t.regex(errorOf(h.reply(h.cmdlet('Resolve-DnsName', {}))) ?? '', /missing mandatory parameters: Name/);
  t.regex(errorOf(h.reply(h.cmdlet('Resolve-DnsName', { Name: 'x', Type: 'BOGUS' }))) ?? '', /"BOGUS"/);
  t.regex(errorOf(h.reply(h.cmdlet('Resolve-DnsName', { Name: 'x', CacheOnly: true }))) ?? '', /-CacheOnly is not modelled/);
  t.regex(errorOf(h.reply(h.cmdlet('Resolve-DnsName', { Name: 'x', Server: '8.8.8.8' }))) ?? '', /"8\.8\.8\.8"/);
  t.deepEqual(h.takeRequests(), []);
});

test('a machine the lab gave no directory answers Resolve-DnsName with "No DNS servers configured"', (t) => {
  const h = new NodeHarness(nodeConfig('node05', { address: '172.16.1.25', directory: false }));
  t.regex(errorOf(h.reply(h.cmdlet('Resolve-DnsName', { Name: 'node02' }))) ?? '', /^node02 : No DNS servers configured for local system\./);
});

const credential = (userName: string, password: string) => ({ kind: 'hashTable', entries: { UserName: userName, Password: password } });

test('Add-Computer joins a workgroup machine; the join takes effect at its next start, which registers its record', (t) => {
  const h = node03();
  const id = h.cmdlet('Add-Computer', { $positional: ['wsfc.local'], Credential: credential('WSFC\\Administrator', 'P@ssw0rd!'), PassThru: true });
  const join = only(t, h.takeRequests(), 'DomainJoin');
  t.like(join, { domainName: 'wsfc.local', userName: 'WSFC\\Administrator', password: 'P@ssw0rd!', requester: 'node03' });
  t.false(JSON.stringify(h.inspect()).includes('P@ssw0rd!'), 'the node keeps no password in memory');
  answer(h, { type: 'DomainJoinResult', requestId: join.requestId, computerName: 'NODE03', domainName: 'wsfc.local', distinguishedName: 'CN=NODE03,CN=Computers,DC=wsfc,DC=local' });
  t.deepEqual(h.reply(id), { ok: true, output: [{ HasSucceeded: true, ComputerName: 'node03' }] });
  t.deepEqual(h.store.get(membershipStoreKey), { state: 'JoinPending', domain: 'wsfc.local' });
  t.regex(errorOf(h.reply(h.cmdlet('Add-Computer', { DomainName: 'wsfc.local', Credential: credential('WSFC\\Administrator', 'x') }))) ?? '', /already in that domain/);
  h.advanceBy(5000);
  t.deepEqual(h.takeRequests(), [], 'no registration before the restart');
  const again = h.restart();
  t.deepEqual(again.inspect().directoryClient.membership, { state: 'Member', domain: 'wsfc.local' });
  again.advanceBy(1000);
  t.like(only(t, again.takeRequests(), 'DnsRegister'), { name: 'node03', addresses: ['172.16.1.15'] });
});

test('Add-Computer refused by the directory fails with Add-Computer’s wording and the directory’s reason', (t) => {
  const h = node03();
  const id = h.cmdlet('Add-Computer', { DomainName: 'contoso.com', Credential: credential('CONTOSO\\Administrator', 'P@ssw0rd!') });
  const join = only(t, h.takeRequests(), 'DomainJoin');
  answer(h, {
    type: 'DirectoryRefused',
    requestId: join.requestId,
    request: 'DomainJoin',
    status: 'ERROR_NO_SUCH_DOMAIN',
    message: 'The specified domain either does not exist or could not be contacted. (no domain "contoso.com" answers)',
  });
  t.is(
    errorOf(h.reply(id)),
    "Computer 'node03' failed to join domain 'contoso.com' from its current workgroup 'WORKGROUP' with following error message: The specified domain either does not exist or could not be contacted. (no domain \"contoso.com\" answers)",
  );
  t.deepEqual(h.inspect().directoryClient.membership, { state: 'Workgroup' });
});

test('Add-Computer with the directory silent fails after 10 s: "The specified domain either does not exist or could not be contacted."', (t) => {
  const h = node03();
  const id = h.cmdlet('Add-Computer', { DomainName: 'wsfc.local', Credential: credential('WSFC\\Administrator', 'P@ssw0rd!') });
  h.advanceBy(10_000);
  t.regex(errorOf(h.reply(id)) ?? '', /failed to join domain 'wsfc\.local' .* with following error message: The specified domain either does not exist or could not be contacted\./);
  t.is(h.takeRequests().length, 1, 'sent once');
});

test('Add-Computer: a bare user name would prompt (NonInteractive), no credential is the local Administrator', (t) => {
  const h = node03();
  t.regex(errorOf(h.reply(h.cmdlet('Add-Computer', { DomainName: 'wsfc.local', Credential: 'WSFC\\Administrator' }))) ?? '', /NonInteractive mode/);
  t.deepEqual(h.takeRequests(), []);
  h.cmdlet('Add-Computer', { DomainName: 'wsfc.local' });
  t.like(only(t, h.takeRequests(), 'DomainJoin'), { userName: 'node03\\Administrator' });
  t.regex(errorOf(h.reply(h.cmdlet('Add-Computer', { DomainName: 'wsfc.local', Restart: true }))) ?? '', /-Restart is not modelled/);
});

test('klist get asks the KDC once, then uses the cache; purge empties it', (t) => {
  const h = registeredNode01();
  const first = h.cmdlet('klist', { $positional: ['get', 'cifs/node02'] });
  const request = only(t, h.takeRequests(), 'TicketRequest');
  t.is(request.service, 'cifs/node02');
  const ticket = mintTicket({ client: 'node01', service: 'cifs/node02', nowMs: h.nowMs });
  answer(h, { type: 'TicketGrant', requestId: request.requestId, ticket });
  const rows = (reply: CommandReply | undefined) => (reply?.ok ? (reply.output as Record<string, unknown>[]) : []);
  t.like(rows(h.reply(first))[0], { Server: 'cifs/node02 @ WSFC.LOCAL', Client: 'NODE01$ @ WSFC.LOCAL', EndTimeMs: ticket.expiresAtMs, KdcCalled: 'dc01.wsfc.local' });
  h.advanceBy(3_600_000);
  const second = h.cmdlet('klist', { $positional: ['get', 'cifs/node02.wsfc.local'] });
  t.deepEqual(h.takeRequests(), [], 'the cached ticket is reused');
  t.is(rows(h.reply(second)).length, 1);
  t.is(rows(h.reply(h.cmdlet('klist'))).length, 1);
  t.deepEqual(h.reply(h.cmdlet('klist', { $positional: ['purge'] })), { ok: true, output: 'Ticket(s) purged!' });
  t.deepEqual(rows(h.reply(h.cmdlet('klist'))), []);
});

test('klist get with the KDC silent fails after KdcWaitTime with klist’s "no logon servers" text; a workgroup machine fails at once', (t) => {
  const h = registeredNode01();
  const id = h.cmdlet('klist', { $positional: ['get', 'cifs/node02'] });
  h.advanceBy(directoryClientDefaults.kdcWaitTimeMs);
  t.regex(errorOf(h.reply(id)) ?? '', /^klist failed with 0xc000005e\/-1073741730: There are currently no logon servers available to service the logon request\./);
  const w = node03();
  t.regex(errorOf(w.reply(w.cmdlet('klist', { $positional: ['get', 'cifs/node02'] }))) ?? '', /no logon servers/);
  t.deepEqual(w.takeRequests(), []);
});
