import test from 'ava';
import { heartbeatDefaults } from '../settings.js';
import { interfaceStatePath, networkWorksOn, observeOwnInterfaces, settleMs } from './protected-network-health.js';
import type { ClusterHost, ClusterState } from './types.js';

const networks = [
  { name: 'Management', subnet: '172.16.1.0/24', role: 'ClusterAndClient' as const },
  { name: 'Cluster', subnet: '10.0.1.0/24', role: 'ClusterOnly' as const },
  { name: 'Storage', subnet: '10.0.2.0/24', role: 'None' as const },
];

function fixture(entries: Record<string, string> = {}) {
  let nowMs = 0;
  const failed = new Set<string>();
  const state = {
    config: {
      name: 'node01',
      networks,
      addresses: { Management: '172.16.1.5', Cluster: '10.0.1.5', Storage: '10.0.2.5' },
      // node03 has no NIC on Management.
      peers: [
        { name: 'node02', id: 2, addresses: { Management: '172.16.1.10', Cluster: '10.0.1.10' } },
        { name: 'node03', id: 3, addresses: { Cluster: '10.0.1.15' } },
      ],
      settings: heartbeatDefaults,
    },
    gum: { copy: { entries } },
  } as unknown as ClusterState;
  const host = {
    io: { now: () => nowMs },
    hyperv: { state: {} },
    interfaceOn: (clusterNetwork: string) => ({ name: clusterNetwork, state: failed.has(clusterNetwork) ? 'Failed' : 'Up', networkState: 'Up' }),
  } as unknown as ClusterHost;
  return { state, host, failed, at: (ms: number) => (nowMs = ms) };
}

test('a node with no NIC on the network, or one that said its NIC failed, does not have the network', (t) => {
  const { state } = fixture({ [interfaceStatePath('node02', 'Cluster')]: 'Failed' });
  t.true(networkWorksOn(state, 'node02', 'Management'), 'nothing said: it works');
  t.false(networkWorksOn(state, 'node02', 'Cluster'));
  t.false(networkWorksOn(state, 'node03', 'Management'));
  t.false(networkWorksOn(state, 'node09', 'Management'));
});

test('the node tells the cluster when its own verdict changes, again only if it did not land, and never for a role-None network', (t) => {
  const f = fixture();
  t.deepEqual(observeOwnInterfaces(f.state, f.host), [], 'all Up and nothing recorded: nothing to say');
  f.failed.add('Cluster Network 1');
  f.failed.add('Cluster Network 3');
  f.at(1_000);
  t.deepEqual(observeOwnInterfaces(f.state, f.host), [{ op: 'SetValue', path: interfaceStatePath('node01', 'Management'), value: 'Failed' }]);
  f.at(1_500);
  t.deepEqual(observeOwnInterfaces(f.state, f.host), [], 'a proposal in flight is not repeated at once');
  f.at(3_500);
  t.is(observeOwnInterfaces(f.state, f.host).length, 1, 'one that did not land is made again');
  t.is(f.host.hyperv.state.switchHealth?.failedSinceMs.Management, 1_000, 'failed since it was first seen failed');
  t.is(settleMs(f.state), heartbeatDefaults.SameSubnetDelay * heartbeatDefaults.SameSubnetThreshold);
  f.failed.clear();
  t.deepEqual(observeOwnInterfaces(f.state, f.host), [], 'never recorded Failed: nothing to take back');
  t.is(f.host.hyperv.state.switchHealth?.failedSinceMs.Management, undefined);
});
