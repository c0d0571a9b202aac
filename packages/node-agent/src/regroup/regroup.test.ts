// Scenario tests of the regroup on the deterministic harness (_harness.ts): each test tells its
// story in its title and a comment; fixed seeds, and the seed is in every failure message.
import test, { type ExecutionContext } from 'ava';
import { nodeName, RegroupWorld, type WorldOptions } from './_harness.js';

const names = (n: number) => Array.from({ length: n }, (_, i) => nodeName(i + 1));

function world(t: ExecutionContext, options: WorldOptions): RegroupWorld {
  const w = new RegroupWorld(options);
  t.teardown(() => {
    if (!t.passed) t.log(`seed=${w.seed} nodes=${options.nodeCount} witness=${options.witness ?? 'None'}; replay: npx ava packages/node-agent/dist/regroup/regroup.test.js --match '${t.title}'`);
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
    // The lost node comes back and rejoins through the running node, which leads that round.
    w.start(lost);
    t.true(w.runUntil(() => w.pending() === null, 30_000), `rejoin: ${w.pending()}`);
    t.is(w.viewOf(lost)?.coordinator, survivor);
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

test('witness unreachable: the arbitration is given up after QuorumArbitrationTimeMax (20 s) and the survivor stops with 1177', (t) => {
  const w = formed(t, { seed: 4, nodeCount: 2, witness: 'Disk' });
  w.witness.reachable = false;
  w.crash('node02');
  w.runFor(40_000);
  const [started] = w.eventsOf('WitnessArbitrationStarted', 'node01');
  const [ended] = w.eventsOf('WitnessArbitrationEnded', 'node01');
  t.truthy(started);
  t.like(ended?.event, { outcome: 'TimedOut' });
  const waitedMs = (ended?.atMs ?? 0) - (started?.atMs ?? 0);
  // Checked on the regroup tick: at most one tick (300 ms) late.
  t.true(waitedMs >= 20_000 && waitedMs <= 20_300, `waited ${waitedMs} ms`);
  t.true(w.eventsOf('ClusterQuorumLost', 'node01').length >= 1);
  t.is(w.viewOf('node01'), null);
});

test('a leader that dies in the closing stage is survived: the others install a view without it', (t) => {
  // Four nodes up; node04 restarts and asks to join; node01 leads that round and dies right after
  // sending its proposal. The promisers' failure detectors report node01 lost, and they regroup.
  const w = formed(t, { seed: 5, nodeCount: 4 });
  w.crash('node04');
  w.runFor(10_000);
  let killedAtMs: number | undefined;
  w.onStep = (node) => {
    const round = w.node(node).state?.round;
    if (node === 'node01' && round?.stage === 'Closing' && killedAtMs === undefined) {
      killedAtMs = w.nowMs;
      w.at(w.nowMs, 'kill the leader', () => w.crash('node01'));
    }
  };
  w.start('node04');
  const ok = w.runUntil(() => ['node02', 'node03', 'node04'].every((n) => w.viewOf(n)?.members.map((m) => m.name).join(',') === 'node02,node03,node04'), 40_000);
  t.truthy(killedAtMs, 'the leader was killed mid-round');
  t.true(ok, `survivors: ${['node02', 'node03', 'node04'].map((n) => `${n}=${w.viewOf(n)?.number ?? w.node(n).state?.role.role}`).join(' ')}`);
  w.onStep = undefined;
  w.start('node01');
  t.true(w.runUntil(() => w.pending() === null, 30_000), `${w.pending()}`);
});

test('a node that answers nothing is given up after ClusSvcRegroupOpeningTimeout, pruned, and told it is out (1006)', (t) => {
  const w = formed(t, { seed: 6, nodeCount: 4 });
  // node03's reports are lost (its failure detector still says it is connected).
  w.filter = (from, _to, message) => !(from === 'node03' && message.type === 'RegroupReport');
  const cutAtMs = w.nowMs;
  w.cut('node01', 'node04');
  w.runFor(30_000);
  const pruned = w.eventsOf('RegroupPruned').find((e) => e.atMs > cutAtMs && e.event.pruned.length === 0 && !e.event.kept.includes('node03'));
  const started = pruned && w.eventsOf('RegroupStarted').find((e) => e.event.viewNumber === pruned.event.viewNumber && e.event.attempt === pruned.event.attempt && e.event.coordinator === pruned.event.coordinator);
  t.truthy(pruned, 'a round went on without node03');
  const waitedMs = (pruned?.atMs ?? 0) - (started?.atMs ?? 0);
  t.true(waitedMs >= 5000 && waitedMs < 5400, `the opening stage waited ${waitedMs} ms`);
  t.true(w.eventsOf('ClusterMembershipHalted', 'node03').length >= 1, 'node03 logged 1006');
  t.true(w.stopsOf('node03').some((d) => d.reason === 'RemovedFromMembership'));
  w.filter = undefined;
  w.healAll();
  t.true(w.runUntil(() => w.pending() === null, 30_000), `${w.pending()}`);
});

test('a link cut one way: the nodes on either side stop hearing each other and one keeps the view; one agreed view', (t) => {
  const w = formed(t, { seed: 7, nodeCount: 3 });
  w.cut('node01', 'node03', { oneWay: true });
  w.runFor(30_000);
  const views = ['node01', 'node02', 'node03'].map((n) => w.viewOf(n)?.members.map((m) => m.name).join(','));
  t.deepEqual(views, ['node01,node02', 'node01,node02', undefined], 'the lowest IDs keep the view; node03 is out');
  t.is(w.viewOf('node01')?.number, w.viewOf('node02')?.number);
  w.healAll();
  t.true(w.runUntil(() => w.pending() === null, 30_000), `${w.pending()}`);
});

test('a partition between two members that both still hear the leader: the leader keeps the lower IDs and the other node is pruned', (t) => {
  const w = formed(t, { seed: 8, nodeCount: 3 });
  w.cut('node02', 'node03');
  w.runFor(30_000);
  t.deepEqual(w.viewOf('node01')?.members.map((m) => m.name), ['node01', 'node02']);
  t.true(w.eventsOf('RegroupPruned', 'node01').some((e) => e.event.pruned.includes('node03')));
  t.true(w.eventsOf('ClusterMembershipHalted', 'node03').length >= 1, 'node03 logged 1006');
  t.is(w.viewOf('node03'), null);
});

test('the harness catches what it checks: disjoint running views, and two member sets for one view number', (t) => {
  // A checker that cannot fail proves nothing: break the world by hand and watch it object.
  const w = formed(t, { seed: 9, nodeCount: 3 });
  const forged = (number: number, names: string[]) => ({ ...(w.viewOf('node01') as NonNullable<ReturnType<typeof w.viewOf>>), number, members: names.map((name) => ({ name, nodeId: Number(name.slice(4)) })) });
  const node01 = w.state('node01');
  const node03 = w.state('node03');
  node01.role = { role: 'Member', view: forged(90, ['node01']), sinceMs: w.nowMs };
  node03.role = { role: 'Member', view: forged(91, ['node02', 'node03']), sinceMs: w.nowMs };
  t.throws(() => w.checkNoSplitBrain(), { message: /split brain/ });
  // Agreement: node03 now installs, through the real protocol path, a view number node01 had with other members.
  const w2 = formed(t, { seed: 10, nodeCount: 3 });
  const number = (w2.viewOf('node02')?.number ?? 0) + 1;
  w2.viewsByNumber.set(number, 'node01');
  w2.crash('node01');
  t.throws(() => w2.runFor(30_000), { message: /agreement/ });
});
