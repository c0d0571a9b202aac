// "Never a write from a node whose key was preempted": node03 takes Cluster Disk 1 from node01 with
// PREEMPT; the target must refuse node01's WRITEs until node01 registers again.
import test from 'ava';
import type { LabEvent } from '@wsfc-lab/protocol';
import { checkNoWriteAfterPreemption, noWriteAfterPreemptionRule } from './no-write-after-preemption.js';
import { historyOf, keyOf, reserveOut, scsiWrite } from './_test-history.js';

const takeover: [number, string, LabEvent][] = [
  [2000, 'host', reserveOut({ node: 'node01', serviceAction: 'RegisterAndIgnoreExistingKey', generation: 1, holder: null })],
  [2001, 'host', reserveOut({ node: 'node01', serviceAction: 'Reserve', generation: 1, holder: 'node01' })],
  [2002, 'host', scsiWrite({ node: 'node01', generation: 1 })],
  [14000, 'host', reserveOut({ node: 'node03', serviceAction: 'RegisterAndIgnoreExistingKey', generation: 2, holder: 'node01' })],
  [14001, 'host', reserveOut({ node: 'node03', serviceAction: 'Preempt', generation: 3, holder: 'node03', removed: ['node01'] })],
  [14002, 'host', scsiWrite({ node: 'node03', generation: 3 })],
];

test('a preempted owner whose WRITEs are refused, and the new owner writing, is fine', (t) => {
  const history = historyOf([...takeover, [41104, 'host', scsiWrite({ node: 'node01', generation: 3, registered: false, holder: 'node03', accepted: false })]]);
  t.deepEqual(checkNoWriteAfterPreemption(history), []);
});

test('a WRITE accepted from the preempted node is a violation naming the disk, the node, who preempted it and when', (t) => {
  const history = historyOf([...takeover, [41104, 'host', scsiWrite({ node: 'node01', generation: 3, registered: false, holder: 'node03' })], [41200, 'host', scsiWrite({ node: 'node01', generation: 3, registered: false, holder: 'node03', lba: 4096 })]]);
  const violations = checkNoWriteAfterPreemption(history);
  t.is(violations.length, 1, 'one violation per fence, at its first breach');
  t.like(violations[0], { rule: noWriteAfterPreemptionRule, atMs: 41104, evidence: { disk: 'Cluster Disk 1', node: 'node01', removedBy: 'node03', serviceAction: 'Preempt', removedAtMs: 14001, removedKey: keyOf(1), lba: 2048 } });
  t.regex(violations[0]?.detail ?? '', /"Cluster Disk 1" accepted a WRITE at LBA 2048 from node01 .* at 41104 ms, although node03's Preempt removed its key 0xef0a92dd00000001 at 14001 ms/);
});

test('a defence (the owner registers its key again) ends the fence; an unregister (zero key) does not', (t) => {
  const defended = historyOf([...takeover, [14500, 'host', reserveOut({ node: 'node01', serviceAction: 'RegisterAndIgnoreExistingKey', generation: 4, holder: 'node03' })], [14600, 'host', scsiWrite({ node: 'node01', generation: 4, holder: 'node03' })]]);
  t.deepEqual(checkNoWriteAfterPreemption(defended), []);
  const zero = reserveOut({ node: 'node01', serviceAction: 'RegisterAndIgnoreExistingKey', generation: 3, holder: 'node03', serviceActionKey: '0x0000000000000000' });
  const unregistered = historyOf([...takeover, [14500, 'host', zero], [14600, 'host', scsiWrite({ node: 'node01', generation: 3, holder: null, reservationType: null, registered: false })]]);
  t.deepEqual(checkNoWriteAfterPreemption(unregistered).map((v) => v.atMs), [14600]);
});

test('the fence is per disk, and CLEAR fences too', (t) => {
  const otherDisk = historyOf([...takeover, [15000, 'host', scsiWrite({ node: 'node01', disk: 'Witness', generation: 1 })]]);
  t.deepEqual(checkNoWriteAfterPreemption(otherDisk), []);
  const cleared = historyOf([
    [1000, 'host', reserveOut({ node: 'node02', serviceAction: 'Clear', generation: 5, holder: null, removed: ['node01'] })],
    [1100, 'host', scsiWrite({ node: 'node01', generation: 5, holder: null, reservationType: null, registered: false })],
  ]);
  t.like(checkNoWriteAfterPreemption(cleared)[0], { atMs: 1100, evidence: { serviceAction: 'Clear', removedBy: 'node02' } });
});
