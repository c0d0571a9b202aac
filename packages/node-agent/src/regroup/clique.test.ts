// Pruning picks the best fully connected set that contains the leader: most votes, then most
// nodes, then the lowest node IDs.
import test from 'ava';
import { bestClique } from './clique.js';

const id = (name: string) => Number(name.slice(1));

function graph(edges: string[]): (a: string, b: string) => boolean {
  const set = new Set(edges.flatMap((e) => [e, e.split('-').reverse().join('-')]));
  return (a, b) => set.has(`${a}-${b}`);
}

const everyone = () => 0;

test('a fully connected set is kept whole', (t) => {
  const nodes = ['n1', 'n2', 'n3', 'n4'];
  const mutual = graph(['n1-n2', 'n1-n3', 'n1-n4', 'n2-n3', 'n2-n4', 'n3-n4']);
  t.deepEqual(bestClique({ self: 'n2', nodes, nodeId: id, mutual, score: everyone }), ['n1', 'n2', 'n3', 'n4']);
});

test('a node missing one link is pruned; ties between equal sets go to the lowest IDs', (t) => {
  // n2 and n3 cannot hear each other: {n1,n2,n4} and {n1,n3,n4} are both maximal; the first has the lower IDs.
  const nodes = ['n1', 'n2', 'n3', 'n4'];
  const mutual = graph(['n1-n2', 'n1-n3', 'n1-n4', 'n2-n4', 'n3-n4']);
  t.deepEqual(bestClique({ self: 'n1', nodes, nodeId: id, mutual, score: everyone }), ['n1', 'n2', 'n4']);
  t.deepEqual(bestClique({ self: 'n3', nodes, nodeId: id, mutual, score: everyone }), ['n1', 'n3', 'n4'], 'the leader is always kept');
});

test('votes come before size: voters are not traded for joining nodes without a vote', (t) => {
  // {n1,n2} holds two votes; {n1,n3,n4,n5} is bigger but n3..n5 are joining with no vote yet.
  const nodes = ['n1', 'n2', 'n3', 'n4', 'n5'];
  const mutual = graph(['n1-n2', 'n1-n3', 'n1-n4', 'n1-n5', 'n3-n4', 'n3-n5', 'n4-n5']);
  const voters = new Set(['n1', 'n2']);
  const score = (members: readonly string[]) => members.filter((m) => voters.has(m)).length;
  t.deepEqual(bestClique({ self: 'n1', nodes, nodeId: id, mutual, score }), ['n1', 'n2']);
  t.deepEqual(bestClique({ self: 'n1', nodes, nodeId: id, mutual, score: everyone }), ['n1', 'n3', 'n4', 'n5']);
});

test('a leader connected to nobody keeps itself alone', (t) => {
  t.deepEqual(bestClique({ self: 'n3', nodes: ['n1', 'n2', 'n3'], nodeId: id, mutual: graph(['n1-n2']), score: everyone }), ['n3']);
});

test('every kept pair is connected, on random graphs of up to 12 nodes', (t) => {
  let seed = 12345;
  const rand = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
  for (let run = 0; run < 200; run++) {
    const count = 1 + Math.floor(rand() * 12);
    const nodes = Array.from({ length: count }, (_, i) => `n${i + 1}`);
    const edges = nodes.flatMap((a, i) => nodes.slice(i + 1).filter(() => rand() < 0.7).map((b) => `${a}-${b}`));
    const mutual = graph(edges);
    const self = nodes[Math.floor(rand() * count)] as string;
    const kept = bestClique({ self, nodes, nodeId: id, mutual, score: everyone });
    t.true(kept.includes(self));
    for (const a of kept) for (const b of kept) if (a !== b) t.true(mutual(a, b), `${a}-${b} in ${kept.join(',')}`);
    // Maximal: no node outside could join it.
    t.false(nodes.some((n) => !kept.includes(n) && kept.every((k) => mutual(n, k))), `kept set ${kept.join(',')} is not maximal`);
  }
});
