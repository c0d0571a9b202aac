// Scenario tests of the regroup on the deterministic harness (_harness.ts): each test tells its
// story in its title and a comment; fixed seeds, and the seed is in every failure message.
import test, { type ExecutionContext } from 'ava';
import { nodeName, RegroupWorld, type WorldOptions } from './_harness.js';

const names = (n: number) => Array.from({ length: n }, (_, i) => nodeName(i + 1));

function world(t: ExecutionContext, options: WorldOptions): RegroupWorld {
  const w = new RegroupWorld(options);
  t.teardown(() => {
    if (!t.passed) t.log(`seed=${w.seed} nodes=${options.nodeCount} witness=${options.witness ?? 'None'} ${w.replay('regroup.test.js')}`);
  });
  return w;
}

/** Start every node and wait for one view of all of them. */
function formed(t: ExecutionContext, options: WorldOptions): RegroupWorld {
  const w = world(t, options);
  for (const name of names(options.nodeCount)) w.start(name);
  const ok = w.runUntil(() => w.pending() === null, 60_000);
  if (!ok) t.fail(`cluster did not form: ${w.pending()}`);
  return w;
}

for (let n = 2; n <= 8; n++) {
  test(`cold start: ${n} nodes started together form one cluster`, (t) => {
    for (const witness of n % 2 === 0 ? (['None', 'Disk'] as const) : (['None'] as const)) {
      const w = world(t, { seed: 100 + n, nodeCount: n, witness });
      // The services start within two seconds of each other, in a random order.
      for (const name of names(n)) w.at(w.prng.between(0, 2000), `start ${name}`, () => w.start(name));
      t.true(w.runUntil(() => w.pending() === null, 30_000), `${n} nodes, witness ${witness}: ${w.pending()}`);
      const view = w.viewOf('node01');
      t.deepEqual(view?.members.map((m) => m.name), names(n));
    }
  });
}

test('seed 000: two nodes and a disk witness; losing either node leaves the other running (it wins the witness)', (t) => {
  for (const lost of ['node01', 'node02']) {
    const w = formed(t, { seed: 0, nodeCount: 2, witness: 'Disk' });
    const survivor = lost === 'node01' ? 'node02' : 'node01';
    const before = w.viewOf(survivor)?.number ?? 0;
    w.crash(lost);
    w.runFor(30_000);
    const view = w.viewOf(survivor);
    t.deepEqual(view?.members.map((m) => m.name), [survivor], `${survivor} runs alone after ${lost} is lost`);
    t.true((view?.number ?? 0) > before);
    t.is(w.witness.holder, survivor, 'the survivor won the witness');
    t.deepEqual(w.stopsOf(survivor), []);
    t.true(w.eventsOf('ClusterNodeRemoved', survivor).some((e) => e.event.node === lost), '1135 on the survivor');
    // The lost node comes back and rejoins; the cluster is whole again.
    w.start(lost);
    t.true(w.runUntil(() => w.pending() === null, 30_000), `rejoin: ${w.pending()}`);
  }
});

test('seed 000: a partition between the two nodes leaves the witness holder running; the other stops with 1177', (t) => {
  const w = formed(t, { seed: 1, nodeCount: 2, witness: 'Disk' });
  // Let node02 hold the witness first: crash and restart node01 so node02 arbitrates alone.
  w.crash('node01');
  w.runFor(20_000);
  t.is(w.witness.holder, 'node02');
  w.start('node01');
  t.true(w.runUntil(() => w.pending() === null, 30_000));
  w.partition(['node01'], ['node02']);
  w.runFor(30_000);
  t.deepEqual(w.viewOf('node02')?.members.map((m) => m.name), ['node02']);
  t.is(w.viewOf('node01'), null);
  const lost = w.eventsOf('ClusterQuorumLost', 'node01');
  t.true(lost.length >= 1, 'node01 logged 1177');
  t.true(w.stopsOf('node01').some((d) => d.reason === 'LostQuorum'));
});

test('three nodes, partition {node01} | {node02, node03}: node01 stops with 1177 "Lost quorum", the pair continues', (t) => {
  const w = formed(t, { seed: 3, nodeCount: 3 });
  w.partition(['node01'], ['node02', 'node03']);
  w.runFor(30_000);
  t.deepEqual(w.viewOf('node02')?.members.map((m) => m.name), ['node02', 'node03']);
  t.deepEqual(w.viewOf('node03')?.members.map((m) => m.name), ['node02', 'node03']);
  t.is(w.viewOf('node01'), null, 'node01 runs no cluster');
  const [lost] = w.eventsOf('ClusterQuorumLost', 'node01');
  t.truthy(lost);
  t.like(lost?.event, { nodeId: 1, votesPresent: 1, votesNeeded: 2, votesTotal: 3, voterIds: [1] });
  t.regex(`${lost?.event.detail}`, /1 of 3 votes/);
  t.true(w.stopsOf('node01').some((d) => d.reason === 'LostQuorum' && d.detail.startsWith('Lost quorum')));
  for (const survivor of ['node02', 'node03']) {
    t.true(w.eventsOf('ClusterNodeRemoved', survivor).some((e) => e.event.node === 'node01'), `1135 for node01 on ${survivor}`);
    t.deepEqual(w.stopsOf(survivor), []);
  }
  // Healed, node01 (Joining since the stop) rejoins.
  w.healAll();
  t.true(w.runUntil(() => w.pending() === null, 30_000), `${w.pending()}`);
});
