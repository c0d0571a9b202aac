import test from 'ava';
import { Prng } from './prng.js';
import { seededIds } from './ids.js';

const draw = (prng: Prng, count: number) => Array.from({ length: count }, () => prng.nextUint32());

test('the same seed gives the same stream; another seed a different one', (t) => {
  t.deepEqual(draw(new Prng(42), 50), draw(new Prng(42), 50));
  t.notDeepEqual(draw(new Prng(42), 50), draw(new Prng(43), 50));
});

test('sub-streams depend only on the seed and the label, not on what else was drawn', (t) => {
  const a = new Prng(9);
  draw(a, 1000);
  const b = new Prng(9);
  t.deepEqual(draw(a.fork('node01'), 20), draw(b.fork('node01'), 20));
  t.notDeepEqual(draw(b.fork('node01'), 20), draw(b.fork('node02'), 20));
});

test('floats are in [0, 1) and ints within bounds, roughly uniform', (t) => {
  const prng = new Prng(1);
  const buckets = new Array<number>(10).fill(0);
  for (let i = 0; i < 100_000; i++) {
    const x = prng.next();
    t.true(x >= 0 && x < 1);
    buckets[Math.floor(x * 10)]! += 1;
  }
  for (const count of buckets) t.true(count > 9_500 && count < 10_500, `bucket ${count}`);
  t.throws(() => prng.int(0), { message: /maxExclusive >= 1, got 0/ });
});

test('chance is an integer ratio: chance(1, 4) hits about a quarter', (t) => {
  const prng = new Prng(5);
  let hits = 0;
  for (let i = 0; i < 40_000; i++) if (prng.chance(1, 4)) hits++;
  t.true(hits > 9_600 && hits < 10_400, `hits ${hits}`);
  t.false(new Prng(5).chance(0, 4));
});

test('seeded nanoids repeat for the same seed and differ for another', (t) => {
  const ids = (seed: number) => {
    const next = seededIds(new Prng(seed));
    return [next(), next(), next()];
  };
  t.deepEqual(ids(3), ids(3));
  t.notDeepEqual(ids(3), ids(4));
  t.regex(ids(3)[0]!, /^[A-Za-z0-9_-]{12}$/);
});
