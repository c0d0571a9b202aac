// `expect … within:` / `during:` on selectors read by asking a machine: polled, one command a poll,
// sooner when the history moves on, and times reported from the poll that saw the change.
import test from 'ava';
import type { Matcher, Selector } from '../config/mod.js';
import { clusterAnswers, fakeCluster, sampleDatabase, type FakeDatabase } from './_fake-cluster.js';
import { expectPolling, runExpect, type ExpectStep } from './expect.js';

const eq = (value: string): Matcher => ({ op: 'eq', value });
const step = (selector: Selector, properties: Record<string, Matcher>, timing: { withinMs?: number; duringMs?: number } = {}): ExpectStep => ({
  kind: 'expect',
  at: { file: 'test.yaml', line: 1 },
  selector,
  properties,
  ...timing,
});

/** The sample cluster with File Server's State a function of the simulated clock. */
function clusterWhere(stateAt: (nowMs: number) => string) {
  let clockMs = 0;
  const db = (): FakeDatabase => {
    const data = sampleDatabase();
    data.groups = data.groups.map((g) => (g.Name === 'File Server' ? { ...g, State: stateAt(clockMs) } : g));
    return data;
  };
  const answer = clusterAnswers(db);
  const ctx = fakeCluster((actor, command, nowMs) => {
    clockMs = nowMs;
    return answer(actor, command, nowMs);
  });
  return ctx;
}

const fileServer: Selector = { kind: 'group', name: 'File Server' };

test('within: a change no event announces is seen at the next poll, one command per poll', async (t) => {
  const ctx = clusterWhere((ms) => (ms >= 2300 ? 'Online' : 'Pending'));
  const outcome = await runExpect(step(fileServer, { State: eq('Online') }, { withinMs: 10_000 }), ctx);
  t.true(outcome.ok, outcome.detail);
  t.is(outcome.atMs, 2500, 'the first poll at or after the change (every pollIntervalMs)');
  t.is(expectPolling.pollIntervalMs, 500);
  t.regex(outcome.detail, /^held after 2500 ms: group "File Server" State = "Online"$/);
  t.is(ctx.runtime.sent.length, 6, 'polls at 0, 500, ..., 2500');
});

test('within: an event in the history brings the next poll forward', async (t) => {
  const ctx = clusterWhere((ms) => (ms >= 2300 ? 'Online' : 'Pending'));
  ctx.runtime.schedule(2300, 'node01', { type: 'FaultInjected', fault: 'test', detail: 'the group came online' });
  const outcome = await runExpect(step(fileServer, { State: eq('Online') }, { withinMs: 10_000 }), ctx);
  t.true(outcome.ok, outcome.detail);
  t.is(outcome.atMs, 2300);
});

test('within: not holding by the deadline fails with the last reading, taken at the deadline', async (t) => {
  const ctx = clusterWhere(() => 'Pending');
  const outcome = await runExpect(step(fileServer, { State: eq('Online') }, { withinMs: 1200 }), ctx);
  t.false(outcome.ok);
  t.is(outcome.detail, 'not within 1200 ms: group "File Server" State is "Pending", expected "Online"');
  t.deepEqual(ctx.runtime.sent.map((s) => s.atMs), [0, 500, 1000, 1200]);
});

test('during: holds for the whole stretch, and time passes to its end', async (t) => {
  const ctx = clusterWhere(() => 'Online');
  const outcome = await runExpect(step(fileServer, { State: eq('Online') }, { duringMs: 3000 }), ctx);
  t.true(outcome.ok, outcome.detail);
  t.is(ctx.runtime.nowMs(), 3000);
  t.regex(outcome.detail, /^held for 3000 ms: /);
});

test('during: the first poll that sees it broken fails the step, saying when and what it was', async (t) => {
  const ctx = clusterWhere((ms) => (ms >= 1700 ? 'Offline' : 'Online'));
  const outcome = await runExpect(step(fileServer, { State: eq('Online') }, { duringMs: 5000 }), ctx);
  t.false(outcome.ok);
  t.is(outcome.atMs, 2000);
  t.is(outcome.detail, 'stopped holding after 2000 ms (at 2000 ms): group "File Server" State is "Offline", expected "Online"');
});

test('a node State expect runs on the event-fed view and sends nothing', async (t) => {
  const ctx = clusterWhere(() => 'Online');
  const outcome = await runExpect(step({ kind: 'node', name: 'node01' }, { State: eq('Up') }, { withinMs: 1000 }), ctx);
  t.true(outcome.ok, outcome.detail);
  t.deepEqual(ctx.runtime.sent, []);
});
