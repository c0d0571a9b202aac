import test from 'ava';
import { formatDurationMs, parseDurationMs } from './duration.js';

test('scenario durations parse to simulated ms', (t) => {
  t.is(parseDurationMs('500ms'), 500);
  t.is(parseDurationMs('15s'), 15_000);
  t.is(parseDurationMs('2m'), 120_000);
  t.is(parseDurationMs('1h'), 3_600_000);
  t.is(parseDurationMs('1.5s'), 1500);
});

test('anything else is not a duration', (t) => {
  for (const bad of ['15', 's', '-1s', '1d', '1 s s', '', 'fifteen seconds']) t.is(parseDurationMs(bad), undefined, bad);
});

test('formatting picks the largest whole unit', (t) => {
  t.is(formatDurationMs(120_000), '2m');
  t.is(formatDurationMs(1500), '1500ms');
});
