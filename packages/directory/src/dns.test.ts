// The AD-integrated zone: look-ups, secure dynamic updates and who owns a record.
import test from 'ava';
import type { DirectoryMessage } from '@wsfc-lab/protocol';
import { Harness, expectType } from './_harness.js';

const query = (h: Harness, name: string, source = 'node01') => expectType(h.ask(source, { type: 'DnsQuery', requestId: h.requestId(), requester: source, name }), 'DnsAnswer');

const register = (h: Harness, source: string, name: string, addresses: string[], actingAs?: string) =>
  h.ask(source, { type: 'DnsRegister', requestId: h.requestId(), requester: source, name, addresses, ...(actingAs === undefined ? {} : { actingAs }) });

test('look-up: the host, the nodes and the domain name resolve; an unknown name is NXDOMAIN', (t) => {
  const h = new Harness();
  t.deepEqual(query(h, 'node01').addresses, ['172.16.1.5']);
  const fqdn = query(h, 'NODE02.wsfc.local.');
  t.is(fqdn.name, 'node02.wsfc.local');
  t.deepEqual(fqdn.addresses, ['172.16.1.10']);
  t.is(fqdn.ttlSeconds, 1200);
  t.deepEqual(query(h, 'dc01').addresses, ['172.16.1.1']);
  t.deepEqual(query(h, 'wsfc.local').addresses, ['172.16.1.1']);
  const missing = query(h, 'node03');
  t.is(missing.rcode, 'NXDOMAIN');
  t.deepEqual(missing.addresses, []);
  t.is(query(h, 'www.example.com').rcode, 'NXDOMAIN', 'the server does not recurse');
  t.is(h.state.counters.dnsQueries, 6);
  t.is(h.state.counters.dnsNameErrors, 2);
  t.is(h.state.counters.refusals, 0, 'NXDOMAIN is an answer, not a refusal');
});

test('a query is answered even for a non-member, but a forged requester is refused', (t) => {
  const h = new Harness();
  t.is(query(h, 'node01', 'node03').rcode, 'NOERROR');
  const refused = expectType(h.ask('node03', { type: 'DnsQuery', requestId: 'q', requester: 'node01', name: 'node01' }), 'DirectoryRefused');
  t.is(refused.status, 'ERROR_ACCESS_DENIED');
});

test('a member registers a new name, owns it, and may update it', (t) => {
  const h = new Harness();
  const created = expectType(register(h, 'node01', 'app01', ['172.16.1.50']), 'DnsUpdateResult');
  t.is(created.name, 'app01.wsfc.local');
  t.is(h.state.db.zone['app01']?.owner, 'node01');
  h.nowMs = 60_000;
  const updated = register(h, 'node01', 'app01.wsfc.local', ['172.16.1.51', '172.16.1.51']);
  t.deepEqual(expectType(updated, 'DnsUpdateResult').addresses, ['172.16.1.51']);
  t.true(updated.events.some((event) => event.type === 'DnsRecordChanged' && event.change === 'Updated'));
  t.deepEqual(query(h, 'app01').addresses, ['172.16.1.51']);
  t.is(h.state.db.zone['app01']?.timestampMs, 60_000);
});

test("an update of a record another computer owns is refused (secure dynamic update), and nothing changes", (t) => {
  const h = new Harness();
  const before = h.snapshot();
  const reply = register(h, 'node02', 'node01', ['172.16.1.99']);
  const refused = expectType(reply, 'DirectoryRefused');
  t.is(refused.status, 'DNS_ERROR_RCODE_REFUSED');
  t.true(refused.message.startsWith('DNS operation refused.'));
  t.true(refused.message.includes('NODE01'));
  t.true(reply.events.some((event) => event.type === 'DirectoryRequestRefused' && event.status === 'DNS_ERROR_RCODE_REFUSED' && event.requester === 'node02'));
  t.is(h.snapshot(), before);
  const deregister: DirectoryMessage = { type: 'DnsDeregister', requestId: 'd', requester: 'node02', name: 'node01' };
  t.is(expectType(h.ask('node02', deregister), 'DirectoryRefused').status, 'DNS_ERROR_RCODE_REFUSED');
  t.deepEqual(query(h, 'node01').addresses, ['172.16.1.5']);
});

test('an unjoined computer may not create a record; names outside the zone and bad addresses are refused', (t) => {
  const h = new Harness();
  const before = h.snapshot();
  t.is(expectType(register(h, 'node03', 'node03', ['172.16.1.15']), 'DirectoryRefused').status, 'DNS_ERROR_RCODE_REFUSED');
  t.is(expectType(register(h, 'node01', 'node01.contoso.com', ['172.16.1.5']), 'DirectoryRefused').status, 'DNS_ERROR_RCODE_NOTZONE');
  t.is(expectType(register(h, 'node01', 'app01', ['172.16.1.300']), 'DirectoryRefused').status, 'DNS_ERROR_RCODE_FORMAT_ERROR');
  t.is(expectType(register(h, 'node01', 'bad name', ['172.16.1.3']), 'DirectoryRefused').status, 'DNS_ERROR_RCODE_FORMAT_ERROR');
  t.is(h.snapshot(), before);
  t.is(h.state.counters.refusals, 4);
});

test('the cluster name registers as the CNO, so the node that takes it over after a failover may update it', (t) => {
  const h = new Harness();
  h.ask('node01', { type: 'ComputerObjectCreate', requestId: 'c', requester: 'node01', name: 'wsfc-cluster', objectKind: 'ClusterNameObject' });
  t.is(register(h, 'node01', 'wsfc-cluster', ['172.16.1.100'], 'wsfc-cluster').type, 'DnsUpdateResult');
  t.is(h.state.db.zone['wsfc-cluster']?.owner, 'wsfc-cluster');
  t.is(register(h, 'node02', 'wsfc-cluster', ['172.16.1.100'], 'wsfc-cluster').type, 'DnsUpdateResult', 'node02 acting as the CNO');
  t.is(expectType(register(h, 'node02', 'wsfc-cluster', ['172.16.1.101']), 'DirectoryRefused').status, 'DNS_ERROR_RCODE_REFUSED', 'node02 as itself');
  t.is(expectType(register(h, 'node02', 'x', ['172.16.1.1'], 'no-such-cno'), 'DirectoryRefused').status, 'DNS_ERROR_RCODE_REFUSED');
});

test('deregistration by the owner deletes the name; a deleted owner leaves its record to the DC', (t) => {
  const h = new Harness();
  register(h, 'node01', 'app01', ['172.16.1.50']);
  const gone = h.ask('node01', { type: 'DnsDeregister', requestId: 'd', requester: 'node01', name: 'app01' });
  t.deepEqual(expectType(gone, 'DnsUpdateResult').addresses, []);
  t.is(query(h, 'app01').rcode, 'NXDOMAIN');
  t.true(h.cmdlet('Remove-ADComputer', { Identity: 'node02', Confirm: false }).ok);
  t.is(h.state.db.zone['node02']?.owner, 'dc01');
  t.deepEqual(query(h, 'node02').addresses, ['172.16.1.10'], 'the stale record stays');
});

test('a static record an administrator added refuses dynamic updates unless it allows updates by anyone', (t) => {
  const h = new Harness();
  t.true(h.cmdlet('Add-DnsServerResourceRecordA', { ZoneName: 'wsfc.local', Name: 'static1', IPv4Address: '172.16.1.60' }).ok);
  t.true(h.cmdlet('Add-DnsServerResourceRecordA', { ZoneName: 'wsfc.local', Name: 'shared1', IPv4Address: '172.16.1.61', AllowUpdateAny: true }).ok);
  t.is(expectType(register(h, 'node01', 'static1', ['172.16.1.62']), 'DirectoryRefused').status, 'DNS_ERROR_RCODE_REFUSED');
  t.is(register(h, 'node01', 'shared1', ['172.16.1.62']).type, 'DnsUpdateResult');
  t.deepEqual(query(h, 'shared1').addresses, ['172.16.1.62']);
});
