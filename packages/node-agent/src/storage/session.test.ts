// The initiator's sessions against the real storage target: persistent logins at start, NOP-Out
// keepalives, a refused login with the initiator's real text, recovery after the target restarts
// or the path comes back, and Connect/Disconnect/Get-Iscsi* cmdlets.
import test from 'ava';
import { StorageBench, benchNodeConfig, iqnOf, targetAddress, wsfcTargetIqn } from './_bench.js';
import { submitStorageCommand } from './cluster-api.js';

const twoNodes = () =>
  new StorageBench({ nodes: [benchNodeConfig('node01', { address: '172.16.1.5' }), benchNodeConfig('node02', { address: '172.16.1.10' })] });

const loggedIn = (bench: StorageBench, node: string) => bench.state(node).sessions.find((s) => s.targetIqn === wsfcTargetIqn)?.phase === 'LoggedIn';

test('at start a node in the ACL logs in to its favourite target and its LUNs arrive as disks 1 and 2, Offline by SAN policy', (t) => {
  const bench = twoNodes();
  bench.advance(1000);
  t.true(loggedIn(bench, 'node01'));
  t.true(loggedIn(bench, 'node02'));
  t.deepEqual(bench.eventsOf('IscsiSessionEstablished').map((e) => e.node).sort(), ['node01', 'node02']);
  const disks = bench.state('node01').disks;
  t.deepEqual(disks.map((d) => [d.number, d.name, d.isOffline, d.offlineReason, d.layout?.partitionStyle]), [
    [1, 'Cluster Disk 1', true, 'Policy', 'RAW'],
    [2, 'Witness', true, 'Policy', 'RAW'],
  ]);
  const [session] = bench.ok('node01', 'Get-IscsiSession');
  t.like(session, { TargetNodeAddress: wsfcTargetIqn, InitiatorNodeAddress: iqnOf('node01'), IsConnected: true, IsPersistent: true, InitiatorPortalAddress: '172.16.1.5' });
  t.like(bench.ok('node01', 'Get-IscsiTarget', { NodeAddress: wsfcTargetIqn })[0], { NodeAddress: wsfcTargetIqn, IsConnected: true });
  t.like(bench.ok('node01', 'Get-IscsiTargetPortal')[0], { TargetPortalAddress: targetAddress, TargetPortalPortNumber: 3260 });
});

test('a node outside the target ACL is refused with "Authorization Failure." and keeps no session', (t) => {
  const bench = new StorageBench({ nodes: [benchNodeConfig('node03', { address: '172.16.1.20', favourite: false })] });
  bench.advance(1000);
  t.is(bench.state('node03').sessions.length, 0, 'nothing is logged in at start without a favourite');
  const reply = bench.cmdlet('node03', 'Connect-IscsiTarget', { NodeAddress: wsfcTargetIqn, TargetPortalAddress: targetAddress });
  t.false(reply.ok);
  if (!reply.ok) {
    t.is(reply.error.message, 'Connect-IscsiTarget : Authorization Failure.');
    t.is(reply.error.errorId, 'HRESULT 0xefff000a,Connect-IscsiTarget');
  }
  t.is(bench.state('node03').sessions.length, 0);
  t.is(bench.state('node03').persistentTargets.length, 0, 'a refused login does not become a favourite');
  const refused = bench.eventsOf('IscsiLoginRefused');
  t.is(refused.length, 1);
  t.is(refused[0]?.node, 'node03');
  bench.advance(60_000);
  t.is(bench.sent('node03', 'IscsiLogin'), 1, 'an authorization failure is not retried');
});

test('NOP-Outs go out every 15 s, so the target never drops an idle session', (t) => {
  const bench = twoNodes();
  bench.advance(1000);
  bench.advance(120_000);
  t.is(bench.sent('node01', 'IscsiNopOut'), 8, 'one every nopOutIntervalMs over 121 s');
  t.is(bench.eventsOf('IscsiSessionEnded').length, 0);
  t.true(loggedIn(bench, 'node01'));
  t.is(bench.state('node01').pendingCount, 0);
});

test('after the target restarts, the next NOP-Out is rejected, the session is lost and logged in again after DelayBetweenReconnect', (t) => {
  const bench = twoNodes();
  bench.advance(1000);
  const before = bench.state('node01').sessions[0]?.sessionId;
  bench.restartTarget();
  bench.advance(15_000);
  t.is(bench.state('node01').counters.sessionsLost, 1, 'the rejected NOP-Out ended the session');
  t.false(loggedIn(bench, 'node01'));
  t.false(bench.state('node01').disks.some((d) => d.present), 'its disks left with it');
  bench.advance(6000);
  t.true(loggedIn(bench, 'node01'), 'logged in again');
  t.not(bench.state('node01').sessions[0]?.sessionId, before);
  t.true(bench.state('node01').disks.every((d) => d.present), 'the disks came back');
  t.deepEqual(bench.state('node01').disks.map((d) => d.number), [1, 2], 'with their numbers');
});

test('with the path down, the NOP-Out times out, outstanding requests fail with SessionLost, and the session returns with the path', (t) => {
  const bench = twoNodes();
  bench.advance(1000);
  bench.pathsDown.add('node01');
  let requestId = '';
  bench.stepNode('node01', (state, io) => {
    requestId = submitStorageCommand(state, io, { disk: { name: 'Cluster Disk 1' }, command: { type: 'ReadKeys' }, tag: { subsystem: 'cluster', token: 'keys' } });
  });
  bench.advance(31_000);
  const completions = bench.state('node01').completions;
  t.is(completions.length, 1);
  t.is(completions[0]?.requestId, requestId);
  t.like(completions[0]?.result, { type: 'Failed', reason: 'SessionLost' });
  t.is(bench.state('node01').pendingCount, 0, 'nothing is left in flight');
  t.false(loggedIn(bench, 'node01'));
  t.true(loggedIn(bench, 'node02'), 'the other node is not affected');
  bench.pathsDown.delete('node01');
  bench.advance(25_000);
  t.true(loggedIn(bench, 'node01'), 'logged in again once the path is back');
});

test('Disconnect-IscsiTarget logs out and the disks leave; Connect-IscsiTarget logs in again; a second connect is refused', (t) => {
  const bench = twoNodes();
  bench.advance(1000);
  t.is(bench.ok<null>('node01', 'Disconnect-IscsiTarget', { NodeAddress: wsfcTargetIqn }), null);
  t.is(bench.state('node01').sessions.length, 0);
  t.false(bench.state('node01').disks.some((d) => d.present));
  t.is(bench.eventsOf('IscsiSessionEnded').filter((e) => e.reason === 'Logout').length, 1);
  t.like(bench.ok('node01', 'Get-IscsiTarget')[0], { NodeAddress: wsfcTargetIqn, IsConnected: false });
  t.regex(bench.error('node01', 'Disconnect-IscsiTarget', { NodeAddress: wsfcTargetIqn }), /Invalid Session Id/);
  const session = bench.ok<Record<string, unknown>>('node01', 'Connect-IscsiTarget', { NodeAddress: wsfcTargetIqn });
  t.like(session, { IsConnected: true, TargetNodeAddress: wsfcTargetIqn });
  t.true(bench.state('node01').disks.every((d) => d.present), 'the LUNs were scanned before the cmdlet returned');
  t.is(bench.error('node01', 'Connect-IscsiTarget', { NodeAddress: wsfcTargetIqn }), 'Connect-IscsiTarget : The target has already been logged in via an iSCSI session.');
});

test('New-IscsiTargetPortal discovers the targets at a portal; an unreachable portal fails with "Connection Failed."', (t) => {
  const bench = new StorageBench({ nodes: [benchNodeConfig('node02', { address: '172.16.1.10', favourite: false })] });
  t.is(bench.error('node02', 'Connect-IscsiTarget', { NodeAddress: wsfcTargetIqn }), 'Connect-IscsiTarget : The target name is not found or is marked as hidden from login.');
  t.like(bench.ok<Record<string, unknown>>('node02', 'New-IscsiTargetPortal', { TargetPortalAddress: targetAddress }), { TargetPortalAddress: targetAddress, InitiatorPortalAddress: '172.16.1.10' });
  t.like(bench.ok('node02', 'Get-IscsiTarget')[0], { NodeAddress: wsfcTargetIqn, IsConnected: false });
  t.like(bench.ok<Record<string, unknown>>('node02', 'Connect-IscsiTarget', { NodeAddress: wsfcTargetIqn, IsPersistent: true }), { IsPersistent: true });
  t.is(bench.error('node02', 'New-IscsiTargetPortal', { TargetPortalAddress: '10.9.9.9' }), 'New-IscsiTargetPortal : Connection Failed.');
  bench.killTarget();
  t.is(bench.error('node02', 'New-IscsiTargetPortal', { TargetPortalAddress: targetAddress }), 'New-IscsiTargetPortal : Connection Failed.', 'a portal that does not answer');
});

test('a favourite made with -IsPersistent $true logs in again after the node restarts', (t) => {
  const bench = new StorageBench({ nodes: [benchNodeConfig('node02', { address: '172.16.1.10', favourite: false })] });
  bench.ok('node02', 'Connect-IscsiTarget', { NodeAddress: wsfcTargetIqn, TargetPortalAddress: targetAddress, IsPersistent: true });
  bench.restartNode('node02');
  bench.advance(1000);
  t.true(loggedIn(bench, 'node02'));
  t.true(bench.state('node02').sessions[0]?.isPersistent);
});

test('a favourite whose target is down at start keeps trying every DelayBetweenReconnect until it answers', (t) => {
  const bench = twoNodes();
  bench.killTarget();
  bench.restartNode('node01');
  bench.advance(60_000);
  t.false(loggedIn(bench, 'node01'));
  const attempts = bench.sent('node01', 'IscsiLogin');
  t.true(attempts >= 4, `login attempts: ${attempts}`);
  bench.restartTarget();
  bench.advance(25_000);
  t.true(loggedIn(bench, 'node01'));
});
