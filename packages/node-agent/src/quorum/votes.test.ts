import test from 'ava';
import { adjustVotes, checkVoteState, votesInPlay } from './votes.js';
import { cluster, fail, formed, kept, nodeName, weights } from './_fixtures.js';

const members = (count: number) => new Set(Array.from({ length: count }, (_, i) => nodeName(i + 1)));

test('dynamic witness: the witness votes only while the node votes are even', (t) => {
  const rows = [
    { nodes: 1, witness: 0, total: 1 },
    { nodes: 2, witness: 1, total: 3 },
    { nodes: 3, witness: 0, total: 3 },
    { nodes: 4, witness: 1, total: 5 },
    { nodes: 5, witness: 0, total: 5 },
  ];
  for (const row of rows) {
    const config = cluster({ nodes: row.nodes, witness: 'Disk' });
    const votes = adjustVotes({ config, members: members(row.nodes), witnessHeld: true });
    t.is(votes.WitnessDynamicWeight as number, row.witness, `${row.nodes} nodes`);
    t.is(votesInPlay(config, votes), row.total, `${row.nodes} nodes`);
  }
});

test('tie-breaker: with even node votes and no witness the highest node Id gives up its vote', (t) => {
  const config = cluster({ nodes: 4 });
  const votes = adjustVotes({ config, members: members(4), witnessHeld: false });
  t.deepEqual(votes.DynamicWeight, { node01: 1, node02: 1, node03: 1, node04: 0 });
  t.is(votesInPlay(config, votes), 3);
});

test('tie-breaker: LowerQuorumPriorityNodeID picks the node, unless that node has no vote to give', (t) => {
  const named = cluster({ nodes: 2, LowerQuorumPriorityNodeID: 1 });
  t.deepEqual(adjustVotes({ config: named, members: members(2), witnessHeld: false }).DynamicWeight, { node01: 0, node02: 1 });
  const absent = cluster({ nodes: 4, LowerQuorumPriorityNodeID: 4 });
  // node04 is down, so it has no vote; three votes are odd and no tie-breaker is needed.
  t.deepEqual(adjustVotes({ config: absent, members: members(3), witnessHeld: false }).DynamicWeight, { node01: 1, node02: 1, node03: 1, node04: 0 });
  const downTwo = adjustVotes({ config: absent, members: new Set(['node01', 'node02']), witnessHeld: false });
  t.deepEqual(downTwo.DynamicWeight, { node01: 1, node02: 0, node03: 0, node04: 0 }, 'falls back to the highest Id among the voters');
});

test('a witness that has failed gets no vote, and the tie-breaker takes over', (t) => {
  const config = cluster({ nodes: 2, witness: 'Cloud' });
  const votes = adjustVotes({ config, members: members(2), witnessHeld: false });
  t.is(votes.WitnessDynamicWeight, 0);
  t.deepEqual(votes.DynamicWeight, { node01: 1, node02: 0 });
});

test('a NodeWeight 0 node never gets a dynamic vote back, not even when it rejoins or is the last one up', (t) => {
  let view = formed(cluster({ nodes: 3, noVote: ['node02'] }));
  t.is(weights(view), 'node01=1 node02=0 node03=0 witness=0');
  view = kept(t, view, fail('node02'));
  view = kept(t, view, { type: 'NodeJoined', node: 'node02' });
  t.is(view.votes.DynamicWeight.node02, 0);
  view = kept(t, view, fail('node03'));
  t.is(weights(view), 'node01=1 node02=0 node03=0 witness=0');
  t.notThrows(() => checkVoteState(view.config, view.votes));
});

test('DynamicQuorum 0: votes are NodeWeight and the witness always votes', (t) => {
  const config = cluster({ nodes: 3, witness: 'Disk', DynamicQuorum: 0 });
  const votes = adjustVotes({ config, members: new Set(['node01']), witnessHeld: false });
  t.deepEqual(votes, { DynamicWeight: { node01: 1, node02: 1, node03: 1 }, WitnessDynamicWeight: 1 });
});

test('disk-only quorum: only the disk votes', (t) => {
  const config = cluster({ nodes: 3 });
  config.witness = { type: 'Disk', resource: 'Cluster Disk 1', diskOnly: true };
  const votes = adjustVotes({ config, members: members(3), witnessHeld: true });
  t.deepEqual(votes, { DynamicWeight: { node01: 0, node02: 0, node03: 0 }, WitnessDynamicWeight: 1 });
});

test('checkVoteState rejects a vote for a NodeWeight 0 node and a witness vote without a witness', (t) => {
  const config = cluster({ nodes: 2, noVote: ['node02'] });
  t.throws(() => checkVoteState(config, { DynamicWeight: { node01: 1, node02: 1 }, WitnessDynamicWeight: 0 }), { message: /node02" has DynamicWeight 1 with NodeWeight 0/ });
  t.throws(() => checkVoteState(config, { DynamicWeight: { node01: 1, node02: 0 }, WitnessDynamicWeight: 1 }), { message: /without a witness/ });
  t.throws(() => adjustVotes({ config, members: new Set(['node07']), witnessHeld: false }), { message: /member "node07"/ });
});
