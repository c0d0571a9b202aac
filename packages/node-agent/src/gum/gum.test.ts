// Scenario tests of the Global Update Manager: each reads as the story it checks, on the
// deterministic harness (fixed seeds; no randomness matters to the outcome unless said).
import test from 'ava';
import { GumCluster } from './_harness.js';
import { getValue, type DbChange } from './database.js';
import { initGumNode, stepGumNode } from './gum-node.js';
import type { GumNodeState, GumInput } from './types.js';

const mark = (id: string, extra: DbChange[] = []): DbChange[] => [{ op: 'SetValue', path: `Cluster/Requests/${id}`, value: id }, ...extra];
/** A request whose id is also its marker path, which checkSettled looks for. */
const req = (c: GumCluster, node: string, id: string, extra: DbChange[] = []): string => c.propose(node, mark(id, extra), id);

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
  const id = req(c, 'hv02', 'a');
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
  req(c, 'hv03', 'b');
  c.settle();
  t.is(c.state('hv01').role.role, 'Locker');
  t.deepEqual(sent, ['hv01->hv02', 'hv01->hv03', 'hv01->hv04']);
});

test('locker fails after its update reached only the first member: the next locker sends it to every survivor', (t) => {
  const c = formed(3);
  req(c, 'hv03', 'keep');
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
  t.deepEqual(c.committed.map((r) => r.requestId), ['keep'], 'the requester is told once');
  c.checkSettled();
});

test('locker fails before its update reached anyone: no survivor has it, the retry commits it once', (t) => {
  const c = formed(3);
  c.filter = (from, _to, m) => !(from === 'hv01' && m.type === 'GumUpdate');
  req(c, 'hv03', 'retry');
  c.run(30);
  t.is(c.copy('hv01').sequence, 1, 'the locker applied it alone');
  c.crash('hv01');
  c.filter = undefined;
  c.setView(['hv02', 'hv03']);
  c.settle();
  t.is(c.copy('hv02').sequence, 1);
  t.deepEqual(c.committed.map((r) => r.requestId), ['retry']);
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
  req(c, 'hv02', 'one');
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
    req(c, 'hv01', `bulk${i}`, changes);
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
    for (const n of ['hv01', 'hv02', 'hv03', 'hv04']) ids.push(req(c, n, `${n}-${round}`, [{ op: 'SetValue', path: 'Cluster/Last', value: `${n}-${round}` }]));
  }
  c.settle();
  c.checkSettled();
  const sequences = c.committed.map((r) => r.sequence).sort((a, b) => a - b);
  t.deepEqual(sequences, Array.from({ length: 20 }, (_, i) => i + 1), 'each request got its own sequence number, no gap');
  // The value every node reads is the write that got the highest sequence.
  const lastWriter = c.committed.reduce((a, b) => (a.sequence > b.sequence ? a : b));
  for (const n of ['hv01', 'hv02', 'hv03', 'hv04']) t.is(getValue(c.copy(n), 'Cluster/Last'), lastWriter.requestId);
  t.deepEqual([...c.committed.map((r) => r.requestId)].sort(), [...ids].sort());
  // Each node's own requests committed in the order it made them.
  for (const n of ['hv01', 'hv02', 'hv03', 'hv04']) {
    const mine = c.committed.filter((r) => r.node === n).map((r) => r.sequence);
    t.deepEqual(mine, [...mine].sort((a, b) => a - b));
  }
});

test('a node cut off by a partition comes back with a stale copy and takes the newer one', (t) => {
  const c = formed(3);
  req(c, 'hv01', 'before');
  c.settle();
  c.node('hv03').isolated = true;
  c.setView(['hv01', 'hv02']);
  for (let i = 0; i < 4; i++) req(c, 'hv02', `during${i}`);
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
  for (let i = 0; i < 3; i++) req(c, 'hv01', `lost${i}`);
  c.settle();
  // hv01 and hv02 go down; hv03 is started alone with ForceQuorum and runs on.
  c.crash('hv01');
  c.crash('hv02');
  c.node('hv03').isolated = false;
  c.setView(['hv03']);
  req(c, 'hv03', 'forced');
  c.settle();
  t.is(c.copy('hv03').sequence, 1);
  // hv01 returns: its copy (sequence 3) is newer by sequence, but hv03's cluster ran on.
  c.restart('hv01');
  c.setView(['hv01', 'hv03']);
  c.settle();
  c.checkSettled(new Set(['lost0', 'lost1', 'lost2']));
  const reports = c.events.filter((e) => e.event.type === 'ClusterDatabaseNotLatest');
  t.is(reports.length, 1);
  t.like(reports[0]?.event, { node: 'hv01', nodeSequence: 1, latestNode: 'hv01', latestSequence: 3 });
  t.is(getValue(c.copy('hv01'), 'Cluster/Requests/forced'), 'forced');
  t.is(getValue(c.copy('hv01'), 'Cluster/Requests/lost0'), undefined);
});

test('restart is init from the persisted copy; the sequence goes on without a gap', (t) => {
  const c = formed(3);
  for (let i = 0; i < 3; i++) req(c, 'hv02', `p${i}`);
  c.settle();
  for (const n of ['hv01', 'hv02', 'hv03']) c.crash(n);
  for (const n of ['hv01', 'hv02', 'hv03']) c.restart(n);
  t.is(c.copy('hv02').sequence, 3, 'the copy came back from the store');
  c.setView(['hv01', 'hv02', 'hv03']);
  req(c, 'hv03', 'after');
  c.settle();
  c.checkSettled();
  t.is(c.copy('hv01').sequence, 4);
  t.deepEqual(c.committed.at(-1), { node: 'hv03', requestId: 'after', sequence: 4 });
});

test('a member silent for RequestReplyTimeout is reported for removal, once', (t) => {
  const c = formed(3);
  c.node('hv03').isolated = true; // no view change: the membership layer has not noticed yet
  req(c, 'hv01', 'stuck');
  c.run(c.settings.requestReplyTimeoutMs - 200);
  t.false(c.events.some((e) => e.event.type === 'GumNodeStuck'));
  c.run(2000);
  const stuck = c.events.filter((e) => e.event.type === 'GumNodeStuck');
  t.is(stuck.length, 1);
  t.like(stuck[0]?.event, { node: 'hv03', sequence: 1 });
  t.deepEqual(c.committed, [], 'not committed while a member has not acknowledged');
  c.setView(['hv01', 'hv02']);
  c.settle();
  t.deepEqual(c.committed.map((r) => r.requestId), ['stuck']);
});

test('requests made outside any view wait and go to the locker once there is one', (t) => {
  const c = new GumCluster({ seed: 3, nodeCount: 2 });
  req(c, 'hv02', 'early');
  c.run(500);
  t.deepEqual(c.committed, []);
  c.setView(['hv01', 'hv02']);
  c.settle();
  t.deepEqual(c.committed.map((r) => r.requestId), ['early']);
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
  req(c, 'hv02', 'x');
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

test("a committed update survives an older locker's unacknowledged one with a later epoch (raft's figure 8)", (t) => {
  // Story: hv01 sequences U but only hv02 gets it; hv01 dies. View {3,4,5}: hv03 sequences W
  // (epoch 2) but nobody gets it; hv03 dies. View {1,2,4}: U is settled and committed there.
  // View {3,4,5}: hv03 returns with W, whose tag (epoch 2) beats U's (epoch 1). Were the copy
  // chosen by tag alone, committed U would be lost; hv04, synced in the latest epoch, keeps it.
  const c = formed(5);
  c.filter = (from, to, m) => !(from === 'hv01' && to !== 'hv02' && m.type === 'GumUpdate');
  req(c, 'hv04', 'U');
  c.run(50);
  t.deepEqual(['hv01', 'hv02', 'hv03'].map((n) => c.copy(n).sequence), [1, 1, 0]);
  c.crash('hv01');
  c.node('hv02').isolated = true;
  c.filter = (from, _to, m) => !(from === 'hv03' && m.type === 'GumUpdate') && !(from === 'hv04' && m.type === 'GumRequest');
  c.setView(['hv03', 'hv04', 'hv05']);
  c.run(50);
  req(c, 'hv05', 'W');
  c.run(200);
  t.is(c.copy('hv03').sequence, 1, 'hv03 sequenced W alone');
  t.true(c.state('hv04').syncedEpoch > 0, 'hv04 was brought into the epoch of view 2');
  c.crash('hv03');
  c.filter = undefined;
  c.restart('hv01');
  c.node('hv02').isolated = false;
  c.node('hv05').isolated = true;
  c.setView(['hv01', 'hv02', 'hv04']);
  c.settle();
  t.true(c.committed.some((r) => r.requestId === 'U'), 'U committed in view 3');
  c.crash('hv01');
  c.crash('hv02');
  c.restart('hv03');
  c.node('hv05').isolated = false;
  c.setView(['hv03', 'hv04', 'hv05']);
  c.settle();
  c.checkSettled();
  t.is(getValue(c.copy('hv03'), 'Cluster/Requests/U'), 'U');
  t.is(getValue(c.copy('hv03'), 'Cluster/Requests/W'), 'W', 'W is retried and committed after U');
});

test('while the locker learns the copies, only the member that never answers is reported stuck', (t) => {
  const c = new GumCluster({ seed: 7, nodeCount: 3 });
  c.node('hv03').isolated = true;
  c.setView(['hv01', 'hv02', 'hv03']);
  c.run(c.settings.requestReplyTimeoutMs + 500);
  const role = c.state('hv01').role;
  t.is(role.role === 'Locker' ? role.phase : role.role, 'Learning');
  t.deepEqual(
    c.events.filter((e) => e.event.type === 'GumNodeStuck').map((e) => e.event.type === 'GumNodeStuck' && e.event.node),
    ['hv03'],
  );
});
