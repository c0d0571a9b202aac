import test from 'ava';
import { minuteMs } from './_fixtures.js';
import { resourceDefaults } from './resource-properties.js';
import { decideRestart, type RestartDecision, type RestartPolicyInput } from './restart-policy.js';

const base = (over: Partial<RestartPolicyInput> = {}): RestartPolicyInput => ({
  resource: 'File Server (\\\\FS1)',
  group: 'FS1',
  resourceType: 'File Server',
  node: 'node01',
  properties: resourceDefaults,
  failureTimesMs: [],
  nowMs: 0,
  ...over,
});

/** Feeds failures at the given times through the policy, carrying the history as the actor would. */
function failAt(timesMs: number[], over: Partial<RestartPolicyInput> = {}): RestartDecision[] {
  let history: number[] = [];
  return timesMs.map((nowMs) => {
    const decision = decideRestart(base({ ...over, failureTimesMs: history, nowMs }));
    history = decision.failureTimesMs;
    return decision;
  });
}

test('a resource failing 4 times in 15 min is restarted 3 times after RestartDelay, then its group fails over', (t) => {
  const decisions = failAt([0, 1 * minuteMs, 2 * minuteMs, 3 * minuteMs]);
  t.deepEqual(
    decisions.map((d) => d.kind),
    ['RestartHere', 'RestartHere', 'RestartHere', 'FailGroupOver'],
  );
  t.deepEqual(
    decisions.map((d) => (d.kind === 'RestartHere' ? [d.restartAttempt, d.delayMs] : null)),
    [[1, 500], [2, 500], [3, 500], null],
  );
});

const periodCases: { title: string; timesMs: number[]; last: RestartDecision['kind'] }[] = [
  { title: 'the 4th failure just inside RestartPeriod fails the group over', timesMs: [0, minuteMs, 2 * minuteMs, 15 * minuteMs - 1], last: 'FailGroupOver' },
  { title: 'the 4th failure once the 1st left RestartPeriod restarts again', timesMs: [0, minuteMs, 2 * minuteMs, 15 * minuteMs], last: 'RestartHere' },
  { title: 'a 4th failure long after the others restarts again', timesMs: [0, minuteMs, 2 * minuteMs, 60 * minuteMs], last: 'RestartHere' },
];

for (const c of periodCases) {
  test(`restart period: ${c.title}`, (t) => {
    t.is(failAt(c.timesMs).at(-1)?.kind, c.last);
  });
}

test('RestartAction 1 restarts up to the threshold and then leaves the resource Failed, without failover', (t) => {
  const decisions = failAt([0, 1000, 2000, 3000], { properties: { ...resourceDefaults, RestartAction: 1 } });
  t.deepEqual(
    decisions.map((d) => d.kind),
    ['RestartHere', 'RestartHere', 'RestartHere', 'StayFailed'],
  );
  const last = decisions.at(-1);
  t.true(last?.kind === 'StayFailed' && last.reason.includes('RestartAction 1'));
});

test('RestartAction 0 never restarts: the first failure leaves the resource Failed', (t) => {
  const [decision] = failAt([0], { properties: { ...resourceDefaults, RestartAction: 0 } });
  t.is(decision?.kind, 'StayFailed');
});

test('RestartThreshold 0 with RestartAction 2 fails the group over on the first failure', (t) => {
  const [decision] = failAt([0], { properties: { ...resourceDefaults, RestartThreshold: 0 } });
  t.is(decision?.kind, 'FailGroupOver');
});

test('every failure carries event 1069 data naming the resource, its role, type and node', (t) => {
  const [decision] = failAt([0]);
  t.deepEqual(decision?.event, { type: 'ResourceFailed', resource: 'File Server (\\\\FS1)', group: 'FS1', resourceType: 'File Server', node: 'node01' });
});

test('the stored history keeps only failures inside RestartPeriod, plus the new one', (t) => {
  const decision = decideRestart(base({ failureTimesMs: [0, 10 * minuteMs], nowMs: 20 * minuteMs }));
  t.deepEqual(decision.failureTimesMs, [10 * minuteMs, 20 * minuteMs]);
});
