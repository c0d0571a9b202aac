import test from 'ava';
import type { CommandReply } from '@wsfc-lab/protocol';
import { clusterConfig, routesWith, TestIo } from './_network-fixtures.js';
import { getClusterNetwork, getClusterNetworkInterface, type NetworkCmdletSource } from './network-cmdlets.js';
import { networkLayout, observeNetworks } from './network-view.js';

function source(down: Record<string, 'Down'> = {}): NetworkCmdletSource {
  const config = clusterConfig();
  const routes = routesWith(config, down);
  return { config, routes, networks: observeNetworks({ config, routes }, networkLayout({ config, routes })) };
}

function run(cmdlet: typeof getClusterNetwork, state: NetworkCmdletSource, parameters: Record<string, unknown> = {}): CommandReply {
  const io = new TestIo('node01');
  cmdlet(state, { requestId: 'r', parameters }, io);
  const replies = io.take().replies;
  if (replies.length !== 1 || !replies[0]) throw new Error(`expected one reply, got ${replies.length}`);
  return replies[0];
}

const rows = (reply: CommandReply) => {
  if (!reply.ok) throw new Error(reply.error.message);
  return reply.output as Record<string, unknown>[];
};

test('Get-ClusterNetwork: one row per cluster network with Name, State, Role, Address, AddressMask, Metric', (t) => {
  const output = rows(run(getClusterNetwork, source({ 'node02|Cluster': 'Down' })));
  t.deepEqual(
    output.map((r) => [r.Name, r.State, r.Role, r.Address, r.AddressMask, r.Metric]),
    [
      ['Cluster Network 1', 'Up', 'ClusterAndClient', '172.16.1.0', '255.255.255.0', 10_000],
      ['Cluster Network 2', 'Partitioned', 'Cluster', '10.0.1.0', '255.255.255.0', 1000],
      ['Cluster Network 3', 'Up', 'None', '10.0.2.0', '255.255.255.0', 1100],
    ],
  );
  t.like(output[0], { AutoMetric: true, Cluster: 'wsfc-cluster', Ipv4PrefixLengths: [24] });
});

test('Get-ClusterNetwork -Name picks networks without regard to case, by name or by position', (t) => {
  const state = source();
  t.deepEqual(rows(run(getClusterNetwork, state, { Name: 'cluster network 2' })).map((r) => r.Name), ['Cluster Network 2']);
  t.deepEqual(rows(run(getClusterNetwork, state, { $positional: ['Cluster Network 3'] })).map((r) => r.Name), ['Cluster Network 3']);
  t.deepEqual(rows(run(getClusterNetwork, state, { Name: ['Cluster Network 3', 'Cluster Network 1'] })).map((r) => r.Name), ['Cluster Network 1', 'Cluster Network 3']);
});

test('Get-ClusterNetwork finds a network by the lab\'s name for it too; a name that is neither: ObjectNotFound naming it', (t) => {
  t.like(rows(run(getClusterNetwork, source(), { Name: 'Cluster' }))[0], { Name: 'Cluster Network 2' });
  t.deepEqual(run(getClusterNetwork, source(), { Name: 'Backup' }), {
    ok: false,
    error: { category: 'ObjectNotFound', errorId: 'ClusterNetworkNotFound', message: "The cluster network 'Backup' was not found." },
  });
});

test('Get-ClusterNetworkInterface: one row per node per network, "<node> - <adapter>", with Node, Network, State and Address', (t) => {
  const output = rows(run(getClusterNetworkInterface, source({ 'node02|Cluster': 'Down' })));
  t.is(output.length, 9);
  t.deepEqual(output[4], {
    Name: 'node02 - Cluster',
    Node: 'node02',
    Network: 'Cluster Network 2',
    State: 'Unreachable',
    Adapter: 'Cluster',
    Address: '10.0.1.12',
    Ipv4Addresses: ['10.0.1.12'],
    DhcpEnabled: false,
    Description: '',
    Cluster: 'wsfc-cluster',
  });
});

test('Get-ClusterNetworkInterface -Node and -Network filter together; -Name picks one interface', (t) => {
  const state = source();
  t.deepEqual(rows(run(getClusterNetworkInterface, state, { Node: 'NODE03', Network: 'Cluster Network 1' })).map((r) => r.Name), ['node03 - Management']);
  t.deepEqual(rows(run(getClusterNetworkInterface, state, { Node: ['node01', 'node02'], Network: 'Cluster Network 2' })).map((r) => r.Name), ['node01 - Cluster', 'node02 - Cluster']);
  t.deepEqual(rows(run(getClusterNetworkInterface, state, { Name: 'node01 - Storage' })).map((r) => r.Network), ['Cluster Network 3']);
});

test('Get-ClusterNetworkInterface with an unknown node, network or interface: ObjectNotFound naming it', (t) => {
  const state = source();
  t.like(run(getClusterNetworkInterface, state, { Node: 'node09' }), { ok: false, error: { errorId: 'ClusterNodeNotFound', message: "The cluster node 'node09' was not found." } });
  t.like(run(getClusterNetworkInterface, state, { Network: 'Storage' }), { ok: false, error: { errorId: 'ClusterNetworkNotFound', message: "The cluster network 'Storage' was not found." } });
  t.like(run(getClusterNetworkInterface, state, { Name: 'node01 - Ethernet' }), {
    ok: false,
    error: { category: 'ObjectNotFound', errorId: 'ClusterNetworkInterfaceNotFound', message: "The cluster network interface 'node01 - Ethernet' was not found." },
  });
});

test('outside a cluster (no view yet) both cmdlets say the cluster service is not running; a property assignment is refused', (t) => {
  const { config, routes } = source();
  const error = { category: 'ObjectNotFound', errorId: 'ClusterNotFound', message: "The cluster service is not running on 'node01': it is not a member of a cluster." };
  t.deepEqual(run(getClusterNetwork, { config, routes }), { ok: false, error });
  t.deepEqual(run(getClusterNetworkInterface, { config, routes }), { ok: false, error });
  t.like(run(getClusterNetwork, source(), { Name: 'Cluster Network 3', $assignment: { property: 'Role', value: 0 } }), { ok: false, error: { category: 'NotImplemented' } });
});

test('arguments of the wrong shape are answered once each, with rows or an error naming the value, never a throw', (t) => {
  const odd: unknown[] = [null, Number.NaN, 3.5, true, '', ['Cluster Network 1', 7], { kind: 'hashTable', entries: { a: 1 } }, [[null]], 'x'.repeat(300)];
  for (const cmdlet of [getClusterNetwork, getClusterNetworkInterface]) {
    for (const value of odd) {
      for (const parameter of ['Name', 'Node', 'Network', '$positional', '$assignment']) {
        const reply = run(cmdlet, source(), { [parameter]: value });
        if (!reply.ok) t.true(reply.error.message.length > 0);
        else t.true(Array.isArray(reply.output));
      }
    }
  }
});
