import test from 'ava';
import { judgeNetwork, networkStateOf, type NetworkEvidence, type PeerEvidence } from './network-states.js';

const peer = (node: string, fields: Partial<PeerEvidence> = {}): PeerEvidence => ({ node, nodeUp: true, reached: true, ...fields });
const evidence = (peers: PeerEvidence[], fields: Partial<NetworkEvidence> = {}): NetworkEvidence => ({ role: 'ClusterOnly', self: 'node01', selfAttached: true, peers, ...fields });
const judged = (e: NetworkEvidence) => {
  const j = judgeNetwork(e);
  return { state: j.state, interfaces: Object.fromEntries(j.interfaces) };
};

test('every route working: every interface Up, the network Up', (t) => {
  t.deepEqual(judged(evidence([peer('node02'), peer('node03')])), { state: 'Up', interfaces: { node01: 'Up', node02: 'Up', node03: 'Up' } });
});

test("seen from node01, node02's NIC down: node02's interface Unreachable, node01's Up, the network Partitioned", (t) => {
  t.deepEqual(judged(evidence([peer('node02', { reached: false }), peer('node03')])), {
    state: 'Partitioned',
    interfaces: { node01: 'Up', node02: 'Unreachable', node03: 'Up' },
  });
});

test('seen from the node whose NIC is down: its own interface Failed, the others Up, the network Partitioned', (t) => {
  t.deepEqual(judged(evidence([peer('node01', { reached: false }), peer('node03', { reached: false })], { self: 'node02' })), {
    state: 'Partitioned',
    interfaces: { node02: 'Failed', node01: 'Up', node03: 'Up' },
  });
});

test('two nodes and every route down: both interfaces Failed, the network Down', (t) => {
  t.deepEqual(judged(evidence([peer('node02', { reached: false })])), { state: 'Down', interfaces: { node01: 'Failed', node02: 'Failed' } });
});

test('three nodes, one of them down: its interface Unavailable; if this node reaches no one left, both up interfaces Failed and the network Down', (t) => {
  t.deepEqual(judged(evidence([peer('node02', { nodeUp: false, reached: false }), peer('node03', { reached: false })])), {
    state: 'Down',
    interfaces: { node01: 'Failed', node02: 'Unavailable', node03: 'Failed' },
  });
  t.deepEqual(judged(evidence([peer('node02', { nodeUp: false, reached: false }), peer('node03')])), {
    state: 'Up',
    interfaces: { node01: 'Up', node02: 'Unavailable', node03: 'Up' },
  });
});

test('recovery: the route back up makes the interface and the network Up again', (t) => {
  const down = judged(evidence([peer('node02', { reached: false }), peer('node03')]));
  const back = judged(evidence([peer('node02'), peer('node03')]));
  t.is(down.state, 'Partitioned');
  t.deepEqual(back, { state: 'Up', interfaces: { node01: 'Up', node02: 'Up', node03: 'Up' } });
});

test('a network of role None is not judged by routes: Up while its nodes are up', (t) => {
  t.deepEqual(judged(evidence([peer('node02', { reached: false }), peer('node03', { nodeUp: false })], { role: 'None' })), {
    state: 'Up',
    interfaces: { node01: 'Up', node02: 'Up', node03: 'Unavailable' },
  });
});

test('a network this node has no interface on: its peers Up while up, no judgement', (t) => {
  t.deepEqual(judged(evidence([peer('node02', { reached: false }), peer('node03')], { selfAttached: false })), { state: 'Up', interfaces: { node02: 'Up', node03: 'Up' } });
});

test('the network state follows the CLUSTER_NETWORK_STATE definitions', (t) => {
  t.is(networkStateOf([]), 'Unavailable');
  t.is(networkStateOf(['Unavailable', 'Unavailable']), 'Unavailable');
  t.is(networkStateOf(['Up', 'Unavailable']), 'Up');
  t.is(networkStateOf(['Failed', 'Failed', 'Unavailable']), 'Down');
  t.is(networkStateOf(['Up', 'Unreachable', 'Up']), 'Partitioned');
  t.is(networkStateOf(['Failed', 'Up', 'Up']), 'Partitioned');
});
