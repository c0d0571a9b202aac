import test from 'ava';
import { nodes } from './_fixtures.js';
import { addFileServerRole, newClusterObjects, type ClusterObjects } from './default-groups.js';
import { clusterGroupView, getClusterGroupColumns } from './view-group.js';
import { clusterResourceView, getClusterResourceColumns } from './view-resource.js';
import { groupOwnerNodeView, resourceOwnerNodeView } from './view-owner-node.js';
import { resourceDependencyView } from './view-dependency.js';

function cluster(): ClusterObjects {
  const created = newClusterObjects({
    clusterName: 'wsfc-cluster',
    ownerNode: 'node01',
    addresses: [{ Address: '172.16.1.100', SubnetMask: '255.255.255.0', Network: 'Cluster Network 1' }],
    disks: ['Witness', 'Cluster Disk 1'],
    witnessDisk: 'Witness',
  });
  if (!created.ok) throw new Error(created.error.message);
  const role = addFileServerRole(created.value, { name: 'FS1', address: { Address: '172.16.1.50', SubnetMask: '255.255.255.0', Network: 'Cluster Network 1' }, disk: 'Cluster Disk 1' });
  if (!role.ok) throw new Error(role.error.message);
  return role.value;
}

test('Get-ClusterGroup shows a new role with the real defaults', (t) => {
  const group = cluster().groups.find((g) => g.name === 'FS1');
  if (group === undefined) return t.fail('no FS1 group');
  const view = clusterGroupView(group, { clusterName: 'wsfc-cluster' });
  t.deepEqual(getClusterGroupColumns, ['Name', 'OwnerNode', 'State']);
  t.like(view, {
    Name: 'FS1',
    OwnerNode: 'node01',
    State: 'Offline',
    Priority: 2000,
    FailoverThreshold: 4294967295,
    FailoverPeriod: 6,
    AutoFailbackType: 0,
    FailbackWindowStart: -1,
    FailbackWindowEnd: -1,
    DefaultOwner: 4294967295,
    GroupType: 'FileServer',
    IsCoreGroup: false,
  });
});

test('Get-ClusterResource shows the 2016 docs example defaults, with OwnerGroup and OwnerNode', (t) => {
  const disk = cluster().resources.find((r) => r.name === 'Cluster Disk 1');
  if (disk === undefined) return t.fail('no disk');
  t.deepEqual(getClusterResourceColumns, ['Name', 'State', 'OwnerGroup', 'ResourceType']);
  t.like(clusterResourceView(disk, { clusterName: 'wsfc-cluster', ownerNode: 'node01' }), {
    Name: 'Cluster Disk 1',
    State: 'Offline',
    OwnerGroup: 'FS1',
    ResourceType: 'Physical Disk',
    OwnerNode: 'node01',
    IsStorageClassResource: true,
    IsNetworkClassResource: false,
    LooksAlivePollInterval: 4294967295,
    IsAlivePollInterval: 4294967295,
    RestartAction: 2,
    RestartThreshold: 3,
    RestartDelay: 500,
    RestartPeriod: 900000,
    RetryPeriodOnFailure: 3600000,
    PendingTimeout: 180000,
    DeadlockTimeout: 300000,
  });
});

test('Get-ClusterOwnerNode lists a group\'s preferred owners and a resource\'s possible owners (all nodes by default)', (t) => {
  t.deepEqual(groupOwnerNodeView({ name: 'FS1', preferredOwners: [] }), { ClusterObject: 'FS1', OwnerNodes: [] });
  t.deepEqual(groupOwnerNodeView({ name: 'FS1', preferredOwners: ['node02', 'node01'] }).OwnerNodes, ['node02', 'node01']);
  t.deepEqual(resourceOwnerNodeView({ name: 'Cluster Disk 1' }, [...nodes(3)].reverse()), { ClusterObject: 'Cluster Disk 1', OwnerNodes: ['node01', 'node02', 'node03'] });
  t.deepEqual(resourceOwnerNodeView({ name: 'Cluster Disk 1', possibleOwners: ['node02'] }, nodes(3)).OwnerNodes, ['node02']);
});

test('Get-ClusterResourceDependency shows the File Server resource depending on its disk and its name', (t) => {
  const fs = cluster().resources.find((r) => r.resourceType === 'File Server');
  if (fs === undefined) return t.fail('no File Server resource');
  t.deepEqual(resourceDependencyView(fs), { Resource: 'File Server (\\\\FS1)', DependencyExpression: '[Cluster Disk 1] and [FS1]' });
});
