// Domain join (Add-Computer -DomainName wsfc.local -Credential WSFC\Administrator) and its refusals.
import test from 'ava';
import { Harness, expectType } from './_harness.js';

const join = (h: Harness, source: string, overrides: { domainName?: string; userName?: string; password?: string } = {}) =>
  h.ask(source, {
    type: 'DomainJoin',
    requestId: h.requestId(),
    requester: source,
    domainName: 'wsfc.local',
    userName: 'WSFC\\Administrator',
    password: 'P@ssw0rd!',
    ...overrides,
  });

test('at lab start the joined machines and the DC have accounts, the unjoined one has none', (t) => {
  const h = new Harness();
  const names = Object.values(h.state.db.computers).map((object) => object.Name).sort();
  t.deepEqual(names, ['DC01', 'NODE01', 'NODE02']);
  t.true(h.initEffects.some((effect) => effect.type === 'Emit' && effect.event.type === 'DirectoryDatabaseLoaded' && !effect.event.restored));
});

test('join: node03 joins with the domain Administrator and gets an enabled, joined account', (t) => {
  const h = new Harness();
  const putsBefore = h.store.puts;
  const answer = join(h, 'node03');
  const reply = expectType(answer, 'DomainJoinResult');
  t.is(reply.computerName, 'NODE03');
  t.true(answer.events.some((event) => event.type === 'ComputerObjectChanged' && event.change === 'Created' && event.name === 'NODE03'));
  t.is(reply.distinguishedName, 'CN=NODE03,CN=Computers,DC=wsfc,DC=local');
  t.is(h.store.puts, putsBefore + 1, 'one put for the change');
  const account = h.state.db.computers['node03'];
  t.true(account?.joined === true && account.Enabled);
  t.true(join(h, 'node03').events.some((event) => event.type === 'DirectoryRequestRefused' && event.status === 'NERR_SetupAlreadyJoined'));
});

test('join: other spellings of the domain and the user are accepted (NetBIOS name, UPN)', (t) => {
  const h = new Harness();
  const reply = join(h, 'node03', { domainName: 'WSFC', userName: 'administrator@wsfc.local' });
  t.is(reply.type, 'DomainJoinResult');
});

test('join: a wrong domain is refused with "domain either does not exist", and nothing changes', (t) => {
  const h = new Harness();
  const before = h.snapshot();
  const reply = join(h, 'node03', { domainName: 'contoso.com' });
  const refused = expectType(reply, 'DirectoryRefused');
  t.is(refused.status, 'ERROR_NO_SUCH_DOMAIN');
  t.true(refused.message.startsWith('The specified domain either does not exist or could not be contacted.'));
  t.true(refused.message.includes('contoso.com'));
  t.is(h.snapshot(), before);
  t.is(h.state.counters.refusalsByStatus['ERROR_NO_SUCH_DOMAIN'], 1);
  t.true(reply.events.some((event) => event.type === 'DirectoryRequestRefused' && event.status === 'ERROR_NO_SUCH_DOMAIN' && event.requester === 'node03'));
});

test('join: a wrong password or another user is refused with "user name or password is incorrect"', (t) => {
  const h = new Harness();
  const before = h.snapshot();
  for (const overrides of [{ password: 'wrong' }, { userName: 'WSFC\\alice' }, { userName: 'CONTOSO\\Administrator' }]) {
    const refused = expectType(join(h, 'node03', overrides), 'DirectoryRefused');
    t.is(refused.status, 'ERROR_LOGON_FAILURE');
    t.true(refused.message.startsWith('The user name or password is incorrect.'));
    t.false(refused.message.includes('wrong'), 'the password is never echoed');
  }
  t.is(h.snapshot(), before);
  t.is(h.state.counters.refusals, 3);
});

test('join: without a configured password any non-empty password of the Administrator is accepted', (t) => {
  const h = new Harness({ name: 'dc01', address: '172.16.1.1', domain: 'wsfc.local', machines: [] });
  t.is(join(h, 'node09', { password: 'anything' }).type, 'DomainJoinResult');
  t.is(expectType(join(h, 'node10', { password: '' }), 'DirectoryRefused').status, 'ERROR_LOGON_FAILURE');
});

test('join: a machine cannot take the name of a cluster account, nor a name over 15 characters', (t) => {
  const h = new Harness();
  h.ask('node01', { type: 'ComputerObjectCreate', requestId: 'x', requester: 'node01', name: 'wsfc-cluster', objectKind: 'ClusterNameObject' });
  t.is(expectType(join(h, 'wsfc-cluster'), 'DirectoryRefused').status, 'NERR_UserExists');
  t.is(expectType(join(h, 'a-very-long-machine-name'), 'DirectoryRefused').status, 'ERROR_INVALID_COMPUTERNAME');
});

test('join: a forged requester (says node03, frame from node02) is refused', (t) => {
  const h = new Harness();
  const before = h.snapshot();
  const reply = h.ask('node02', { type: 'DomainJoin', requestId: 'f1', requester: 'node03', domainName: 'wsfc.local', userName: 'Administrator', password: 'P@ssw0rd!' });
  const refused = expectType(reply, 'DirectoryRefused');
  t.is(refused.status, 'ERROR_ACCESS_DENIED');
  t.is(refused.requestId, 'f1');
  t.true(refused.message.includes('node02'));
  t.is(h.snapshot(), before);
  t.is(h.state.db.computers['node03'], undefined);
});

test('join: a disabled account of a machine that left is taken over by its rejoin', (t) => {
  const h = new Harness();
  t.true(h.cmdlet('Set-ADComputer', { Identity: 'node02', Enabled: false }).ok);
  t.is(join(h, 'node02').type, 'DomainJoinResult');
  t.true(h.state.db.computers['node02']?.Enabled);
});
