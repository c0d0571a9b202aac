// "No acknowledged write lost": the workload's acknowledged writes against what reads back after
// healing, explained by the target's WRITEs in the history.
import test from 'ava';
import type { LabEvent } from '@wsfc-lab/protocol';
import { checkNoLostWrites, noLostWritesRule, type AcknowledgedWrite } from './no-lost-writes.js';
import { historyOf, scsiWrite } from './_test-history.js';

const writes: [number, string, LabEvent][] = [
  [1000, 'host', scsiWrite({ node: 'node01', generation: 1, lba: 100 })],
  [2000, 'host', scsiWrite({ node: 'node02', generation: 3, lba: 100 })],
  [2100, 'host', scsiWrite({ node: 'node02', generation: 3, lba: 101 })],
];
const acknowledged: AcknowledgedWrite[] = [
  { disk: 'Cluster Disk 1', lba: 100, sequence: 4, node: 'node01', atMs: 1001 },
  { disk: 'Cluster Disk 1', lba: 100, sequence: 5, node: 'node02', atMs: 2001 },
  { disk: 'Cluster Disk 1', lba: 101, sequence: 6, node: 'node02', atMs: 2101 },
];

test('every LBA holding its last acknowledged sequence, or a later one, is fine', (t) => {
  t.deepEqual(checkNoLostWrites(historyOf(writes), { acknowledged, finalReads: { 'Cluster Disk 1': { 100: 5, 101: 7 } } }), []);
  t.deepEqual(checkNoLostWrites(historyOf(writes), { acknowledged, finalReads: { 'cluster disk 1': { 100: 5, 101: 6 } } }), [], 'disk names without case');
});

test('an older sequence read back is a lost write, with the WRITE that overwrote it', (t) => {
  const history = historyOf([...writes, [2500, 'host', scsiWrite({ node: 'node01', generation: 3, lba: 100, registered: false, holder: 'node02' })]]);
  const violations = checkNoLostWrites(history, { acknowledged, finalReads: { 'Cluster Disk 1': { 100: 4, 101: 6 } } });
  t.is(violations.length, 1);
  t.like(violations[0], { rule: noLostWritesRule, atMs: 2001, evidence: { disk: 'Cluster Disk 1', lba: 100, acknowledged: 5, found: 4, node: 'node02' } });
  t.regex(violations[0]?.detail ?? '', /LBA 100 reads back sequence 4, but sequence 5 was acknowledged through node02 at 2001 ms: overwritten by node01 \(key none, PRgeneration 3\) at 2500 ms/);
});

test('an unreadable or missing block is lost too, and a target restart is part of the story', (t) => {
  const restarted = historyOf([...writes, [3000, 'host', { type: 'ActorStarted', kind: 'storage', incarnation: 1 }]]);
  const violations = checkNoLostWrites(restarted, { acknowledged, finalReads: { 'Cluster Disk 1': { 100: null } } });
  t.deepEqual(violations.map((v) => v.evidence?.lba), [100, 101]);
  t.regex(violations[0]?.detail ?? '', /reads back as an unreadable block.*the target restarted at 3000 ms \(incarnation 1\)/);
  t.regex(violations[1]?.detail ?? '', /LBA 101 was not read back/);
});

test('an acknowledgement the target never accepted a WRITE for is a violation', (t) => {
  const refused = historyOf([[1000, 'host', scsiWrite({ node: 'node01', generation: 1, lba: 100, accepted: false })]]);
  const violations = checkNoLostWrites(refused, { acknowledged: [{ disk: 'Cluster Disk 1', lba: 100, sequence: 1, node: 'node01', atMs: 1001 }], finalReads: { 'Cluster Disk 1': { 100: 1 } } });
  t.is(violations.length, 1);
  t.regex(violations[0]?.detail ?? '', /sequence 1 at "Cluster Disk 1" LBA 100 was acknowledged through node01 at 1001 ms, but the target accepted no WRITE there by then/);
});
