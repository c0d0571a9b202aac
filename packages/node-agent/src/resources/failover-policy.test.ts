import test from 'ava';
import { hourMs } from './_fixtures.js';
import { decideFailover, effectiveFailoverThreshold, type FailoverDecision, type FailoverPolicyInput } from './failover-policy.js';
import { groupDefaults } from './group-properties.js';

function failoversAt(timesMs: number[], over: Partial<FailoverPolicyInput> = {}): FailoverDecision[] {
  let history: number[] = [];
  return timesMs.map((nowMs) => {
    const decision = decideFailover({ group: 'FS1', node: 'node01', properties: groupDefaults, clusterNodeCount: 3, failoverTimesMs: history, nowMs, ...over });
    history = decision.failoverTimesMs;
    return decision;
  });
}

test('FailoverThreshold 0xFFFFFFFF means nodes − 1', (t) => {
  t.deepEqual([1, 2, 3, 4, 8].map((n) => effectiveFailoverThreshold(0xffffffff, n)), [0, 1, 2, 3, 7]);
  t.is(effectiveFailoverThreshold(5, 3), 5);
});

test('on 3 nodes a group fails over twice in 6 h; the third failure leaves it Failed with event 1254', (t) => {
  const decisions = failoversAt([0, 1 * hourMs, 2 * hourMs]);
  t.deepEqual(
    decisions.map((d) => d.kind),
    ['Failover', 'Failover', 'Terminal'],
  );
  const last = decisions.at(-1);
  t.deepEqual(last?.kind === 'Terminal' ? last.event : undefined, {
    type: 'GroupTerminalFailure',
    group: 'FS1',
    node: 'node01',
    failoverThreshold: 2,
    failoverPeriodHours: 6,
  });
});

test('once the first failover is older than FailoverPeriod, the group may fail over again', (t) => {
  const decisions = failoversAt([0, 1 * hourMs, 6 * hourMs + 1]);
  t.is(decisions.at(-1)?.kind, 'Failover');
});

const thresholdCases = [
  { title: 'an explicit FailoverThreshold 1 allows one failover', FailoverThreshold: 1, nodes: 4, kinds: ['Failover', 'Terminal'] },
  { title: 'a one-node cluster (nodes − 1 = 0) never fails over', FailoverThreshold: 0xffffffff, nodes: 1, kinds: ['Terminal'] },
  { title: 'FailoverPeriod 1 h forgets a failover 1 h old', FailoverThreshold: 1, nodes: 3, kinds: ['Failover', 'Failover'], period: 1 },
];

for (const c of thresholdCases) {
  test(`failover threshold: ${c.title}`, (t) => {
    const properties = { ...groupDefaults, FailoverThreshold: c.FailoverThreshold, FailoverPeriod: c.period ?? 6 };
    const times = c.kinds.map((_, i) => i * hourMs);
    t.deepEqual(
      failoversAt(times, { properties, clusterNodeCount: c.nodes }).map((d) => d.kind),
      c.kinds,
    );
  });
}
