// The cluster's live-migration network setting: read from the cluster database as every node's
// copy holds it, and shown by Get-ClusterResourceType / Get-ClusterParameter as the real ones do.
import test from 'ava';
import type { CommandReply } from '@wsfc-lab/protocol';
import type { ClusterHost, ClusterState } from '../cluster/types.js';
import { getClusterParameter, getClusterResourceType, parameterPath, readClusterMigrationSetting, splitNetworkList } from './migration-networks-cluster.js';
import { clusterMigrationOrder, rankNetworks } from './migration-networks.js';

test('the setting is read from ResourceTypes/Virtual Machine/Parameters; empty entries and spaces are dropped', (t) => {
  const entries = { [parameterPath('MigrationExcludeNetworks')]: ' Cluster Network 1 ;;Storage', [parameterPath('MigrationNetworkOrder')]: '' };
  t.deepEqual(readClusterMigrationSetting(entries), { MigrationNetworkOrder: [], MigrationExcludeNetworks: ['Cluster Network 1', 'Storage'] });
  t.deepEqual(readClusterMigrationSetting({}), { MigrationNetworkOrder: [], MigrationExcludeNetworks: [] }, 'absent: the system default');
  t.deepEqual(splitNetworkList(42), []);
});

test('the setting as read decides the order: the excluded management network is never chosen', (t) => {
  const networks = rankNetworks([
    { name: 'Management', role: 'ClusterAndClient' },
    { name: 'Cluster', role: 'ClusterOnly' },
  ]);
  const setting = readClusterMigrationSetting({ [parameterPath('MigrationExcludeNetworks')]: 'Cluster Network 1' });
  t.deepEqual(clusterMigrationOrder(networks, setting).map((n) => n.name), ['Cluster']);
});

function fakeCluster(entries: Record<string, unknown>): { state: ClusterState; host: ClusterHost; replies: CommandReply[] } {
  const replies: CommandReply[] = [];
  const state = { config: { name: 'node01' }, identity: { name: 'wsfc-cluster' }, gum: { copy: { entries } }, view: null } as unknown as ClusterState;
  const host = { io: { reply: (_id: string, reply: CommandReply) => void replies.push(reply) } } as unknown as ClusterHost;
  return { state, host, replies };
}

test('Get-ClusterParameter shows both parameters of resource type Virtual Machine as Object, Name, Value, Type', (t) => {
  const { state, host, replies } = fakeCluster({ [parameterPath('MigrationNetworkOrder')]: 'Cluster Network 2;Cluster Network 1' });
  getClusterParameter(state, { requestId: 'a', parameters: { InputObject: 'Virtual Machine' } }, host);
  t.deepEqual(replies[0], {
    ok: true,
    output: [
      { Object: 'Virtual Machine', Name: 'MigrationExcludeNetworks', Value: '', Type: 'String' },
      { Object: 'Virtual Machine', Name: 'MigrationNetworkOrder', Value: 'Cluster Network 2;Cluster Network 1', Type: 'String' },
    ],
  });
  getClusterParameter(state, { requestId: 'b', parameters: { InputObject: 'Physical Disk' } }, host);
  t.false(replies[1]?.ok, 'the lab keeps the Virtual Machine type only');
});

test('Get-ClusterResourceType finds a type by name in any case and names the one it cannot find', (t) => {
  const { state, host, replies } = fakeCluster({});
  getClusterResourceType(state, { requestId: 'a', parameters: { Name: 'virtual machine' } }, host);
  t.deepEqual(replies[0], { ok: true, output: [{ Name: 'Virtual Machine', DisplayName: 'Virtual Machine', DllName: 'vmclusres.dll', Cluster: 'wsfc-cluster' }] });
  getClusterResourceType(state, { requestId: 'b', parameters: { Name: 'Floppy' } }, host);
  t.regex(replies[1]?.ok === false ? replies[1].error.message : '', /The cluster resource type 'Floppy' could not be found/);
});
