// What AD keeps on disk survives a restart of the directory: a fresh init on the same stores finds
// the accounts and records the previous incarnation wrote, one put per change.
import test from 'ava';
import { Harness, expectType } from './_harness.js';

function populate(h: Harness): void {
  h.ask('node03', { type: 'DomainJoin', requestId: 'j', requester: 'node03', domainName: 'wsfc.local', userName: 'Administrator', password: 'P@ssw0rd!' });
  h.ask('node01', { type: 'ComputerObjectCreate', requestId: 'c', requester: 'node01', name: 'wsfc-cluster', objectKind: 'ClusterNameObject' });
  h.ask('node01', { type: 'ComputerObjectCreate', requestId: 'v', requester: 'node01', name: 'fs01', objectKind: 'VirtualComputerObject', actingAs: 'wsfc-cluster' });
  h.ask('node03', { type: 'DnsRegister', requestId: 'd', requester: 'node03', name: 'node03', addresses: ['172.16.1.15'] });
  h.cmdlet('Set-ADComputer', { Identity: 'node01', Add: { 'msDS-AllowedToDelegateTo': 'cifs/node02' } });
}

test('one put per change, none for a look-up, a ticket or a refusal', (t) => {
  const h = new Harness();
  t.is(h.store.puts, 1, 'the new database is written once at first start');
  populate(h);
  t.is(h.store.puts, 6);
  h.ask('node01', { type: 'DnsQuery', requestId: 'q', requester: 'node01', name: 'node03' });
  h.ask('node01', { type: 'TicketRequest', requestId: 't', requester: 'node01', service: 'cifs/node02' });
  h.ask('node02', { type: 'DnsRegister', requestId: 'x', requester: 'node02', name: 'node03', addresses: ['172.16.1.99'] });
  h.cmdlet('Get-ADComputer', { Filter: '*' });
  t.is(h.store.puts, 6);
});

test('a restarted directory finds its accounts, records and delegation; counters start again', (t) => {
  const first = new Harness();
  populate(first);
  const saved = first.snapshot();
  const second = first.restart();
  t.is(second.snapshot(), saved);
  t.true(second.initEffects.some((effect) => effect.type === 'Emit' && effect.event.type === 'DirectoryDatabaseLoaded' && effect.event.restored));
  t.is(second.store.puts, first.store.puts, 'loading writes nothing');
  t.is(second.state.counters.requests, 0);
  t.deepEqual(expectType(second.ask('node02', { type: 'DnsQuery', requestId: 'q', requester: 'node02', name: 'node03' }), 'DnsAnswer').addresses, ['172.16.1.15']);
  t.is(expectType(second.ask('node01', { type: 'ComputerObjectCreate', requestId: 'c2', requester: 'node01', name: 'wsfc-cluster', objectKind: 'ClusterNameObject' }), 'DirectoryRefused').status, 'NERR_UserExists');
  t.is(second.ask('node01', { type: 'TicketRequest', requestId: 't', requester: 'node01', service: 'cifs/node02', onBehalfOf: 'Administrator' }).type, 'TicketGrant');
  // New objects get new RIDs after a restart, never a reused one.
  second.cmdlet('New-ADComputer', { Name: 'node09' });
  const sids = Object.values(second.state.db.computers).map((object) => object.SID);
  t.is(new Set(sids).size, sids.length);
});

test('the same seed and inputs give the same database, bit for bit', (t) => {
  const a = new Harness();
  const b = new Harness();
  populate(a);
  populate(b);
  t.is(a.snapshot(), b.snapshot());
});

test('a stored database of another domain is a lab error', (t) => {
  const h = new Harness();
  t.throws(() => new Harness({ ...h.config, domain: 'contoso.com' }, h.store, 1), { message: /contoso\.com/ });
});
