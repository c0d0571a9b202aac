// The host's live-migration settings as an administrator sets them, and what a migration then
// does with them: the networks its memory passes go over, in order, with the fall-back.
import test from 'ava';
import { Bench, vmConfig } from './_fixtures.js';
import { moveVm } from './migration-settings-cmdlets-move.js';
import { clusterNetworkNotAvailable } from './migration-networks.js';

function twoHosts(): Bench {
  const b = new Bench();
  for (const name of ['node01', 'node02']) {
    const th = b.addHost(name);
    // The fixture's networks with their subnets, as the node gives them (nodeConfig in _fixtures.ts).
    th.host.networkFacts = () => [
      { name: 'Cluster', subnet: '172.16.2.0/24', role: 'ClusterOnly', bandwidthGbps: 1 },
      { name: 'Public', subnet: '172.16.1.0/24', role: 'ClusterAndClient', bandwidthGbps: 1 },
    ];
  }
  b.running('node01', vmConfig('vm01'));
  return b;
}

const passNetworks = (b: Bench) => [...new Set(b.sentOf('VmMigrationPass').map((f) => f.network))];

function move(b: Bench): { ok: boolean; message: string } {
  b.act('node01', (th) => moveVm(th.h, { requestId: 'm', parameters: { Name: 'vm01', DestinationHost: 'node02' } }, th.host));
  b.runUntil(() => b.replies.some((r) => r.requestId === 'm'));
  const reply = b.replies.find((r) => r.requestId === 'm')!.reply;
  return { ok: reply.ok, message: reply.ok ? '' : reply.error.message };
}

test('Add-, Get-, Set- and Remove-VMMigrationNetwork keep the host list, in CIDR form, with their errors', (t) => {
  const b = twoHosts();
  t.true(b.cmdlet('node01', 'Add-VMMigrationNetwork', { Subnet: '172.16.2.0/24', Priority: 1 }).ok);
  t.true(b.cmdlet('node01', 'Add-VMMigrationNetwork', { $positional: ['172.16.1.0/24'] }).ok);
  const listed = b.cmdlet('node01', 'Get-VMMigrationNetwork');
  t.deepEqual(listed.ok ? listed.output : undefined, [
    { Subnet: '172.16.2.0/24', Priority: 1, ComputerName: 'node01' },
    { Subnet: '172.16.1.0/24', Priority: 2, ComputerName: 'node01' },
  ]);
  const duplicate = b.cmdlet('node01', 'Add-VMMigrationNetwork', { Subnet: ' 172.16.2.0/24' });
  t.regex(duplicate.ok ? '' : duplicate.error.message, /already exists on node01/);
  const bad = b.cmdlet('node01', 'Add-VMMigrationNetwork', { Subnet: 'Cluster' });
  t.regex(bad.ok ? '' : bad.error.message, /"Cluster" is not an IPv4 subnet/);
  t.true(b.cmdlet('node01', 'Set-VMMigrationNetwork', { Subnet: '172.16.1.0/24', NewPriority: 0 }).ok);
  t.deepEqual(b.get('node01').h.host.migrationNetworks.map((n) => n.Priority), [1, 0]);
  t.true(b.cmdlet('node01', 'Remove-VMMigrationNetwork', { Subnet: '172.16.2.0/24' }).ok);
  const missing = b.cmdlet('node01', 'Remove-VMMigrationNetwork', { Subnet: '172.16.2.0/24' });
  t.regex(missing.ok ? '' : missing.error.message, /unable to find a migration network with subnet '172.16.2.0\/24' on node01/);
  const host = b.cmdlet('node01', 'Get-VMHost');
  t.false(host.ok && 'migrationNetworks' in (host.output as object), 'Get-VMHost does not show the list');
});

test('Set-VMHost takes the authentication type and UseAnyNetworkForMigration, and refuses other values as PowerShell does', (t) => {
  const b = twoHosts();
  t.true(b.cmdlet('node01', 'Set-VMHost', { VirtualMachineMigrationAuthenticationType: 'kerberos', UseAnyNetworkForMigration: true }).ok);
  t.is(b.get('node01').h.host.VirtualMachineMigrationAuthenticationType, 'Kerberos');
  t.true(b.get('node01').h.host.UseAnyNetworkForMigration);
  const bad = b.cmdlet('node01', 'Set-VMHost', { VirtualMachineMigrationAuthenticationType: 'NTLM' });
  t.regex(bad.ok ? '' : bad.error.message, /The possible enumeration values are "CredSSP, Kerberos"/);
  t.is(b.get('node01').h.host.VirtualMachineMigrationAuthenticationType, 'Kerberos', 'a refused Set-VMHost changes nothing');
});

test('Disable-VMMigration stops migrations from and to the host; Enable-VMMigration lets them run again', (t) => {
  const b = twoHosts();
  b.get('node01').h.host.UseAnyNetworkForMigration = true;
  t.true(b.cmdlet('node02', 'Disable-VMMigration').ok);
  const refused = move(b);
  t.false(refused.ok, 'the destination refuses');
  t.regex(refused.message, /No connection could be made because the target machine actively refused it\. \(0x8007274D\)/);
  t.true(b.cmdlet('node02', 'Enable-VMMigration').ok);
  t.true(b.cmdlet('node01', 'Disable-VMMigration').ok);
  b.replies.length = 0;
  t.false(move(b).ok, 'the source refuses');
  t.true(b.cmdlet('node01', 'Enable-VMMigration').ok);
  b.replies.length = 0;
  t.true(move(b).ok);
});

test('a host with UseAnyNetworkForMigration off and no migration network cannot migrate, and says why', (t) => {
  const b = twoHosts();
  const result = move(b);
  t.false(result.ok);
  t.regex(result.message, /UseAnyNetworkForMigration is off on node01 and no Add-VMMigrationNetwork subnet matches/);
  t.is(b.sentOf('VmMigrationOffer').length, 0);
});

test('the host migration network of the best priority carries the passes; when it is down the next one does', (t) => {
  const b = twoHosts();
  t.true(b.cmdlet('node01', 'Add-VMMigrationNetwork', { Subnet: '172.16.2.0/24', Priority: 0 }).ok);
  t.true(b.cmdlet('node01', 'Add-VMMigrationNetwork', { Subnet: '172.16.1.0/24', Priority: 1 }).ok);
  t.true(move(b).ok);
  t.deepEqual(passNetworks(b), ['Cluster']);
  const back = twoHosts();
  back.get('node01').h.host = b.get('node01').h.host;
  back.get('node01').host.networksTo = () => ['Public'];
  t.true(move(back).ok);
  t.deepEqual(passNetworks(back), ['Public'], 'Cluster is down to node02: the next subnet carries it');
});

test('a clustered migration never uses a network in MigrationExcludeNetworks, even the one it would prefer', (t) => {
  const b = twoHosts();
  b.running('node01', vmConfig('vm02', { clustered: true }));
  b.get('node01').host.clusterMigrationSetting = () => ({ MigrationNetworkOrder: [], MigrationExcludeNetworks: ['Cluster Network 2'] });
  b.migrate('node01', { vm: 'vm02', destination: 'node02', group: 'vm02' });
  b.runUntil(() => b.eventsOf('MigrationCompleted').length > 0 || b.eventsOf('MigrationFailed').length > 0);
  t.true(b.sentOf('VmMigrationPass').length > 0);
  t.deepEqual(passNetworks(b), ['Cluster'], 'Public (Cluster Network 2) is excluded');
  t.true(b.sentLog.filter((f) => f.from === 'node01' && f.to === 'node02').every((f) => f.network === 'Cluster'));
});

test('a clustered migration whose only allowed network is down fails, naming it', (t) => {
  const b = twoHosts();
  b.running('node01', vmConfig('vm02', { clustered: true }));
  b.get('node01').host.clusterMigrationSetting = () => ({ MigrationNetworkOrder: [], MigrationExcludeNetworks: ['Public'] });
  b.get('node01').host.networksTo = () => ['Public'];
  b.migrate('node01', { vm: 'vm02', destination: 'node02', group: 'vm02' });
  const failed = b.eventsOf('MigrationFailed');
  t.is(failed.length, 1);
  t.is(failed[0]?.reason, `${clusterNetworkNotAvailable('node02')} (no network for live migration connects node01 to node02 now; tried, in order: Cluster Network 1 (Cluster): down)`);
});
