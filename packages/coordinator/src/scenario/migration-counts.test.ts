// The `migrations:` selector and the report's `state.migrations`, folded from the history's
// Migration* events: counts by state, the `node:` (source) filter, and a source that dies.
import test from 'ava';
import type { HistoryEntry, LabEvent, MigrationIdentity } from '@wsfc-lab/protocol';
import type { Matcher } from '../config/mod.js';
import { clusterAnswers, fakeCluster, sampleDatabase } from './_fake-cluster.js';
import { runExpect, type ExpectStep } from './expect.js';
import { migrationCounts, migrationRecords } from './migration-counts.js';
import { observe, observeNow } from './observe.js';

const who = (migrationId: string, source = 'node01', destination = 'node02'): MigrationIdentity => ({ migrationId, vm: `vm-${migrationId}`, source, destination, migrationType: 'Live' });
const queued = (id: MigrationIdentity): LabEvent => ({ type: 'MigrationQueued', position: 1, ...id });
const started = (id: MigrationIdentity): LabEvent => ({ type: 'MigrationStarted', ...id });
const completed = (id: MigrationIdentity): LabEvent => ({ type: 'MigrationCompleted', passes: 3, bytesSent: 4_000_000_000, wireBytes: 4_100_000_000, blackoutMs: 120, durationMs: 9000, ...id });
const failed = (id: MigrationIdentity): LabEvent => ({ type: 'MigrationFailed', reason: 'The destination refused the connection.', ...id });
const cancelled = (id: MigrationIdentity, wasQueued: boolean): LabEvent => ({ type: 'MigrationCancelled', wasQueued, ...id });
const killed = (actor: string): LabEvent => ({ type: 'ActorKilled', actor });

/** A history of `[atMs, source, event]`, in that order. */
const historyOf = (items: [number, string, LabEvent][]): HistoryEntry[] => items.map(([atMs, source, event], seq) => ({ atMs, source, seq, event }));

const eq = (value: number): Matcher => ({ op: 'eq', value });

test('each migration counts once, by where it stands: Queued, InFlight, Completed, Failed, Cancelled', (t) => {
  const [a, b, c, d, e, f] = ['a', 'b', 'c', 'd', 'e', 'f'].map((id) => who(id));
  const history = historyOf([
    [10, 'node01', queued(a!)],
    [20, 'node01', queued(b!)],
    [30, 'node01', started(b!)],
    [40, 'node01', started(c!)],
    [50, 'node01', completed(c!)],
    [60, 'node01', started(d!)],
    [70, 'node01', failed(d!)],
    [80, 'node01', queued(e!)],
    [90, 'lab', cancelled(e!, true)],
    [100, 'node01', started(f!)],
    [110, 'node01', cancelled(f!, false)],
  ]);
  t.deepEqual(migrationCounts(history), { Queued: 1, InFlight: 1, Completed: 1, Failed: 1, Cancelled: 2 });
  t.deepEqual(migrationCounts(history.slice(0, 3)), { Queued: 1, InFlight: 1, Completed: 0, Failed: 0, Cancelled: 0 }, 'b was queued, then started');
});

test('node: counts only the migrations with that node as their source, without regard to case', (t) => {
  const history = historyOf([
    [10, 'node01', started(who('1', 'node01', 'node02'))],
    [20, 'node02', started(who('2', 'node02', 'node01'))],
    [30, 'node02', completed(who('2', 'node02', 'node01'))],
    [40, 'node02', started(who('1', 'node02', 'node01'))],
  ]);
  t.deepEqual(migrationCounts(history, 'node01'), { Queued: 0, InFlight: 1, Completed: 0, Failed: 0, Cancelled: 0 });
  t.deepEqual(migrationCounts(history, 'NODE02'), { Queued: 0, InFlight: 1, Completed: 1, Failed: 0, Cancelled: 0 }, 'the same id from another source is another migration');
  t.deepEqual(migrationCounts(history), { Queued: 0, InFlight: 2, Completed: 1, Failed: 0, Cancelled: 0 });
});

test('a source killed before its migrations ended: they count as Failed from the kill on; a killed destination changes nothing', (t) => {
  const out1 = who('1', 'node01', 'node02');
  const out2 = who('2', 'node01', 'node02');
  const into = who('3', 'node02', 'node01');
  const before = historyOf([
    [10, 'node01', started(out1)],
    [20, 'node01', queued(out2)],
    [30, 'node02', started(into)],
  ]);
  const after = historyOf([...before.map((e): [number, string, LabEvent] => [e.atMs, e.source, e.event]), [1000, 'lab', killed('node01')]]);
  t.deepEqual(migrationCounts(before, 'node01'), { Queued: 1, InFlight: 1, Completed: 0, Failed: 0, Cancelled: 0 });
  t.deepEqual(migrationCounts(after, 'node01'), { Queued: 0, InFlight: 0, Completed: 0, Failed: 2, Cancelled: 0 });
  t.deepEqual(migrationCounts(after, 'node02'), { Queued: 0, InFlight: 1, Completed: 0, Failed: 0, Cancelled: 0 }, 'its source reports it');
  const record = migrationRecords(after).find((r) => r.migrationId === '1');
  t.like(record, { outcome: 'Failed', endedAtMs: 1000, reason: 'the source node01 was killed' });
});

test('an event stamped before the kill but logged after it still decides; a start after the restart is a new migration', (t) => {
  const id = who('1');
  const history = historyOf([
    [10, 'node01', started(id)],
    [1000, 'lab', killed('node01')],
    [990, 'node01', completed(id)],
    [2000, 'lab', { type: 'ActorRestarted', actor: 'node01' }],
    [3000, 'node01', started(id)],
  ]);
  t.deepEqual(migrationCounts(history), { Queued: 0, InFlight: 1, Completed: 1, Failed: 0, Cancelled: 0 });
  t.deepEqual(migrationRecords(history).map((r) => [r.outcome, r.startedAtMs]), [['Completed', 10], ['InFlight', 3000]]);
});

test('state.migrations gives each migration with its passes, bytes, blackout and times', (t) => {
  const id = who('7');
  const records = migrationRecords(historyOf([[5, 'node01', queued(id)], [10, 'node01', started(id)], [9010, 'node01', completed(id)], [20, 'node01', failed(who('8'))]]));
  t.deepEqual(records[0], {
    migrationId: '7', vm: 'vm-7', source: 'node01', destination: 'node02', migrationType: 'Live', outcome: 'Completed',
    passes: 3, bytesSent: 4_000_000_000, wireBytes: 4_100_000_000, blackoutMs: 120, durationMs: 9000, queuedAtMs: 5, startedAtMs: 10, endedAtMs: 9010,
  });
  t.like(records[1], { migrationId: '8', outcome: 'Failed', reason: 'The destination refused the connection.', startedAtMs: null, passes: null, endedAtMs: 20 });
});

test('the selector answers from the history at once, and says which count did not hold', async (t) => {
  const ctx = fakeCluster(clusterAnswers(sampleDatabase));
  ctx.runtime.emit('node01', started(who('1')));
  ctx.runtime.emit('node02', started(who('2', 'node02', 'node01')));
  const all = observeNow({ kind: 'migrations' }, { InFlight: eq(2), Queued: eq(0) }, ctx);
  t.true(all?.ok, all?.detail);
  const fromNode02 = await observe({ kind: 'migrations', node: 'node02' }, { InFlight: eq(2) }, ctx);
  t.is(fromNode02.detail, 'migrations from node02 InFlight is 1, expected 2');
  t.deepEqual(ctx.runtime.sent, [], 'nothing is asked of any machine');
});

const step = (properties: Record<string, Matcher>, timing: { withinMs?: number; duringMs?: number }, node?: string): ExpectStep => ({
  kind: 'expect',
  at: { file: 'test.yaml', line: 1 },
  selector: node === undefined ? { kind: 'migrations' } : { kind: 'migrations', node },
  properties,
  ...timing,
});

test('within: holds at the event that ends the migration; during: breaks at the event that starts a second', async (t) => {
  const ctx = fakeCluster(clusterAnswers(sampleDatabase));
  ctx.runtime.emit('node01', started(who('1')));
  ctx.runtime.schedule(4200, 'node01', completed(who('1')));
  const done = await runExpect(step({ Completed: eq(1), InFlight: eq(0) }, { withinMs: 10_000 }), ctx);
  t.true(done.ok, done.detail);
  t.is(done.atMs, 4200);
  ctx.runtime.schedule(6500, 'node02', started(who('2', 'node02', 'node01')));
  const calm = await runExpect(step({ InFlight: { op: 'atMost', n: 0 } }, { duringMs: 5000 }), ctx);
  t.false(calm.ok);
  t.is(calm.atMs, 6500);
  t.regex(calm.detail, /InFlight is 1, expected at most 0/);
});

test('during: with node: ignores migrations from other sources', async (t) => {
  const ctx = fakeCluster(clusterAnswers(sampleDatabase));
  ctx.runtime.schedule(1000, 'node02', started(who('2', 'node02', 'node01')));
  const outcome = await runExpect(step({ InFlight: eq(0) }, { duringMs: 3000 }, 'node01'), ctx);
  t.true(outcome.ok, outcome.detail);
  t.deepEqual(migrationCounts(ctx.runtime.history(), 'node02').InFlight, 1);
});
