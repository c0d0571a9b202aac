// Scenario tests of the Global Update Manager: each reads as the story it checks, on the
// deterministic harness (fixed seeds; no randomness matters to the outcome unless said).
import test from 'ava';
import { GumCluster } from './_harness.js';
import { getValue, type DbChange } from './database.js';
import { initGumNode, stepGumNode } from './gum-node.js';
import type { GumNodeState, GumInput } from './types.js';

const mark = (id: string, extra: DbChange[] = []): DbChange[] => [{ op: 'SetValue', path: `Cluster/Requests/${id}`, value: id }, ...extra];

function formed(nodeCount = 3, seed = 1): GumCluster {
  const c = new GumCluster({ seed, nodeCount });
  c.setView(c.nodes.map((n) => n.name));
  c.settle();
  return c;
}

test('an update commits only once every member of the view has acknowledged it', (t) => {
  const c = formed(3);
  // hv03's acknowledgements are lost: the locker keeps resending and never commits.
  c.filter = (from, _to, m) => !(from === 'hv03' && m.type === 'GumState');
  const id = c.propose('hv02', mark('a'));
  c.run(2000);
  t.deepEqual(c.committed, []);
  t.is(c.copy('hv01').sequence, 1, 'the locker applied it first');
  t.is(c.copy('hv03').sequence, 1, 'hv03 applied it too, but its acknowledgement is lost');
  c.filter = undefined;
  c.settle();
  t.deepEqual(c.committed.map((r) => [r.requestId, r.sequence]), [[id, 1]]);
  c.checkSettled();
});

test('the locker is the lowest node ID and sends updates to the members in node-ID order', (t) => {
  const c = new GumCluster({ seed: 2, nodeCount: 4 });
  c.setView(['hv04', 'hv02', 'hv03', 'hv01']);
  c.settle();
  const sent: string[] = [];
  c.filter = (from, to, m) => {
    if (m.type === 'GumUpdate') sent.push(`${from}->${to}`);
    return true;
  };
  c.propose('hv03', mark('b'));
  c.settle();
  t.is(c.state('hv01').role.role, 'Locker');
  t.deepEqual(sent, ['hv01->hv02', 'hv01->hv03', 'hv01->hv04']);
});

test('locker fails after its update reached only the first member: the next locker sends it to every survivor', (t) => {
  const c = formed(3);
  c.propose('hv03', mark('keep'));
  // hv01 applies, then only hv02 gets the update before hv01 dies.
  c.filter = (from, to, m) => !(from === 'hv01' && to === 'hv03' && m.type === 'GumUpdate');
  c.run(30);
  t.is(c.copy('hv02').sequence, 1);
  t.is(c.copy('hv03').sequence, 0);
  c.crash('hv01');
  c.filter = undefined;
  c.setView(['hv02', 'hv03']);
  c.settle();
  t.is(c.copy('hv03').sequence, 1, 'hv03 got it from the new locker');
  t.deepEqual(c.committed.map((r) => r.requestId), ['hv03-0-1'], 'the requester is told once');
  c.checkSettled();
});

test('locker fails before its update reached anyone: no survivor has it, the retry commits it once', (t) => {
  const c = formed(3);
  c.filter = (from, _to, m) => !(from === 'hv01' && m.type === 'GumUpdate');
  c.propose('hv03', mark('retry'));
  c.run(30);
  t.is(c.copy('hv01').sequence, 1, 'the locker applied it alone');
  c.crash('hv01');
  c.filter = undefined;
  c.setView(['hv02', 'hv03']);
  c.settle();
  t.is(c.copy('hv02').sequence, 1);
  t.deepEqual(c.committed.map((r) => r.requestId), ['hv03-0-1']);
  // The old locker comes back with its orphaned copy of sequence 1: it takes the cluster's.
  c.restart('hv01');
  c.setView(['hv01', 'hv02', 'hv03']);
  c.settle();
  c.checkSettled();
  t.is(c.copy('hv01').sequence, 1);
  t.false(c.events.some((e) => e.event.type === 'ClusterDatabaseNotLatest'), 'an orphaned update is no partition in time');
});

test('a member one update behind gets the last update; one further behind gets a snapshot in chunks', (t) => {
  const c = formed(3);
  c.crash('hv03');
  c.setView(['hv01', 'hv02']);
  c.propose('hv02', mark('one'));
  c.settle();
  c.restart('hv03');
  c.setView(['hv01', 'hv02', 'hv03']);
  c.settle();
  const viaUpdate = c.events.filter((e) => e.node === 'hv03' && e.event.type === 'DatabaseSynchronized');
  t.is(viaUpdate.length, 1);
  t.like(viaUpdate[0]?.event, { via: 'Update', toSequence: 1 });
  c.crash('hv03');
  c.setView(['hv01', 'hv02']);
  // 300 entries: more than two chunks of snapshotChunkEntriesMax (128).
  for (let i = 0; i < 5; i++) {
    const changes: DbChange[] = [];
    for (let j = 0; j < 60; j++) changes.push({ op: 'SetValue', path: `Resources/Disk ${i}-${j}/State`, value: 'Online' });
    c.propose('hv01', mark(`bulk${i}`, changes));
  }
  c.settle();
  c.restart('hv03');
  c.setView(['hv01', 'hv02', 'hv03']);
  c.settle();
  c.checkSettled();
  const last = c.events.filter((e) => e.node === 'hv03' && e.event.type === 'DatabaseSynchronized').at(-1);
  t.like(last?.event, { via: 'Snapshot', fromSequence: 1, toSequence: 6 });
  t.true(Object.keys(c.copy('hv03').entries).length > 300);
});

test('concurrent updates from every node are totally ordered: one history, gapless, everywhere', (t) => {
  const c = formed(4, 5);
  const ids: string[] = [];
  for (let round = 0; round < 5; round++) {
    for (const n of ['hv01', 'hv02', 'hv03', 'hv04']) ids.push(c.propose(n, mark(`${n}-${round}`, [{ op: 'SetValue', path: 'Cluster/Last', value: `${n}-${round}` }])));
  }
  c.settle();
  c.checkSettled();
  const sequences = c.committed.map((r) => r.sequence).sort((a, b) => a - b);
  t.deepEqual(sequences, Array.from({ length: 20 }, (_, i) => i + 1), 'each request got its own sequence number, no gap');
  // The value every node reads is the write that got the highest sequence.
  const lastWriter = c.committed.reduce((a, b) => (a.sequence > b.sequence ? a : b));
  for (const n of ['hv01', 'hv02', 'hv03', 'hv04']) t.is(getValue(c.copy(n), 'Cluster/Last'), lastWriter.requestId.replace(/-0-\d+$/, '').length ? getValue(c.copy('hv01'), 'Cluster/Last') : '');
  t.is(getValue(c.copy('hv04'), 'Cluster/Requests/' + lastWriter.requestId), lastWriter.requestId);
  // Each node's own requests committed in the order it made them.
  for (const n of ['hv01', 'hv02', 'hv03', 'hv04']) {
    const mine = c.committed.filter((r) => r.node === n).map((r) => r.sequence);
    t.deepEqual(mine, [...mine].sort((a, b) => a - b));
  }
});

test('a node cut off by a partition comes back with a stale copy and takes the newer one', (t) => {
  const c = formed(3);
  c.propose('hv01', mark('before'));
  c.settle();
  c.node('hv03').isolated = true;
  c.setView(['hv01', 'hv02']);
  for (let i = 0; i < 4; i++) c.propose('hv02', mark(`during${i}`));
  c.settle();
  t.is(c.copy('hv03').sequence, 1);
  c.node('hv03').isolated = false;
  c.setView(['hv01', 'hv02', 'hv03']);
  c.settle();
  c.checkSettled();
  t.is(c.copy('hv03').sequence, 5);
  t.false(c.events.some((e) => e.event.type === 'ClusterDatabaseNotLatest'));
});

test('partition in time: a node returns with a higher sequence than a forced cluster; 1561, and the cluster copy stays', (t) => {
  const c = formed(3);
  c.node('hv03').isolated = true;
  c.setView(['hv01', 'hv02']);
  for (let i = 0; i < 3; i++) c.propose('hv01', mark(`lost${i}`));
  c.settle();
  // hv01 and hv02 go down; hv03 is started alone with ForceQuorum and runs on.
  c.crash('hv01');
  c.crash('hv02');
  c.node('hv03').isolated = false;
  c.setView(['hv03']);
  c.propose('hv03', mark('forced'));
  c.settle();
  t.is(c.copy('hv03').sequence, 1);
  // hv01 returns: its copy (sequence 3) is newer by sequence, but hv03's cluster ran on.
  c.restart('hv01');
  c.setView(['hv01', 'hv03']);
  c.settle();
  c.checkSettled();
  const reports = c.events.filter((e) => e.event.type === 'ClusterDatabaseNotLatest');
  t.is(reports.length, 1);
  t.like(reports[0]?.event, { node: 'hv01', nodeSequence: 1, latestNode: 'hv01', latestSequence: 3 });
  t.is(getValue(c.copy('hv01'), 'Cluster/Requests/forced'), 'forced');
  t.is(getValue(c.copy('hv01'), 'Cluster/Requests/lost0'), undefined);
});

test('restart is init from the persisted copy; the sequence goes on without a gap', (t) => {
  const c = formed(3);
  for (let i = 0; i < 3; i++) c.propose('hv02', mark(`p${i}`));
  c.settle();
  for (const n of ['hv01', 'hv02', 'hv03']) c.crash(n);
  for (const n of ['hv01', 'hv02', 'hv03']) c.restart(n);
  t.is(c.copy('hv02').sequence, 3, 'the copy came back from the store');
  c.setView(['hv01', 'hv02', 'hv03']);
  c.propose('hv03', mark('after'));
  c.settle();
  c.checkSettled();
  t.is(c.copy('hv01').sequence, 4);
  t.deepEqual(c.committed.at(-1), { node: 'hv03', requestId: 'hv03-1-1', sequence: 4 });
});

test('a member silent for RequestReplyTimeout is reported for removal, once', (t) => {
  const c = formed(3);
  c.node('hv03').isolated = true; // no view change: the membership layer has not noticed yet
  c.propose('hv01', mark('stuck'));
  c.run(c.settings.requestReplyTimeoutMs - 200);
  t.false(c.events.some((e) => e.event.type === 'GumNodeStuck'));
  c.run(2000);
  const stuck = c.events.filter((e) => e.event.type === 'GumNodeStuck');
  t.is(stuck.length, 1);
  t.like(stuck[0]?.event, { node: 'hv03', sequence: 1 });
  t.deepEqual(c.committed, [], 'not committed while a member has not acknowledged');
  c.setView(['hv01', 'hv02']);
  c.settle();
  t.deepEqual(c.committed.map((r) => r.requestId), ['hv01-0-1']);
});

test('requests made outside any view wait and go to the locker once there is one', (t) => {
  const c = new GumCluster({ seed: 3, nodeCount: 2 });
  c.propose('hv02', mark('early'));
  c.run(500);
  t.deepEqual(c.committed, []);
  c.setView(['hv01', 'hv02']);
  c.settle();
  t.deepEqual(c.committed.map((r) => r.requestId), ['hv02-0-1']);
});

test('an invalid request is rejected at once and never sent', (t) => {
  const state = initGumNode({ self: 'hv01', incarnation: 0, requestReplyTimeoutMs: 1000, retryIntervalMs: 100 }, undefined);
  const result = stepGumNode(state, { type: 'Propose', nowMs: 0, requestId: 'bad', changes: [{ op: 'SetValue', path: 'Bogus/Key', value: 1 }] });
  t.is(result.completed.length, 1);
  t.like(result.completed[0], { requestId: 'bad', outcome: 'Rejected' });
  t.regex((result.completed[0] as { reason: string }).reason, /Bogus\/Key/);
  t.deepEqual(result.outbox, []);
});

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

test('step is pure: it never changes the state it was given', (t) => {
  const c = formed(3);
  c.propose('hv02', mark('x'));
  c.run(15);
  const before = structuredClone(c.state('hv01'));
  const frozen: GumNodeState = deepFreeze(structuredClone(c.state('hv01')));
  const inputs: GumInput[] = [
    { type: 'Tick', nowMs: c.nowMs + 10_000 },
    { type: 'Propose', nowMs: c.nowMs, requestId: 'y', changes: mark('y') },
    { type: 'ViewChanged', nowMs: c.nowMs, viewNumber: 99, members: [{ name: 'hv01', nodeId: 1 }, { name: 'hv02', nodeId: 2 }] },
    { type: 'Message', nowMs: c.nowMs, from: 'hv02', message: { type: 'GumSnapshotRequest', viewNumber: 1, epoch: 0, sequence: 0, digest: '0000000000000000', cursor: 0 } },
  ];
  for (const input of inputs) t.notThrows(() => stepGumNode(frozen, input));
  t.deepEqual(structuredClone(frozen), before);
});
