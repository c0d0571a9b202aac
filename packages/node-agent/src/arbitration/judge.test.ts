// The write judge itself must catch what it is there to catch.
import test from 'ava';
import { judgeWitness, judgeWrites, type AcceptedWrite, type Epoch } from './_judge.js';

const disk = 'Cluster Disk 1';
const epoch = (id: string, node: string, startMs: number, endMs: number | null = null): Epoch => ({ id, node, disk, startMs, endMs });
const write = (atMs: number, e: Epoch | null, node = e?.node ?? 'node09'): AcceptedWrite => ({ atMs, node, disk, lba: 4000, status: 'Good', epoch: e });

test('a clean handover passes: the old owner’s last accepted write comes before the new owner believed', (t) => {
  const a = epoch('a', 'node01', 0, 20);
  const b = epoch('b', 'node02', 15);
  t.deepEqual(judgeWrites({ epochs: [a, b], writes: [write(5, a), write(10, a), write(16, b), write(30, b)], excluded: [] }), []);
});

test('interleaved owners fail, and so does an accepted write from a node that did not own the disk', (t) => {
  const a = epoch('a', 'node01', 0);
  const b = epoch('b', 'node02', 8);
  const violations = judgeWrites({ epochs: [a, b], writes: [write(5, a), write(10, b), write(12, a), write(13, null, 'node03')], excluded: [] });
  t.is(violations.length, 2);
  t.regex(violations[0] ?? '', /accepted a WRITE of node01's ownership .* after node01 already owned it|node02's \(b\)/);
  t.regex(violations[1] ?? '', /node03 .* did not own the disk/);
});

test('a new owner that believed before the old owner’s last accepted write fails, even without interleaving', (t) => {
  const a = epoch('a', 'node01', 0);
  const b = epoch('b', 'node02', 8);
  t.is(judgeWrites({ epochs: [a, b], writes: [write(9, a), write(10, b)], excluded: [] }).length, 1);
});

test('refused writes and excluded blocks (the witness tag) are not judged', (t) => {
  const a = epoch('a', 'node01', 0);
  const b = epoch('b', 'node02', 1);
  t.deepEqual(judgeWrites({ epochs: [a, b], writes: [{ ...write(2, a), status: 'ReservationConflict' }, write(3, b), { ...write(4, null), lba: 77 }], excluded: [{ disk, lba: 77 }] }), []);
});

test('the witness judge flags two disjoint successors of one view, not overlapping ones', (t) => {
  const wins = [
    { leader: 'node01', members: ['node01'], previousViewNumber: 4, atMs: 1 },
    { leader: 'node02', members: ['node02', 'node03'], previousViewNumber: 4, atMs: 2 },
    { leader: 'node03', members: ['node01', 'node03'], previousViewNumber: 5, atMs: 3 },
    { leader: 'node02', members: ['node02', 'node03'], previousViewNumber: 5, atMs: 4 },
  ];
  const violations = judgeWitness(wins);
  t.is(violations.length, 1);
  t.regex(violations[0] ?? '', /both successors of view 4/);
});
