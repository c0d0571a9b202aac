import test from 'ava';
import { formatTable, num } from './table.js';

test('num groups thousands, fixes decimals and prints n/a for missing figures', (t) => {
  t.is(num(1234567.891, 1), '1,234,567.9');
  t.is(num(0.5, 2), '0.50');
  t.is(num(null), 'n/a');
  t.is(num(Number.NaN, 3), 'n/a');
});

test('formatTable pads the first column left and the others right', (t) => {
  const lines = formatTable(['path', 'frames/s'], [['raw', '12'], ['direct', '3,456']]);
  t.deepEqual(lines, ['path    frames/s', '------  --------', 'raw           12', 'direct     3,456']);
});
