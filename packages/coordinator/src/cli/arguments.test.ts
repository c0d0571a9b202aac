import test from 'ava';
import { InvalidArgumentError } from 'commander';
import { listOf, nonNegativeInteger, positiveInteger, positiveNumber } from './arguments.js';

test('integers and numbers are parsed, and a bad one is refused naming the value and what was expected', (t) => {
  t.is(positiveInteger('8'), 8);
  t.is(nonNegativeInteger('0'), 0);
  t.is(positiveNumber('0.05'), 0.05);
  t.throws(() => positiveInteger('0'), { instanceOf: InvalidArgumentError, message: 'must be an integer >= 1, got "0"' });
  t.throws(() => nonNegativeInteger('-1'), { message: 'must be an integer >= 0, got "-1"' });
  t.throws(() => nonNegativeInteger('1e300'), { message: 'must be an integer >= 0, got "1e300"' });
  t.throws(() => positiveNumber('Infinity'), { message: 'must be a number > 0, got "Infinity"' });
  t.throws(() => positiveNumber('x'), { message: 'must be a number > 0, got "x"' });
});

test('a list: comma-separated, each checked; none is empty', (t) => {
  const seeds = listOf('integers >= 0', (n) => Number.isInteger(n) && n >= 0);
  t.deepEqual(seeds('1, 2,3'), [1, 2, 3]);
  t.deepEqual(seeds('none'), []);
  t.throws(() => seeds('1,x'), { message: 'must be integers >= 0 separated by commas (or none), got "1,x"' });
});
