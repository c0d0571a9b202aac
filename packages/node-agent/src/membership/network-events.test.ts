import test from 'ava';
import { renderEvent } from '@wsfc-lab/protocol';
import { clusterConfig, networkEventsOf, routesWith, TestIo } from './_network-fixtures.js';
import { refreshNetworkView } from './network-events.js';
import { networkLayout, observeNetworks } from './network-view.js';

const node01 = clusterConfig();

test('the view names the interfaces "<node> - <adapter>" and judges each network from the routes', (t) => {
  const source = { config: node01, routes: routesWith(node01, { 'node02|Cluster': 'Down' }) };
  const layout = networkLayout(source);
  t.deepEqual(
    layout.interfaces.filter((i) => i.node === 'node02').map((i) => [i.name, i.network, i.address]),
    [
      ['node02 - Management', 'Cluster Network 1', '172.16.1.12'],
      ['node02 - Cluster', 'Cluster Network 2', '10.0.1.12'],
      ['node02 - Storage', 'Cluster Network 3', '10.0.2.12'],
    ],
  );
  const view = observeNetworks(source, layout);
  t.deepEqual(view.networks, { 'Cluster Network 1': 'Up', 'Cluster Network 2': 'Partitioned', 'Cluster Network 3': 'Up' });
  t.is(view.interfaces['node02 - Cluster'], 'Unreachable');
  t.is(view.interfaces['node01 - Cluster'], 'Up');
  t.is(view.interfaces['node02 - Management'], 'Up');
});

test('a peer with every route down is down: its interfaces Unavailable, and no event says so', (t) => {
  const io = new TestIo('node01');
  const before = refreshNetworkView(undefined, { config: node01, routes: routesWith(node01) }, io);
  const after = refreshNetworkView(before, { config: node01, routes: routesWith(node01, { 'node03|Management': 'Down', 'node03|Cluster': 'Down' }) }, io);
  t.is(after.interfaces['node03 - Cluster'], 'Unavailable');
  t.is(after.interfaces['node03 - Storage'], 'Unavailable');
  t.is(after.networks['Cluster Network 2'], 'Up');
  t.deepEqual(networkEventsOf(io.take().events), []);
});

test('1126 and 1129 once when node02 becomes unreachable on the Cluster network; nothing while it stays so, nothing on recovery', (t) => {
  const io = new TestIo('node01');
  let view = refreshNetworkView(undefined, { config: node01, routes: routesWith(node01) }, io);
  t.deepEqual(io.take().events, [], 'all Up at start: no event');
  const down = { config: node01, routes: routesWith(node01, { 'node02|Cluster': 'Down' }) };
  view = refreshNetworkView(view, down, io);
  t.deepEqual(io.take().events, [
    { type: 'NetInterfaceUnreachable', networkInterface: 'node02 - Cluster', node: 'node02', network: 'Cluster Network 2' },
    { type: 'NetworkPartitioned', network: 'Cluster Network 2' },
  ]);
  view = refreshNetworkView(view, down, io);
  t.deepEqual(io.take().events, [], 'the same states again: no second event');
  view = refreshNetworkView(view, { config: node01, routes: routesWith(node01) }, io);
  t.deepEqual(io.take().events, [], 'the real product logs no event for a return to Up');
  t.is(view.networks['Cluster Network 2'], 'Up');
  t.is(view.interfaces['node02 - Cluster'], 'Up');
});

test('on the node whose NIC is down: 1127 for its own interface and 1129; a two-node network all down: 1127 twice and 1130', (t) => {
  const node02 = clusterConfig({ self: 'node02' });
  const io = new TestIo('node02');
  const view = refreshNetworkView(undefined, { config: node02, routes: routesWith(node02) }, io);
  refreshNetworkView(view, { config: node02, routes: routesWith(node02, { 'node01|Cluster': 'Down', 'node03|Cluster': 'Down' }) }, io);
  t.deepEqual(io.take().events, [
    { type: 'NetInterfaceFailed', networkInterface: 'node02 - Cluster', node: 'node02', network: 'Cluster Network 2' },
    { type: 'NetworkPartitioned', network: 'Cluster Network 2' },
  ]);

  const pair = clusterConfig({ nodeCount: 2 });
  let pairView = refreshNetworkView(undefined, { config: pair, routes: routesWith(pair) }, io);
  pairView = refreshNetworkView(pairView, { config: pair, routes: routesWith(pair, { 'node02|Cluster': 'Down' }) }, io);
  const events = io.take().events;
  t.deepEqual(
    events.map((e) => renderEvent(e).Id),
    [1127, 1127, 1130],
  );
  t.is(pairView.networks['Cluster Network 2'], 'Down');
});

test('the events read as the System log shows them', (t) => {
  const io = new TestIo('node01');
  const view = refreshNetworkView(undefined, { config: node01, routes: routesWith(node01) }, io);
  refreshNetworkView(view, { config: node01, routes: routesWith(node01, { 'node02|Cluster': 'Down' }) }, io);
  const [unreachable, partitioned] = io.take().events.map(renderEvent);
  t.like(unreachable, { Id: 1126, Level: 'Warning', Provider: 'Microsoft-Windows-FailoverClustering' });
  t.regex(unreachable?.Message ?? '', /^Cluster network interface 'node02 - Cluster' for cluster node 'node02' on network 'Cluster Network 2' is unreachable by at least one other cluster node attached to the network\./);
  t.like(partitioned, { Id: 1129, Level: 'Error' });
  t.regex(partitioned?.Message ?? '', /^Cluster network 'Cluster Network 2' is partitioned\. Some attached failover cluster nodes cannot communicate with each other over the network\./);
});
