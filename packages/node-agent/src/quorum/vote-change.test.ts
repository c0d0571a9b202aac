import test from 'ava';
import { votesInPlay } from './votes.js';
import { cluster, fail, formed, kept, nodeName, step, weights, type ClusterView } from './_fixtures.js';
import type { VoteChange } from './vote-change.js';

const seed000 = () => formed(cluster({ nodes: 2, witness: 'Disk' }));
const other = (node: string) => (node === 'node01' ? 'node02' : 'node01');

// Seed 000: node01 and node02 with Cluster Disk 1 as the disk witness. Whichever node is lost, the
// survivor wins the witness disk and holds 2 of 3 votes; when the lost node comes back, the cluster
// is as before and can lose the other one.
const losses: { how: string; change: (node: string) => VoteChange }[] = [
  { how: 'crash', change: (node) => fail(node) },
  { how: 'graceful shutdown', change: (node) => ({ type: 'NodeShutdown', node }) },
];
for (const first of ['node01', 'node02']) {
  for (const { how, change } of losses) {
    test(`seed 000: two nodes and a disk witness survive the ${how} of ${first}, then of ${other(first)} after ${first} rejoins`, (t) => {
      let view = seed000();
      t.is(weights(view), 'node01=1 node02=1 witness=1');
      view = kept(t, view, change(first));
      t.deepEqual([...view.members], [other(first)]);
      // One node vote is odd: the dynamic witness gives up its vote; the survivor is last man standing.
      t.is(view.votes.DynamicWeight[other(first)], 1);
      t.is(votesInPlay(view.config, view.votes), 1);
      view = kept(t, view, { type: 'NodeJoined', node: first });
      t.is(weights(view), 'node01=1 node02=1 witness=1');
      view = kept(t, view, change(other(first)));
      t.deepEqual([...view.members], [first]);
    });
  }
}

test('seed 000 split {node01} | {node02}: only the side that wins the witness disk keeps quorum', (t) => {
  const view = seed000();
  const winner = step({ ...view }, { type: 'NodesFailed', nodes: ['node01'], witnessHeld: true });
  const loser = step({ ...view }, { type: 'NodesFailed', nodes: ['node02'], witnessHeld: false });
  t.is(winner.type, 'QuorumKept');
  t.is(loser.type, 'QuorumLost');
  if (loser.type === 'QuorumLost') t.is(loser.check.detail, '1 of 3 votes in play present (node01); 2 needed: no quorum');
});

// Two nodes and a witness; the witness fails. Both nodes are still up (2 of 3 votes), but now the
// node votes are even with no witness to break the tie, so the cluster takes one node's vote
// (node02: highest Id, the lab's stand-in for the real random choice). Losing node01, which holds
// the only vote, loses quorum; losing node02, which holds none, does not.
function witnessLost(t: Parameters<typeof kept>[0], view: ClusterView): ClusterView {
  const after = kept(t, view, { type: 'WitnessFailed' });
  t.false(after.witnessHeld);
  return after;
}

test('two nodes, witness lost then the node with the vote lost: quorum is lost (event 1177)', (t) => {
  const view = witnessLost(t, seed000());
  t.is(weights(view), 'node01=1 node02=0 witness=0');
  const result = step(view, fail('node01'));
  t.is(result.type, 'QuorumLost');
  if (result.type === 'QuorumLost') {
    t.deepEqual([...result.members], ['node02']);
    t.deepEqual([result.check.votesPresent, result.check.votesTotal], [0, 1]);
  }
});

test('two nodes, witness lost then the node without the vote lost: the other survives as last man standing', (t) => {
  const view = kept(t, witnessLost(t, seed000()), fail('node02'));
  t.is(weights(view), 'node01=1 node02=0 witness=0');
  t.deepEqual([...view.members], ['node01']);
});

test('two nodes, witness lost: LowerQuorumPriorityNodeID decides which node gives up its vote', (t) => {
  const view = witnessLost(t, formed(cluster({ nodes: 2, witness: 'Disk', LowerQuorumPriorityNodeID: 1 })));
  t.is(weights(view), 'node01=0 node02=1 witness=0');
  t.is(step(view, fail('node02')).type, 'QuorumLost');
  t.is(step(view, fail('node01')).type, 'QuorumKept');
});

test('the witness coming back online takes its vote back and returns the tie-broken node its vote', (t) => {
  const view = kept(t, witnessLost(t, seed000()), { type: 'WitnessOnline' });
  t.is(weights(view), 'node01=1 node02=1 witness=1');
});

test('last man standing: five nodes without a witness fail one at a time down to node01', (t) => {
  let view = formed(cluster({ nodes: 5 }));
  const totals: number[] = [];
  for (const lost of ['node05', 'node04', 'node03', 'node02']) {
    view = kept(t, view, fail(lost));
    totals.push(votesInPlay(view.config, view.votes));
  }
  t.deepEqual(totals, [3, 3, 1, 1]);
  t.deepEqual([...view.members], ['node01']);
  t.is(weights(view), 'node01=1 node02=0 node03=0 node04=0 node05=0 witness=0');
});

test('last man standing: five nodes and a witness survive sequential failures in every order', (t) => {
  const orders = permutations([1, 2, 3, 4, 5].map(nodeName));
  t.is(orders.length, 120);
  for (const order of orders) {
    let view = formed(cluster({ nodes: 5, witness: 'Disk' }));
    for (const lost of order.slice(0, 4)) {
      const result = step(view, fail(lost));
      if (result.type !== 'QuorumKept') return t.fail(`order ${order.join(',')}: losing ${lost} lost quorum`);
      view = { ...view, votes: result.votes, members: result.members, witnessHeld: result.witnessHeld };
    }
    t.deepEqual([...view.members], order.slice(4));
  }
});

test('5 nodes losing 3 in one regroup lose quorum; losing 2 keeps it', (t) => {
  const view = formed(cluster({ nodes: 5 }));
  t.is(step(view, fail('node03', 'node04', 'node05')).type, 'QuorumLost');
  t.is(step(view, fail('node04', 'node05')).type, 'QuorumKept');
});

test('graceful shutdown moves the vote first: the node left without a vote survives alone', (t) => {
  const twoNodes = formed(cluster({ nodes: 2 }));
  t.is(weights(twoNodes), 'node01=1 node02=0 witness=0');
  const shutdown = kept(t, twoNodes, { type: 'NodeShutdown', node: 'node01' });
  t.is(weights(shutdown), 'node01=0 node02=1 witness=0');
  t.is(step(twoNodes, fail('node01')).type, 'QuorumLost', 'a crash of the same node does lose quorum');
});

test('with DynamicQuorum 0 a shutdown is judged like a failure', (t) => {
  const view = formed(cluster({ nodes: 2, DynamicQuorum: 0 }));
  t.is(step(view, { type: 'NodeShutdown', node: 'node01' }).type, 'QuorumLost');
  const three = formed(cluster({ nodes: 3, DynamicQuorum: 0 }));
  const down = kept(t, three, fail('node03'));
  t.is(step(down, fail('node02')).type, 'QuorumLost', 'static quorum: one of three is not a majority');
});

test('the last member shutting down stops the cluster; changes about non-members are programmer errors', (t) => {
  const one = kept(t, formed(cluster({ nodes: 2 })), fail('node02'));
  t.is(step(one, { type: 'NodeShutdown', node: 'node01' }).type, 'ClusterStopped');
  t.throws(() => step(one, fail('node02')), { message: /node "node02" left but is not a member/ });
  t.throws(() => step(one, { type: 'NodeJoined', node: 'node01' }), { message: /already a member/ });
});

function permutations<T>(items: readonly T[]): T[][] {
  if (items.length <= 1) return [[...items]];
  return items.flatMap((item, index) => permutations([...items.slice(0, index), ...items.slice(index + 1)]).map((rest) => [item, ...rest]));
}
