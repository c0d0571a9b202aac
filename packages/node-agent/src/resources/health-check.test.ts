import test from 'ava';
import { nextHealthCheck, pollIntervalsMs } from './health-check.js';
import { resourceDefaults } from './resource-properties.js';

test('poll intervals of 0xFFFFFFFF take the type defaults: LooksAlive 5 s, IsAlive 60 s', (t) => {
  t.deepEqual(pollIntervalsMs('Physical Disk', resourceDefaults), { LooksAlive: 5000, IsAlive: 60000 });
  t.deepEqual(pollIntervalsMs('Generic Service', { LooksAlivePollInterval: 1000, IsAlivePollInterval: 0xffffffff }), { LooksAlive: 1000, IsAlive: 60000 });
});

test('the next check is the earlier one; IsAlive wins a tie', (t) => {
  const base = { resourceType: 'IP Address' as const, properties: resourceDefaults };
  t.deepEqual(nextHealthCheck({ ...base, lastLooksAliveMs: 10_000, lastIsAliveMs: 0 }), { check: 'LooksAlive', dueAtMs: 15_000 });
  t.deepEqual(nextHealthCheck({ ...base, lastLooksAliveMs: 55_000, lastIsAliveMs: 0 }), { check: 'IsAlive', dueAtMs: 60_000 });
});
