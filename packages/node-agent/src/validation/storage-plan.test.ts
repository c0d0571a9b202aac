import test from 'ava';
import { zeroReservationKey } from '@wsfc-lab/protocol';
import { planValidation } from './plan.js';
import { planStorage } from './storage-plan.js';
import { probeKey } from './storage-probes.js';
import { clusterDisk1, seed000Facts, seed000Request, witnessDisk } from './_fixtures.js';
import type { GatheredFacts } from './facts.js';
import type { TestClusterRequest } from './plan.js';

function storagePlan(facts: GatheredFacts = seed000Facts(), request: TestClusterRequest = seed000Request()) {
  const planned = planValidation(request);
  if (!planned.ok) throw new Error(planned.error.message);
  return planStorage({ plan: planned.value, facts, salt: 0x1234 });
}

test('seed 000: both iSCSI disks are potential cluster disks, the system disks are not, and each storage test gets its probes', (t) => {
  const plan = storagePlan();
  t.deepEqual(plan.testDisks, [
    { label: 'Test Disk 0', name: 'Cluster Disk 1', serialNumber: clusterDisk1.serialNumber },
    { label: 'Test Disk 1', name: 'Witness', serialNumber: witnessDisk.serialNumber },
  ]);
  t.deepEqual(plan.disks.filter((d) => d.exclusion?.type === 'System').map((d) => d.name), ['node01 system', 'node02 system']);
  // Four per-disk tests on two disks, and one simultaneous failover over both.
  t.is(plan.probes.length, 9);
  t.deepEqual(plan.probes.at(-1)!.disks.map((d) => d.label), ['Test Disk 0', 'Test Disk 1']);
});

test('the PR test registers, reserves, has the other node write (expecting a conflict), releases, and cleans up', (t) => {
  const probe = storagePlan().probes.find((p) => p.test === 'Validate SCSI-3 Persistent Reservation')!;
  const first = probe.stages.slice(0, 10).map((s) => s.steps.map((step) => `${step.node} ${step.command.type} ${step.expect.type}`).join(' + '));
  t.deepEqual(first, [
    'node01 RegisterAndIgnoreExistingKey Good',
    'node01 Reserve Good',
    'node01 ReadReservation Holder',
    'node02 RewriteBlock ReservationConflict',
    'node02 RegisterAndIgnoreExistingKey Good',
    'node02 Reserve ReservationConflict',
    'node01 Release Good',
    'node01 ReadReservation Holder',
    'node01 RegisterAndIgnoreExistingKey Any + node02 RegisterAndIgnoreExistingKey Any',
    'node02 RegisterAndIgnoreExistingKey Good',
  ]);
  t.true(probe.stages[8]!.cleanup);
});

test('a disk one node does not see is not a potential cluster disk, and is left out of every probe', (t) => {
  const facts = seed000Facts();
  facts.disks[1]!.disks = facts.disks[1]!.disks.filter((d) => d.name !== 'Witness');
  const plan = storagePlan(facts);
  t.deepEqual(plan.disks.find((d) => d.name === 'Witness')!.exclusion, { type: 'NotOnAllNodes', missingFrom: ['node02'] });
  t.false(plan.probes.some((p) => p.disks.some((d) => d.name === 'Witness')));
});

test('a disk online in a clustered role is skipped; a disk with someone else\'s keys is removed; -Disk narrows the set', (t) => {
  const facts = seed000Facts();
  facts.disks[0]!.disks.find((d) => d.name === 'Witness')!.reservationKeys = ['0x00000000000a0001'];
  const plan = storagePlan(facts, seed000Request({ disksInUse: [{ disk: 'Cluster Disk 1', group: 'File Server' }] }));
  t.deepEqual(plan.disks.find((d) => d.name === 'Cluster Disk 1')!.exclusion, { type: 'InUse', group: 'File Server' });
  t.deepEqual(plan.disks.find((d) => d.name === 'Witness')!.exclusion, { type: 'Reserved', keys: ['0x00000000000a0001'], readBy: 'node01' });
  t.deepEqual(plan.testDisks, []);
  const narrowed = storagePlan(seed000Facts(), seed000Request({ disks: ['witness', 'Disk 9'] }));
  t.deepEqual(narrowed.testDisks.map((d) => d.name), ['Witness']);
  t.deepEqual(narrowed.unknownDiskNames, ['Disk 9']);
});

test('probe keys differ for every node and disk, and none is zero (a duplicate key fails the real test, KB2488012)', (t) => {
  const keys = new Set<string>();
  for (let nodeIndex = 0; nodeIndex < 64; nodeIndex++) for (let diskIndex = 0; diskIndex < 8; diskIndex++) keys.add(probeKey({ salt: 0, nodeIndex, diskIndex }));
  t.is(keys.size, 64 * 8);
  t.false(keys.has(zeroReservationKey));
});
