import test from 'ava';
import type { HistoryEntry, LabEvent } from '@wsfc-lab/protocol';
import { appendLine, linesOf, newClusterLogRing, newClusterLogStore, recordHistoryEntry, ringOf } from './buffer.js';

const clock = { labEpochMs: Date.UTC(2024, 1, 7, 1, 0, 0, 0) };
const stateChanged = (node: string): LabEvent => ({ type: 'NodeStateChanged', node, State: 'Up', previous: 'Joining' });

test('the ring keeps at most its capacity in lines and drops the oldest first, counting them', (t) => {
  const ring = newClusterLogRing('node01', 1000);
  for (let i = 0; i < 1500; i++) appendLine(ring, { atMs: i, seq: i, level: 'INFO', component: 'NODE', message: `line ${i}` });
  const lines = linesOf(ring);
  t.is(lines.length, 1000);
  t.is(ring.dropped, 500);
  t.is(lines[0]!.message, 'line 500');
  t.is(lines.at(-1)!.message, 'line 1499');
});

test('a ring larger than the named bound is refused', (t) => {
  t.throws(() => newClusterLogRing('node01', 10_000_000), { message: /linesPerNodeMax|1\.\.\d+/ });
});

test('lines come out in time order, ties by history sequence, whatever the order they were filed in', (t) => {
  const store = newClusterLogStore({ nodes: ['node01'], clock });
  const entries: HistoryEntry[] = [
    { atMs: 300, source: 'node01', seq: 3, event: stateChanged('c') },
    { atMs: 100, source: 'node01', seq: 2, event: stateChanged('b') },
    { atMs: 100, source: 'node01', seq: 1, event: stateChanged('a') },
  ];
  for (const e of entries) recordHistoryEntry(store, e);
  t.deepEqual(
    linesOf(ringOf(store, 'node01')!).map((l) => l.message),
    ['Node a: state Joining -> Up', 'Node b: state Joining -> Up', 'Node c: state Joining -> Up'],
  );
});

test('entries from actors that are not cluster nodes go to no cluster.log', (t) => {
  const store = newClusterLogStore({ nodes: ['node01', 'node02'], clock });
  t.false(recordHistoryEntry(store, { atMs: 1, source: 'host', seq: 1, event: { type: 'PersistentReservationsDiscarded', disk: 'Witness', detail: 'x' } }));
  t.true(recordHistoryEntry(store, { atMs: 1, source: 'NODE02', seq: 2, event: stateChanged('node01') }));
  t.is(ringOf(store, 'node01')!.size, 0);
  t.is(ringOf(store, 'node02')!.size, 1);
});
