import test from 'ava';
import { buildDependencyGraph } from './dependencies.js';
import { addFileServerRole, newClusterObjects, type NewClusterInput } from './default-groups.js';

const address = (Address: string, n = 1) => ({ Address, SubnetMask: '255.255.255.0', Network: `Cluster Network ${n}` });
const input: NewClusterInput = {
  clusterName: 'wsfc-cluster',
  ownerNode: 'node01',
  addresses: [address('172.16.1.100')],
  disks: ['Witness', 'Cluster Disk 1', 'Cluster Disk 2'],
  witnessDisk: 'Witness',
};

function created(over: Partial<NewClusterInput> = {}) {
  const result = newClusterObjects({ ...input, ...over });
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

test('a new cluster has "Cluster Group" (IP, name, witness disk) and "Available Storage" (the other disks), both core', (t) => {
  const objects = created();
  t.deepEqual(
    objects.groups.map((g) => [g.name, g.groupType, g.isCoreGroup, g.ownerNode, g.resources]),
    [
      ['Cluster Group', 'Cluster', true, 'node01', ['Cluster IP Address', 'Cluster Name', 'Witness']],
      ['Available Storage', 'AvailableStorage', true, 'node01', ['Cluster Disk 1', 'Cluster Disk 2']],
    ],
  );
  const name = objects.resources.find((r) => r.name === 'Cluster Name');
  t.is(name?.resourceType, 'Network Name');
  t.deepEqual(name?.dependencies, [['Cluster IP Address']]);
  t.like(objects.resources.find((r) => r.name === 'Cluster IP Address')?.parameters, { Address: '172.16.1.100', Network: 'Cluster Network 1' });
});

test('a multi-subnet cluster name depends on any of its cluster IP addresses (OR)', (t) => {
  const objects = created({ addresses: [address('172.16.1.100'), address('172.16.2.100', 2)], witnessDisk: undefined, disks: [] });
  t.deepEqual(objects.resources.find((r) => r.name === 'Cluster Name')?.dependencies, [['Cluster IP Address', 'Cluster IP Address 172.16.2.100']]);
  t.deepEqual(objects.groups[1]?.resources, [], 'no disks: an empty Available Storage');
});

test('a File Server role takes its disk out of Available Storage and comes online IP, name, disk, then file server', (t) => {
  const result = addFileServerRole(created(), { name: 'FS1', address: address('172.16.1.50'), disk: 'Cluster Disk 1' });
  if (!result.ok) return t.fail(result.error.message);
  const { groups, resources } = result.value;
  t.deepEqual(groups.find((g) => g.name === 'Available Storage')?.resources, ['Cluster Disk 2']);
  const role = groups.find((g) => g.name === 'FS1');
  t.like(role, { groupType: 'FileServer', isCoreGroup: false, ownerNode: 'node01' });
  const members = resources.filter((r) => r.ownerGroup === 'FS1');
  t.deepEqual(members.map((r) => [r.name, r.resourceType]).sort(), [
    ['Cluster Disk 1', 'Physical Disk'],
    ['FS1', 'Network Name'],
    ['File Server (\\\\FS1)', 'File Server'],
    ['IP Address 172.16.1.50', 'IP Address'],
  ]);
  const graph = buildDependencyGraph({ group: 'FS1', resources: (role?.resources ?? []).map((n) => members.find((r) => r.name === n)!) });
  t.deepEqual(graph.ok ? graph.value.onlineOrder : graph.error.message, ['IP Address 172.16.1.50', 'FS1', 'Cluster Disk 1', 'File Server (\\\\FS1)']);
});

test('a role cannot take the witness disk or a disk that does not exist, and names the disk', (t) => {
  const witness = addFileServerRole(created(), { name: 'FS1', address: address('172.16.1.50'), disk: 'Witness' });
  t.regex(witness.ok ? '' : witness.error.message, /cluster disk 'Witness' is in clustered role 'Cluster Group', not in 'Available Storage'/);
  const missing = addFileServerRole(created(), { name: 'FS1', address: address('172.16.1.50'), disk: 'Cluster Disk 9' });
  t.regex(missing.ok ? '' : missing.error.message, /cluster disk 'Cluster Disk 9' was not found/);
});

test('a role name already in use is refused', (t) => {
  const result = addFileServerRole(created(), { name: 'cluster group', address: address('172.16.1.50'), disk: 'Cluster Disk 1' });
  t.regex(result.ok ? '' : result.error.message, /cluster group named 'cluster group' already exists/);
});

test('a witness disk that is not among the eligible disks is refused', (t) => {
  const result = newClusterObjects({ ...input, witnessDisk: 'Quorum' });
  t.regex(result.ok ? '' : result.error.message, /'Quorum' was not found/);
});
