import test from 'ava';
import { percentile, summarize } from './stats.js';

test('percentile uses the nearest rank', (t) => {
  const sorted = Array.from({ length: 100 }, (_, i) => i + 1);
  t.is(percentile(sorted, 50), 50);
  t.is(percentile(sorted, 99), 99);
  t.is(percentile(sorted, 100), 100);
  t.is(percentile([7], 99), 7);
  t.throws(() => percentile([], 50), { message: /no samples/ });
  t.throws(() => percentile(sorted, 0), { message: /got 0/ });
});

test('summarize sorts before it ranks, and means the samples', (t) => {
  const summary = summarize([3, 1, 2, 10]);
  t.deepEqual(summary, { count: 4, mean: 4, p50: 2, p99: 10, max: 10 });
  t.throws(() => summarize([]), { message: /zero samples/ });
});
