import test from 'ava';
import { hasQuorum } from './check.js';
import { cluster, formed, nodeName } from './_fixtures.js';

const names = (...indexes: number[]) => new Set(indexes.map(nodeName));

test('3-node partition 1|2: the majority keeps quorum and the isolated node loses it', (t) => {
  const { config, votes } = formed(cluster({ nodes: 3 }));
  const minority = hasQuorum({ config, votes, present: names(1), witnessHeld: false });
  const majority = hasQuorum({ config, votes, present: names(2, 3), witnessHeld: false });
  t.false(minority.quorum);
  t.true(majority.quorum);
  t.deepEqual([minority.votesPresent, minority.votesNeeded, minority.votesTotal], [1, 2, 3]);
  t.deepEqual([majority.votesPresent, majority.votesNeeded, majority.votesTotal], [2, 2, 3]);
  t.is(minority.detail, '1 of 3 votes in play present (node01); 2 needed: no quorum');
});

test('4 nodes and a witness survive two simultaneous failures when the survivors hold the witness', (t) => {
  const { config, votes } = formed(cluster({ nodes: 4, witness: 'Disk' }));
  t.is(votes.WitnessDynamicWeight, 1, 'four node votes are even, so the witness votes');
  const survivors = hasQuorum({ config, votes, present: names(1, 2), witnessHeld: true });
  t.true(survivors.quorum);
  t.deepEqual([survivors.votesPresent, survivors.votesTotal], [3, 5]);
  t.is(survivors.detail, '3 of 5 votes in play present (node01, node02, witness); 3 needed: quorum');
  t.false(hasQuorum({ config, votes, present: names(1, 2), witnessHeld: false }).quorum, 'without the witness two of five is not enough');
});

test('5 nodes losing 3 at once lose quorum: dynamic quorum does not help a simultaneous majority loss', (t) => {
  const { config, votes } = formed(cluster({ nodes: 5 }));
  const check = hasQuorum({ config, votes, present: names(1, 2), witnessHeld: false });
  t.false(check.quorum);
  t.deepEqual([check.votesPresent, check.votesNeeded, check.votesTotal], [2, 3, 5]);
});

test('a NodeWeight 0 node never counts toward quorum', (t) => {
  const { config, votes } = formed(cluster({ nodes: 3, noVote: ['node03'] }));
  // Two votes (node01, node02); with no witness the tie-breaker leaves one: node01 (lowest Id keeps it).
  t.deepEqual(votes.DynamicWeight, { node01: 1, node02: 0, node03: 0 });
  const check = hasQuorum({ config, votes, present: names(2, 3), witnessHeld: false });
  t.false(check.quorum, 'node02 and node03 are two nodes but hold no vote');
  t.deepEqual(check.votersPresent, []);
  t.true(hasQuorum({ config, votes, present: names(1), witnessHeld: false }).quorum);
});

test('the witness counts only for the partition that holds it and only while it votes', (t) => {
  const { config, votes } = formed(cluster({ nodes: 2, witness: 'FileShare' }));
  const cases = [
    { present: names(1), witnessHeld: true, quorum: true },
    { present: names(2), witnessHeld: true, quorum: true },
    { present: names(1), witnessHeld: false, quorum: false },
    { present: names(2), witnessHeld: false, quorum: false },
  ];
  for (const c of cases) t.is(hasQuorum({ config, votes, ...c }).quorum, c.quorum, `${[...c.present].join()} witnessHeld=${c.witnessHeld}`);
  const odd = formed(cluster({ nodes: 3, witness: 'Disk' }));
  t.is(odd.votes.WitnessDynamicWeight, 0);
  t.is(hasQuorum({ ...odd, present: names(1), witnessHeld: true }).votesPresent, 1, 'a witness without a vote adds nothing');
});

test('no votes in play means no quorum, and an unknown node is a programmer error', (t) => {
  const config = cluster({ nodes: 2, noVote: ['node01', 'node02'] });
  const { votes } = formed(config);
  const check = hasQuorum({ config, votes, present: names(1, 2), witnessHeld: false });
  t.false(check.quorum);
  t.deepEqual([check.votesTotal, check.votesNeeded], [0, 1]);
  t.throws(() => hasQuorum({ config, votes, present: new Set(['node09']), witnessHeld: false }), { message: /present node "node09" is not a node/ });
});
