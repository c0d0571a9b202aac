import test from 'ava';
import { Prng } from '@wsfc-lab/protocol';
import { EventQueue, type Scheduled } from './event-queue.js';

type Item = Scheduled & { label: string };

test('items come out by time, and equal times in scheduling order', (t) => {
  const queue = new EventQueue<Item>();
  queue.push({ atMs: 5, label: 'a' });
  queue.push({ atMs: 1, label: 'b' });
  queue.push({ atMs: 5, label: 'c' });
  queue.push({ atMs: 1, label: 'd' });
  const out: string[] = [];
  for (let item = queue.pop(); item; item = queue.pop()) out.push(item.label);
  t.deepEqual(out, ['b', 'd', 'a', 'c']);
});

test('a full queue refuses new items instead of growing', (t) => {
  const queue = new EventQueue<Item>(2);
  t.true(queue.push({ atMs: 1, label: 'a' }));
  t.true(queue.push({ atMs: 2, label: 'b' }));
  t.false(queue.push({ atMs: 3, label: 'c' }));
  t.is(queue.size, 2);
});

test('heap order holds for many random times (seeded)', (t) => {
  const seed = 7;
  const prng = new Prng(seed);
  const queue = new EventQueue<Item>();
  for (let i = 0; i < 5000; i++) queue.push({ atMs: prng.int(100), label: String(i) });
  let previous: Item | undefined;
  for (let item = queue.pop(); item; item = queue.pop()) {
    if (previous) t.true(previous.atMs < item.atMs || (previous.atMs === item.atMs && previous.seq < item.seq), `seed=${seed}`);
    previous = item;
  }
});
