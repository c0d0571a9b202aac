import test from 'ava';
import { Prng } from '@wsfc-lab/protocol';
import { nodes, replay } from './_fixtures.js';
import { nodeList } from './eligibility.js';
import type { PlacedResource, PlacementNode } from './model.js';
import { selectTargetNode, type PlacementCause, type PlacementInput } from './placement.js';

const six: PlacementNode[] = ['NodeA', 'NodeB', 'NodeC', 'NodeD', 'NodeE', 'NodeF'].map((name, i) => ({ name, id: i + 1, State: 'Up' }));

function place(over: Partial<PlacementInput> & { owner?: string; preferred?: string[] }): ReturnType<typeof selectTargetNode> {
  return selectTargetNode({
    group: { name: 'FS1', ownerNode: over.owner ?? 'node01', preferredOwners: over.preferred ?? [] },
    resources: over.resources ?? [],
    nodes: over.nodes ?? nodes(4),
    cause: over.cause ?? 'ResourceFailure',
    random: over.random ?? replay(0),
    ...(over.requiredMemoryBytes === undefined ? {} : { requiredMemoryBytes: over.requiredMemoryBytes }),
  });
}

const targetOf = (result: ReturnType<typeof selectTargetNode>) => (result.ok ? result.value.target : `refused: ${result.error.message}`);

test('the Node List is the preferred owners in their order, then the other nodes by node ID (KB299631)', (t) => {
  t.deepEqual(nodeList(['NodeA', 'NodeC', 'NodeE'], six), ['NodeA', 'NodeC', 'NodeE', 'NodeB', 'NodeD', 'NodeF']);
  t.deepEqual(nodeList([], [...six].reverse()), ['NodeA', 'NodeB', 'NodeC', 'NodeD', 'NodeE', 'NodeF']);
  t.deepEqual(nodeList(['node09', 'NodeB'], six).slice(0, 2), ['NodeB', 'NodeA'], 'unknown preferred owners are skipped');
});

const nextCases: { title: string; owner: string; preferred: string[]; cause: PlacementCause; down?: string; expected: string }[] = [
  { title: 'KB299631 scenario 1: a resource failure on NodeC goes to NodeE, not NodeA', owner: 'NodeC', preferred: ['NodeA', 'NodeC', 'NodeE'], cause: 'ResourceFailure', expected: 'NodeE' },
  { title: 'KB299631 scenario 1: NodeE failing sends the group to NodeB, not NodeA', owner: 'NodeE', preferred: ['NodeA', 'NodeC', 'NodeE'], cause: 'NodeFailure', down: 'NodeE', expected: 'NodeB' },
  { title: 'KB299631 scenario 2A: without preferred owners, the next node by ID', owner: 'NodeC', preferred: [], cause: 'ResourceFailure', expected: 'NodeD' },
  { title: 'wrap-around: after the last node in the list comes the first', owner: 'NodeF', preferred: [], cause: 'ResourceFailure', expected: 'NodeA' },
  { title: 'wrap-around with preferred owners: after the last other node comes the first preferred', owner: 'NodeF', preferred: ['NodeD'], cause: 'ResourceFailure', expected: 'NodeD' },
];

for (const c of nextCases) {
  test(`next in Node List: ${c.title}`, (t) => {
    const ns = six.map((n) => (n.name === c.down ? { ...n, State: 'Down' as const } : n));
    const result = place({ owner: c.owner, preferred: c.preferred, cause: c.cause, nodes: ns });
    t.is(targetOf(result), c.expected);
    t.true(result.ok && result.value.rule === 'NextInNodeList');
  });
}

test('only possible owners of every resource in the group are candidates', (t) => {
  const resources: PlacedResource[] = [{ name: 'IP Address 172.16.1.50' }, { name: 'Cluster Disk 2', possibleOwners: ['node01', 'node02'] }];
  const result = place({ owner: 'node02', resources });
  t.is(targetOf(result), 'node01', 'node03 and node04 are skipped, wrapping to node01');
  t.deepEqual(result.ok ? result.value.candidates : [], ['node01', 'node02']);
});

test('Paused and Down nodes are not candidates', (t) => {
  const result = place({ owner: 'node01', nodes: nodes(4, { node02: 'Paused', node03: 'Down' }) });
  t.is(targetOf(result), 'node04');
});

test('after a resource failure with no other node able to host it, the current owner is the last resort', (t) => {
  const result = place({ owner: 'node01', nodes: nodes(2, { node02: 'Down' }) });
  t.is(targetOf(result), 'node01');
});

test('a node without the memory the role needs is not a candidate', (t) => {
  const ns = nodes(3).map((n) => ({ ...n, availableMemoryBytes: n.name === 'node02' ? 2 * 2 ** 30 : 64 * 2 ** 30 }));
  t.is(targetOf(place({ owner: 'node01', nodes: ns, requiredMemoryBytes: 4 * 2 ** 30 })), 'node03');
});

test('KB299631 scenario 2B: a node failure without preferred owners picks a random node, seeded', (t) => {
  const seed = 20240607;
  t.log(`seed=${seed}`);
  const ns = nodes(5, { node01: 'Down' });
  const pickWith = (s: number) => place({ owner: 'node01', nodes: ns, cause: 'NodeFailure', random: () => new Prng(s).fork('placement').next() });
  const first = pickWith(seed);
  t.true(first.ok && first.value.rule === 'Random');
  t.deepEqual(first.ok ? first.value.candidates : [], ['node02', 'node03', 'node04', 'node05']);
  t.is(targetOf(pickWith(seed)), targetOf(first), 'the same seed picks the same node');
  const picked = new Set(Array.from({ length: 40 }, (_, s) => targetOf(pickWith(seed + s))));
  t.deepEqual([...picked].sort(), ['node02', 'node03', 'node04', 'node05'], 'every candidate gets picked for some seed');
});

test('random picks map [0, 1) onto the candidates in Node List order', (t) => {
  const ns = nodes(4, { node01: 'Down' });
  const at = (r: number) => targetOf(place({ owner: 'node01', nodes: ns, cause: 'NodeFailure', random: replay(r) }));
  t.deepEqual([0, 0.34, 0.67, 0.999999].map(at), ['node02', 'node03', 'node04', 'node04']);
});

test('KB299631 scenario 3: "best possible node" starts at the top of the Node List, skipping the current owner', (t) => {
  t.is(targetOf(place({ owner: 'NodeD', preferred: ['NodeA', 'NodeC', 'NodeE'], nodes: six, cause: 'BestPossible' })), 'NodeA');
  t.is(targetOf(place({ owner: 'NodeA', preferred: ['NodeA', 'NodeC', 'NodeE'], nodes: six, cause: 'BestPossible' })), 'NodeC');
});

test('KB299631 scenario 3: with every preferred owner down, "best possible" picks randomly among the rest', (t) => {
  const ns = six.map((n) => (['NodeA', 'NodeC', 'NodeE'].includes(n.name) ? { ...n, State: 'Down' as const } : n));
  const result = place({ owner: 'NodeD', preferred: ['NodeA', 'NodeC', 'NodeE'], nodes: ns, cause: 'BestPossible', random: replay(0.9) });
  t.true(result.ok && result.value.rule === 'Random');
  t.deepEqual(result.ok ? result.value.candidates : [], ['NodeB', 'NodeF']);
  t.is(targetOf(result), 'NodeF');
});

test('when no node can host the group, the refusal names the role and why each node was excluded', (t) => {
  const resources: PlacedResource[] = [{ name: 'Cluster Disk 2', possibleOwners: ['node01'] }];
  const result = place({ owner: 'node01', nodes: nodes(3, { node01: 'Down', node02: 'Paused' }), cause: 'NodeFailure', resources });
  t.false(result.ok);
  const message = result.ok ? '' : result.error.message;
  t.true(message.includes("clustered role 'FS1'"), message);
  t.true(message.includes('node02 is Paused'), message);
  t.true(message.includes("node03 is not a possible owner of resource 'Cluster Disk 2'"), message);
});
