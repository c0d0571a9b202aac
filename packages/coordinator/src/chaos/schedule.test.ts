// The schedule's rule: never more nodes impaired at once than quorum survives, one fault per
// machine, for many seeds and every lab shape the swarm draws.
import test from 'ava';
import { Prng } from '@wsfc-lab/protocol';
import { impairedNodesMax } from './quorum.js';
import { defaultFaultRates, drawSchedule, impairedBy, isKill, scheduleBreaches, withinQuorum, type Topology } from './schedule.js';

const topology = (nodeCount: number, witness: Topology['witness'] = 'Disk'): Topology => ({
  nodes: Array.from({ length: nodeCount }, (_, i) => `node0${i + 1}`),
  networks: ['Management', 'Cluster'],
  witness,
});

test('quorum: half the nodes rounded down, one fewer when that loses the majority; a disk witness counts only while the target is up', (t) => {
  t.is(impairedNodesMax(topology(2), { witnessUp: true }), 1);
  t.is(impairedNodesMax(topology(2), { witnessUp: false }), 0);
  t.is(impairedNodesMax(topology(2, 'None'), { witnessUp: true }), 0);
  t.is(impairedNodesMax(topology(3, 'None'), { witnessUp: true }), 1);
  t.is(impairedNodesMax(topology(4, 'None'), { witnessUp: true }), 1);
  t.is(impairedNodesMax(topology(4), { witnessUp: true }), 2);
  t.is(impairedNodesMax(topology(5), { witnessUp: false }), 1, 'three of six votes is no majority');
});

test('a hand-made schedule that takes two of three nodes at once breaks the rule', (t) => {
  const schedule = [
    { atMs: 0, durationMs: 10_000, fault: { kind: 'nodeKill' as const, node: 'node01' } },
    { atMs: 5_000, durationMs: 10_000, fault: { kind: 'pause' as const, node: 'node02' } },
  ];
  t.false(withinQuorum(schedule.map((s) => s.fault), topology(3)));
  t.regex(scheduleBreaches(schedule, topology(3)).join('\n'), /at 5000 ms: kill node01, pause node02 exceed what quorum survives/);
  t.deepEqual(scheduleBreaches([schedule[0]!, { ...schedule[1]!, atMs: 40_000 }], topology(3)), []);
});

test('for 300 seeds and 2–5 nodes, every drawn schedule keeps the rule and spends its budget', (t) => {
  for (let seed = 0; seed < 300; seed++) {
    const shape = topology(2 + (seed % 4), seed % 7 === 0 ? 'None' : 'Disk');
    const kills = drawSchedule({ prng: new Prng(seed), topology: shape, budget: { kind: 'kills', kills: 10 }, rates: defaultFaultRates });
    t.deepEqual(scheduleBreaches(kills, shape), [], `seed ${seed}, ${shape.nodes.length} nodes`);
    const killable = impairedNodesMax(shape, { witnessUp: true }) > 0 || defaultFaultRates.weights.directoryKill > 0;
    if (killable) t.is(kills.filter((s) => isKill(s.fault)).length, 10, `seed ${seed}: 10 kills drawn`);
    const timed = drawSchedule({ prng: new Prng(seed), topology: shape, budget: { kind: 'duration', durationMs: 60_000 }, rates: defaultFaultRates });
    t.deepEqual(scheduleBreaches(timed, shape), [], `seed ${seed}, duration budget`);
    t.true(timed.every((s) => s.atMs < 60_000 && s.atMs + s.durationMs <= 60_000), `seed ${seed}: every fault within 60 s`);
  }
});

test('the same seed draws the same schedule; another seed another one', (t) => {
  const draw = (seed: number) => drawSchedule({ prng: new Prng(seed), topology: topology(3), budget: { kind: 'kills', kills: 5 }, rates: defaultFaultRates });
  t.deepEqual(draw(7), draw(7));
  t.notDeepEqual(draw(7), draw(8));
  t.true(draw(7).some((s) => impairedBy(s.fault).length > 0));
});
