// Delta debugging finds the one fault that matters, and the pair when two are needed together.
import test from 'ava';
import { shrinkSchedule } from './shrink.js';
import type { ScheduledFault } from './schedule.js';

const faults: ScheduledFault[] = Array.from({ length: 12 }, (_, i) => ({ atMs: i * 1000, durationMs: 500, fault: { kind: 'pause', node: `node0${(i % 3) + 1}` } }));

test('one culprit among twelve faults is found alone', async (t) => {
  const result = await shrinkSchedule(faults, { fails: async (c) => c.some((f) => f.atMs === 7000), runsMax: 100 });
  t.deepEqual(result.schedule.map((f) => f.atMs), [7000]);
  t.false(result.exhausted);
});

test('two faults needed together are both kept; a spent run budget says so', async (t) => {
  const needsBoth = async (c: ScheduledFault[]) => c.some((f) => f.atMs === 2000) && c.some((f) => f.atMs === 9000);
  t.deepEqual((await shrinkSchedule(faults, { fails: needsBoth, runsMax: 100 })).schedule.map((f) => f.atMs), [2000, 9000]);
  const short = await shrinkSchedule(faults, { fails: needsBoth, runsMax: 2 });
  t.true(short.exhausted);
  t.true(short.schedule.length > 2);
});
