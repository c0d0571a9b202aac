import test from 'ava';
import { labNetworks } from './_network-fixtures.js';
import { clusterNetworksOf, subnetParts } from './networks.js';

test('every lab network is a cluster network, named "Cluster Network N" in the lab order, role None included', (t) => {
  const networks = clusterNetworksOf(labNetworks);
  t.deepEqual(
    networks.map((n) => [n.name, n.labName, n.role]),
    [
      ['Cluster Network 1', 'Management', 'ClusterAndClient'],
      ['Cluster Network 2', 'Cluster', 'ClusterOnly'],
      ['Cluster Network 3', 'Storage', 'None'],
    ],
  );
});

test('a cluster network shows its subnet as Address and AddressMask', (t) => {
  const [management, cluster] = clusterNetworksOf(labNetworks);
  t.like(management, { address: '172.16.1.0', addressMask: '255.255.255.0', prefixLength: 24 });
  t.like(cluster, { address: '10.0.1.0', addressMask: '255.255.255.0' });
  t.deepEqual(subnetParts('10.20.30.40/12'), { address: '10.16.0.0', addressMask: '255.240.0.0', prefixLength: 12 });
  t.deepEqual(subnetParts('0.0.0.0/0'), { address: '0.0.0.0', addressMask: '0.0.0.0', prefixLength: 0 });
  t.throws(() => subnetParts('10.0.1.0'), { message: /cluster network subnet "10.0.1.0" is not an IPv4 CIDR/ });
});

test('automatic metrics: networks without a gateway from 1000, with one from 10000, 100 apart within a class', (t) => {
  const networks = clusterNetworksOf([
    { name: 'Management', subnet: '172.16.1.0/24', role: 'ClusterAndClient' },
    { name: 'Cluster', subnet: '10.0.1.0/24', role: 'ClusterOnly' },
    { name: 'LiveMigration', subnet: '10.0.3.0/24', role: 'ClusterOnly' },
    { name: 'Public', subnet: '192.168.0.0/24', role: 'ClusterAndClient' },
  ]);
  t.deepEqual(
    networks.map((n) => n.metric),
    [10_000, 1000, 1100, 10_100],
  );
  const lowest = networks.reduce((a, b) => (b.metric < a.metric ? b : a));
  t.is(lowest.labName, 'Cluster', 'the first cluster-only network carries cluster traffic');
});
