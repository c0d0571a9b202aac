// The network view as the membership subsystem keeps it: refreshed where routes go down and up,
// from heartbeats alone, with the events logged once and Get-ClusterNetwork answering from it.
import test from 'ava';
import type { CommandReply } from '@wsfc-lab/protocol';
import { clusterConfig, networkEventsOf, TestIo } from './_network-fixtures.js';
import { membership, watchPeers, type MembershipState } from './subsystem.js';

function started(self = 'node01') {
  const config = clusterConfig({ self });
  const io = new TestIo(self);
  const state = membership.init(config, io);
  return { config, io, state };
}

/**
 * One same-subnet heartbeat tick (which judges the networks if a route changed), then a response
 * on every route `answered` accepts.
 */
function beat(state: MembershipState, io: TestIo, answered: (peer: string, network: string) => boolean = () => true): void {
  io.nowMs += state.config.settings.SameSubnetDelay;
  membership.onTimer?.(state, { subsystem: 'membership', type: 'HeartbeatTick', crossSubnet: false }, io);
  for (const route of state.routes) {
    if (!answered(route.peer, route.network)) continue;
    const message = { type: 'HeartbeatResponse' as const, sequence: route.lastSentSequence, incarnation: 0, sentAtMs: io.nowMs };
    membership.onMessage?.(state, { source: route.peer, network: route.network, message }, io);
  }
}

function cmdlet(state: MembershipState, io: TestIo, name: string, parameters: Record<string, unknown> = {}): CommandReply {
  io.take();
  const handler = membership.cmdlets?.[name];
  if (!handler) throw new Error(`membership does not answer ${name}`);
  handler(state, { requestId: 'r', parameters }, io);
  const [reply] = io.take().replies;
  if (!reply) throw new Error(`${name} did not reply`);
  return reply;
}

const states = (reply: CommandReply) => (reply.ok ? (reply.output as { Name: string; State: string }[]).map((r) => `${r.Name}: ${r.State}`) : [reply.error.message]);

test('before the cluster service watches its peers there is no view: the cmdlets answer that the service is not running', (t) => {
  const { state, io } = started();
  const reply = cmdlet(state, io, 'Get-ClusterNetwork');
  t.like(reply, { ok: false, error: { category: 'ObjectNotFound', errorId: 'ClusterNotFound' } });
  t.like(cmdlet(state, io, 'Get-ClusterNetworkInterface'), { ok: false, error: { errorId: 'ClusterNotFound' } });
});

test("node02's Cluster NIC silent for Threshold heartbeats: 1126 and 1129 once, Cluster Network 2 Partitioned; its answers back: Up, no event", (t) => {
  const { state, io } = started();
  watchPeers(state, ['node02', 'node03'], io);
  t.deepEqual(states(cmdlet(state, io, 'Get-ClusterNetwork')), ['Cluster Network 1: Up', 'Cluster Network 2: Up', 'Cluster Network 3: Up']);
  t.is(states(cmdlet(state, io, 'Get-ClusterNetworkInterface', { Node: 'node02' }))[0], 'node02 - Management: Unavailable', 'no answer from node02 yet');
  beat(state, io);
  t.is(states(cmdlet(state, io, 'Get-ClusterNetworkInterface', { Node: 'node02' }))[0], 'node02 - Management: Unavailable', 'routes up are judged at the next tick');
  beat(state, io);
  t.deepEqual(states(cmdlet(state, io, 'Get-ClusterNetworkInterface', { Node: 'node02' })), ['node02 - Management: Up', 'node02 - Cluster: Up', 'node02 - Storage: Up']);

  const nicDown = (peer: string, network: string) => !(peer === 'node02' && network === 'Cluster');
  const logged = [];
  for (let i = 0; i <= state.config.settings.SameSubnetThreshold + 2; i++) {
    beat(state, io, nicDown);
    logged.push(...networkEventsOf(io.take().events));
  }
  t.deepEqual(logged, [
    { type: 'NetInterfaceUnreachable', networkInterface: 'node02 - Cluster', node: 'node02', network: 'Cluster Network 2' },
    { type: 'NetworkPartitioned', network: 'Cluster Network 2' },
  ]);
  t.deepEqual(states(cmdlet(state, io, 'Get-ClusterNetwork')), ['Cluster Network 1: Up', 'Cluster Network 2: Partitioned', 'Cluster Network 3: Up']);
  t.deepEqual(states(cmdlet(state, io, 'Get-ClusterNetworkInterface', { Network: 'Cluster Network 2' })), ['node01 - Cluster: Up', 'node02 - Cluster: Unreachable', 'node03 - Cluster: Up']);

  beat(state, io);
  beat(state, io);
  t.deepEqual(networkEventsOf(io.take().events), []);
  t.deepEqual(states(cmdlet(state, io, 'Get-ClusterNetwork', { Name: 'Cluster Network 2' })), ['Cluster Network 2: Up']);
});

test('on node02 itself, its Cluster NIC down: every Cluster route goes down in one tick, and it logs 1127 for its own interface and 1129, no passing 1126', (t) => {
  const { state, io } = started('node02');
  watchPeers(state, ['node01', 'node03'], io);
  beat(state, io);
  beat(state, io);
  io.take();
  const logged = [];
  for (let i = 0; i <= state.config.settings.SameSubnetThreshold + 2; i++) {
    beat(state, io, (_peer, network) => network !== 'Cluster');
    logged.push(...networkEventsOf(io.take().events));
  }
  t.deepEqual(logged, [
    { type: 'NetInterfaceFailed', networkInterface: 'node02 - Cluster', node: 'node02', network: 'Cluster Network 2' },
    { type: 'NetworkPartitioned', network: 'Cluster Network 2' },
  ]);
  t.deepEqual(states(cmdlet(state, io, 'Get-ClusterNetworkInterface', { Network: 'Cluster Network 2' })), ['node01 - Cluster: Up', 'node02 - Cluster: Failed', 'node03 - Cluster: Up']);
});
