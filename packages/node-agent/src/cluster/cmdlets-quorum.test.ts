import test from 'ava';
import { newClusterObjects, type ClusterObjects } from '../resources/mod.js';
import type { Witness } from '../quorum/mod.js';
import { moveWitness, quorumChangeOf } from './cmdlets-quorum.js';

function seed000(): ClusterObjects {
  const objects = newClusterObjects({
    clusterName: 'wsfc-cluster',
    ownerNode: 'node01',
    addresses: [{ Address: '172.16.1.100', SubnetMask: '255.255.255.0', Network: 'Cluster Network 1' }],
    disks: ['Cluster Disk 1', 'Witness'],
    witnessDisk: 'Witness',
  });
  if (!objects.ok) throw new Error(objects.error.message);
  return objects.value;
}

const diskWitness: Witness = { type: 'Disk', resource: 'Witness', diskOnly: false };
const groupOf = (objects: ClusterObjects, resource: string) => objects.resources.find((r) => r.name === resource);
const membersOf = (objects: ClusterObjects, group: string) => objects.groups.find((g) => g.name === group)?.resources ?? [];

test('each Set-ClusterQuorum mode becomes its quorum change', (t) => {
  t.deepEqual(quorumChangeOf({ NoWitness: true }), { ok: true, change: { type: 'NoWitness' } });
  t.deepEqual(quorumChangeOf({ DiskWitness: 'Witness' }), { ok: true, change: { type: 'DiskWitness', disk: 'Witness' } });
  t.deepEqual(quorumChangeOf({ DiskWitness: { Name: 'Witness', State: 'Online' } }), { ok: true, change: { type: 'DiskWitness', disk: 'Witness' } }, 'a resource object passed in');
  t.deepEqual(quorumChangeOf({ DiskOnly: 'Witness' }), { ok: true, change: { type: 'DiskOnly', disk: 'Witness' } });
  t.deepEqual(quorumChangeOf({ FileShareWitness: '\\\\fs01\\witness' }), { ok: true, change: { type: 'FileShareWitness', sharePath: '\\\\fs01\\witness' } });
  t.deepEqual(quorumChangeOf({ CloudWitness: true, AccountName: 'labwitness', AccessKey: 'k' }), { ok: true, change: { type: 'CloudWitness', accountName: 'labwitness' } });
  t.deepEqual(quorumChangeOf({ CloudWitness: true, AccountName: 'labwitness', SASToken: 's', Endpoint: 'core.chinacloudapi.cn' }), {
    ok: true,
    change: { type: 'CloudWitness', accountName: 'labwitness', endpoint: 'core.chinacloudapi.cn' },
  });
});

test('no mode, or two, is refused as PowerShell refuses an unresolved parameter set; a cloud witness needs its account and key', (t) => {
  const none = quorumChangeOf({});
  t.false(none.ok);
  if (!none.ok) t.regex(none.error.message, /^Set-ClusterQuorum : Parameter set cannot be resolved using the specified named parameters\./);
  const two = quorumChangeOf({ NoWitness: true, DiskWitness: 'Witness' });
  if (!two.ok) t.regex(two.error.message, /-NoWitness, -DiskWitness/);
  else t.fail('two modes at once');
  t.false(quorumChangeOf({ NoWitness: false }).ok, '-NoWitness:$false is not a mode');
  const cloud = quorumChangeOf({ CloudWitness: true });
  if (!cloud.ok) t.is(cloud.error.message, 'Set-ClusterQuorum : Cannot process command because of one or more missing mandatory parameters: AccountName AccessKey.');
  else t.fail('the account and key are mandatory');
});

test('-NoWitness: the witness disk leaves the Cluster Group for Available Storage and is no longer a core resource', (t) => {
  const moved = moveWitness(seed000(), { from: diskWitness, to: { type: 'None' } });
  t.like(groupOf(moved, 'Witness'), { ownerGroup: 'Available Storage', isCoreResource: false });
  t.false(membersOf(moved, 'Cluster Group').includes('Witness'));
  t.true(membersOf(moved, 'Available Storage').includes('Witness'));
});

test('-DiskWitness: the disk moves from Available Storage into the Cluster Group as a core resource', (t) => {
  const none = moveWitness(seed000(), { from: diskWitness, to: { type: 'None' } });
  const back = moveWitness(none, { from: { type: 'None' }, to: diskWitness });
  t.like(groupOf(back, 'Witness'), { ownerGroup: 'Cluster Group', isCoreResource: true });
  t.deepEqual(membersOf(back, 'Available Storage'), ['Cluster Disk 1']);
  t.deepEqual(back, seed000(), 'there and back leaves the objects as New-Cluster made them');
  const objects = seed000();
  t.is(moveWitness(objects, { from: diskWitness, to: { ...diskWitness, diskOnly: true } }), objects, '-DiskOnly on the witness disk moves nothing');
});

test('a file share witness is a core resource of the Cluster Group; a cloud witness replaces it', (t) => {
  const share = moveWitness(seed000(), { from: diskWitness, to: { type: 'FileShare', resource: 'File Share Witness', sharePath: '\\\\fs01\\witness' } });
  t.like(groupOf(share, 'File Share Witness'), { resourceType: 'File Share Witness', ownerGroup: 'Cluster Group', isCoreResource: true, parameters: { SharePath: '\\\\fs01\\witness' } });
  t.like(groupOf(share, 'Witness'), { ownerGroup: 'Available Storage' });
  const cloud = moveWitness(share, {
    from: { type: 'FileShare', resource: 'File Share Witness', sharePath: '\\\\fs01\\witness' },
    to: { type: 'Cloud', resource: 'Cloud Witness', accountName: 'labwitness', endpoint: 'core.windows.net' },
  });
  t.is(groupOf(cloud, 'File Share Witness'), undefined);
  t.false(membersOf(cloud, 'Cluster Group').includes('File Share Witness'));
  t.like(groupOf(cloud, 'Cloud Witness'), { resourceType: 'Cloud Witness', isCoreResource: true, parameters: { AccountName: 'labwitness', EndpointInfo: 'core.windows.net' } });
});
