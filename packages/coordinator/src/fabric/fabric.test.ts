import test from 'ava';
import { Fabric, tcpRetransmit } from './fabric.js';
import type { FabricRules } from './rules.js';

const rules = (): FabricRules => ({
  networks: [
    { name: 'Management', role: 'ClusterAndClient', bandwidthGbps: 1, latencyMs: 0.2, lossPercent: 0 },
    { name: 'Cluster', role: 'ClusterOnly', bandwidthGbps: 10, latencyMs: 0.1, lossPercent: 0 },
  ],
  attachments: { node01: ['Management', 'Cluster'], node02: ['Management', 'Cluster'], node03: ['Management', 'Cluster'], host: ['Management'] },
  nicsDown: [],
  partitions: [],
  pathsDown: [],
});
const never = () => 0.99;

test('a frame is delayed by latency plus serialisation at the network bandwidth', (t) => {
  const verdict = new Fabric(rules()).route('node01', 'node02', 'Management', 125_000, never);
  t.deepEqual(verdict, { deliver: true, delayMs: 0.2 + 1 }); // 1 Mbit at 1 Gbps = 1 ms
});

test('no NIC on the network, or a NIC down at either end, drops the frame', (t) => {
  const fabric = new Fabric(rules());
  t.deepEqual(fabric.route('node01', 'host', 'Cluster', 100, never), { deliver: false, reason: 'noNic' });
  fabric.setNic('node02', 'Cluster', false);
  t.deepEqual(fabric.route('node01', 'node02', 'Cluster', 100, never), { deliver: false, reason: 'nicDown' });
  t.true(fabric.route('node01', 'node02', 'Management', 100, never).deliver, 'other networks still work');
  fabric.setNic('node02', 'Cluster', true);
  t.true(fabric.route('node01', 'node02', 'Cluster', 100, never).deliver);
});

test('a partition separates its groups on the named network only; unlisted actors reach both sides', (t) => {
  const fabric = new Fabric(rules());
  fabric.partition({ network: 'Cluster', groups: [['node01'], ['node02', 'node03']] });
  t.false(fabric.route('node01', 'node02', 'Cluster', 100, never).deliver);
  t.true(fabric.route('node02', 'node03', 'Cluster', 100, never).deliver);
  t.true(fabric.route('node01', 'node02', 'Management', 100, never).deliver);
  fabric.partition({ groups: [['node01'], ['node02', 'node03']] });
  t.false(fabric.route('node01', 'node02', 'Management', 100, never).deliver);
  t.true(fabric.route('node01', 'host', 'Management', 100, never).deliver, 'the storage host is in no group');
  fabric.healAll();
  t.true(fabric.route('node01', 'node02', 'Management', 100, never).deliver);
});

test('loss drops the given share of frames, drawn from the supplied random source', (t) => {
  const fabric = new Fabric(rules());
  fabric.setLoss('Cluster', 30);
  t.false(fabric.route('node01', 'node02', 'Cluster', 10, () => 0.29).deliver);
  t.true(fabric.route('node01', 'node02', 'Cluster', 10, () => 0.3).deliver);
  t.throws(() => fabric.setLoss('Cluster', 101), { message: /0–100, got 101/ });
});

test('a lost storage path cuts one pair on every network, both ways', (t) => {
  const fabric = new Fabric(rules());
  fabric.setPath('node01', 'host', false);
  t.deepEqual(fabric.route('host', 'node01', 'Management', 10, never), { deliver: false, reason: 'pathDown' });
  t.true(fabric.route('node02', 'host', 'Management', 10, never).deliver);
});

test('a frame to or from a TCP endpoint (the iSCSI target) lost on the wire is resent after the RTO, doubling; a datagram is lost', (t) => {
  const fabric = new Fabric({ ...rules(), tcpEndpoints: ['host'] });
  fabric.setLoss('Management', 50);
  const draws = (...values: number[]) => () => values.shift() ?? 0.99;
  // Lost, then the first retransmission arrives: one minimum RTO late.
  const once = fabric.route('node01', 'host', 'Management', 0, draws(0.1, 0.9));
  t.like(once, { deliver: true });
  t.is(once.deliver ? Math.round(once.delayMs - 0.2) : -1, tcpRetransmit.minRtoMs);
  // Lost twice: 300 + 600 ms.
  const twice = fabric.route('host', 'node01', 'Management', 0, draws(0.1, 0.1, 0.9));
  t.is(twice.deliver ? Math.round(twice.delayMs - 0.2) : -1, 3 * tcpRetransmit.minRtoMs);
  // Lost on every try: the connection gives up, the frame is lost.
  t.like(fabric.route('node01', 'host', 'Management', 0, () => 0.1), { deliver: false, reason: 'loss' });
  // Between two nodes (heartbeats are datagrams): lost at once.
  t.like(fabric.route('node01', 'node02', 'Management', 0, draws(0.1, 0.9)), { deliver: false, reason: 'loss' });
});
