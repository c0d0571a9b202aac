// Disk arbitration against the real storage target: each test tells its story in a comment and
// ends by asking the write judge whether any two owners' writes were ever both accepted.
import test, { type ExecutionContext } from 'ava';
import { renderEvent } from '@wsfc-lab/protocol';
import { ArbitrationWorld, clusterName, dataDisk } from './_harness.js';
import { clusterTagOf, reservationKeyOf } from './keys.js';
import { arbitrationDefaults } from './timing.js';

const all = ['node01', 'node02', 'node03'];
const keyOf = (nodeId: number) => reservationKeyOf({ clusterTag: clusterTagOf(clusterName), nodeId });
const iqnOf = (node: string) => `iqn.1991-05.com.microsoft:${node}.wsfc.local`;

function safe(t: ExecutionContext, world: ArbitrationWorld): void {
  t.deepEqual(world.checkWriteSafety(), [], 'no two owners had writes accepted');
}

/** node01 owns the data disk with `view` as its membership. */
function owned(o: { seed?: number; view?: string[] } = {}): ArbitrationWorld {
  const world = new ArbitrationWorld({ seed: o.seed ?? 1 });
  world.acquire('node01', dataDisk, o.view ?? all);
  world.advance(100);
  return world;
}

test('first acquire on an idle disk: register, RESERVE Write Exclusive – Registrants Only, own it at once; only the owner writes', (t) => {
  const world = owned();
  t.deepEqual(world.outcomesOf('node01', 'DiskAcquired'), [{ type: 'DiskAcquired', disk: dataDisk }]);
  t.is(world.role('node01', dataDisk), 'Online');
  t.deepEqual(world.keysAt(dataDisk), [keyOf(1)]);
  t.is(world.holderAt(dataDisk), iqnOf('node01'));
  t.is(world.target.disks.get(dataDisk)?.reservations.reservation?.type, 'WriteExclusiveRegistrantsOnly');
  world.write('node01', dataDisk, 100);
  world.write('node02', dataDisk, 100);
  world.advance(50);
  t.like(world.outcomesOf('node01', 'WriteCompleted')[0], { result: 'Done' });
  t.like(world.outcomesOf('node02', 'WriteCompleted')[0], { result: 'NotOwner' }, 'a node that does not own the disk sends no I/O');
  world.advance(10_000);
  t.true(world.events.filter((e) => e.source === 'node01' && e.event.type === 'DiskReservationDefended').length === 0, 'checks find the key in place');
  safe(t, world);
});

test('the owner defends against a challenger while alive: its key comes back within one check and the challenger backs off', (t) => {
  // node01's view no longer has node02 (a partition); node02, cut off, tries to take the disk.
  const world = owned({ view: ['node01', 'node03'] });
  const startMs = world.nowMs;
  world.acquire('node02', dataDisk, ['node02', 'node03']);
  world.advance(arbitrationDefaults.challengerWaitMs + 500);
  t.true(world.eventsOf('DiskKeysPreempted', 'node02').some((e) => e.keys.includes(keyOf(1))), 'node02 preempted node01');
  t.deepEqual(world.eventsOf('DiskReservationDefended', 'node01').map((e) => e.preemptor), ['node02']);
  const [failed] = world.outcomesOf('node02', 'DiskAcquireFailed');
  t.like(failed, { reason: 'Defended' });
  const failedAt = world.outcomes.find((o) => o.outcome.type === 'DiskAcquireFailed')!.atMs;
  t.true(failedAt - startMs >= arbitrationDefaults.challengerWaitMs, 'the challenger decided only after its wait');
  t.is(world.role('node01', dataDisk), 'Online');
  t.is(world.holderAt(dataDisk), iqnOf('node01'));
  t.deepEqual(world.keysAt(dataDisk), [keyOf(1)], "node02's key went with its defeat");
  world.write('node01', dataDisk, 7);
  world.advance(50);
  t.like(world.outcomesOf('node01', 'WriteCompleted').at(-1), { result: 'Done' });
  safe(t, world);
});

test('the owner is dead (silent): the challenger preempts it and owns the disk after its wait', (t) => {
  const world = owned();
  world.kill('node01');
  const startMs = world.nowMs;
  world.acquire('node02', dataDisk, ['node02', 'node03']);
  world.runUntil(startMs + 30_000, () => world.outcomesOf('node02', 'DiskAcquired').length > 0);
  const tookMs = world.nowMs - startMs;
  t.true(tookMs >= arbitrationDefaults.challengerWaitMs && tookMs < arbitrationDefaults.challengerWaitMs + 100, `owned after ${tookMs} ms`);
  t.is(world.holderAt(dataDisk), iqnOf('node02'));
  t.deepEqual(world.keysAt(dataDisk), [keyOf(2)], "the dead owner's key is fenced");
  world.write('node02', dataDisk, 1);
  world.advance(50);
  t.like(world.outcomesOf('node02', 'WriteCompleted')[0], { result: 'Done' });
  safe(t, world);
});

test('a preempted owner: its writes are refused by the target, it reports 1038 and stops I/O', (t) => {
  // node02 and node03 removed node01 from the membership; node01 has not heard yet.
  const world = owned();
  world.acquire('node02', dataDisk, ['node02', 'node03']);
  world.runUntil(world.nowMs + 1000, () => world.eventsOf('DiskKeysPreempted', 'node02').length > 0);
  world.write('node01', dataDisk, 5);
  world.advance(100);
  t.like(world.outcomesOf('node01', 'WriteCompleted')[0], { result: 'ReservationConflict' });
  t.true(world.accepted.some((w) => w.node === 'node01' && w.status === 'ReservationConflict'), "the target refused node01's WRITE");
  const [lost] = world.eventsOf('DiskReservationLost', 'node01');
  t.like(lost, { cause: 'Preempted', preemptor: 'node02' });
  t.like(renderEvent(lost!), { Id: 1038, Level: 'Error' });
  t.regex(renderEvent(lost!).Message, /^Ownership of cluster disk 'Cluster Disk 1' has been unexpectedly lost by this node\./);
  t.deepEqual(world.outcomesOf('node01', 'ReservationLost'), [{ type: 'ReservationLost', disk: dataDisk, cause: 'Preempted', preemptor: 'node02' }]);
  world.write('node01', dataDisk, 6);
  t.like(world.outcomesOf('node01', 'WriteCompleted').at(-1), { result: 'NotOwner' }, 'I/O stopped here');
  world.advance(arbitrationDefaults.challengerWaitMs);
  t.deepEqual(world.outcomesOf('node02', 'DiskAcquired'), [{ type: 'DiskAcquired', disk: dataDisk }], 'node01 did not fight a member');
  safe(t, world);
});

test('a frozen owner that wakes after the challenger won does not fight back: 1038 (lease expired)', (t) => {
  const world = owned({ view: ['node01', 'node03'] });
  world.freeze('node01', 12_000);
  world.acquire('node02', dataDisk, ['node02', 'node03']);
  world.advance(arbitrationDefaults.challengerWaitMs + 100);
  t.deepEqual(world.outcomesOf('node02', 'DiskAcquired'), [{ type: 'DiskAcquired', disk: dataDisk }]);
  world.at(world.nowMs + 1000, () => world.write('node02', dataDisk, 3));
  world.advance(6000);
  t.like(world.eventsOf('DiskReservationLost', 'node01')[0], { cause: 'LeaseExpired', preemptor: 'node02' });
  t.is(world.role('node02', dataDisk), 'Online');
  t.is(world.holderAt(dataDisk), iqnOf('node02'));
  t.deepEqual(world.eventsOf('DiskReservationDefended'), [], 'no fight');
  safe(t, world);
});

test('release: the owner unregisters (freeing the reservation), and the next node takes the disk at once', (t) => {
  const world = owned();
  world.input('node01', { type: 'Release', disk: dataDisk });
  world.advance(50);
  t.deepEqual(world.outcomesOf('node01', 'DiskReleased'), [{ type: 'DiskReleased', disk: dataDisk }]);
  t.deepEqual(world.keysAt(dataDisk), []);
  t.is(world.holderAt(dataDisk), null);
  const startMs = world.nowMs;
  world.acquire('node02', dataDisk, all);
  world.runUntil(startMs + 1000, () => world.outcomesOf('node02', 'DiskAcquired').length > 0);
  t.true(world.nowMs - startMs < 100, 'no challenge wait on a free disk');
  safe(t, world);
});

test('a disk held by a member of the view is not taken: HeldByMember, and the challenger leaves no key behind', (t) => {
  const world = owned();
  world.acquire('node02', dataDisk, all);
  world.advance(100);
  t.like(world.outcomesOf('node02', 'DiskAcquireFailed')[0], { reason: 'HeldByMember' });
  t.deepEqual(world.keysAt(dataDisk), [keyOf(1)]);
  t.is(world.role('node01', dataDisk), 'Online');
});

test('a reservation a member left behind (restarted, disk offline) is taken with takeFromMember, after the challenge wait; without it the member holding it is refused (HeldByMember)', (t) => {
  const world = owned();
  world.restart('node01');
  world.advance(100);
  t.is(world.role('node01', dataDisk), 'Offline');
  t.is(world.holderAt(dataDisk), iqnOf('node01'), 'the old reservation stays on the LUN');
  world.acquire('node02', dataDisk, all);
  world.advance(100);
  t.like(world.outcomesOf('node02', 'DiskAcquireFailed')[0], { reason: 'HeldByMember' });
  const startMs = world.nowMs;
  world.input('node02', { type: 'Acquire', disk: dataDisk, members: world.members(all), reason: 'Resource', takeFromMember: true });
  world.runUntil(startMs + 30_000, () => world.outcomesOf('node02', 'DiskAcquired').length > 0);
  t.deepEqual(world.outcomesOf('node02', 'DiskAcquired'), [{ type: 'DiskAcquired', disk: dataDisk }]);
  t.true(world.nowMs - startMs >= arbitrationDefaults.challengerWaitMs, 'it waited as any challenger does');
  t.is(world.holderAt(dataDisk), iqnOf('node02'));
  safe(t, world);
});

test('a view change: the owner preempts the key of a node that left the membership', (t) => {
  const world = owned();
  // node02 registers for a challenge and dies before it can preempt.
  world.acquire('node02', dataDisk, ['node02', 'node03']);
  world.runUntil(world.nowMs + 100, () => world.keysAt(dataDisk).includes(keyOf(2)));
  world.kill('node02');
  world.advance(100);
  t.deepEqual(world.keysAt(dataDisk), [keyOf(1), keyOf(2)]);
  world.input('node01', { type: 'MembershipChanged', members: world.members(['node01', 'node03']) });
  world.advance(100);
  t.deepEqual(world.keysAt(dataDisk), [keyOf(1)]);
  t.deepEqual(world.eventsOf('DiskKeysPreempted', 'node01').flatMap((e) => e.holders), ['node02']);
});

test('Stop (quorum lost): I/O stops at once, nothing is sent, and a survivor with quorum takes the disk after its wait', (t) => {
  const world = owned();
  world.input('node01', { type: 'Stop', reason: 'LostQuorum' });
  t.is(world.role('node01', dataDisk), 'Offline');
  world.write('node01', dataDisk, 9);
  t.like(world.outcomesOf('node01', 'WriteCompleted').at(-1), { result: 'NotOwner' });
  t.deepEqual(world.keysAt(dataDisk), [keyOf(1)], 'its key stays until a survivor preempts it');
  world.acquire('node02', dataDisk, ['node02', 'node03']);
  world.advance(arbitrationDefaults.challengerWaitMs + 100);
  t.deepEqual(world.outcomesOf('node02', 'DiskAcquired'), [{ type: 'DiskAcquired', disk: dataDisk }]);
  t.deepEqual(world.keysAt(dataDisk), [keyOf(2)]);
  safe(t, world);
});

test('an owner cut off from the disk loses it when its lease runs out (1038) and sends nothing when the path is back', (t) => {
  // node01's storage path fails: its check hangs (no answer for scsiRequestTimeoutMs, 60 s). The
  // others, without node01 in their view, take the disk and give it back (free); node01 returns.
  const world = owned({ view: ['node01', 'node03'] });
  world.pathsDown.add('node01');
  world.acquire('node02', dataDisk, ['node02', 'node03']);
  world.advance(arbitrationDefaults.challengerWaitMs + 100);
  t.deepEqual(world.outcomesOf('node02', 'DiskAcquired'), [{ type: 'DiskAcquired', disk: dataDisk }]);
  t.like(world.eventsOf('DiskReservationLost', 'node01')[0], { cause: 'CheckFailed' }, 'lost on its own clock, with its check unanswered');
  world.input('node02', { type: 'Release', disk: dataDisk });
  world.advance(100);
  t.is(world.holderAt(dataDisk), null, 'the disk is free: without a reservation the target would take anyone’s WRITE');
  world.pathsDown.delete('node01');
  world.write('node01', dataDisk, 11);
  world.advance(100);
  t.like(world.outcomesOf('node01', 'WriteCompleted').at(-1), { result: 'NotOwner' });
  t.false(world.accepted.some((w) => w.node === 'node01' && w.status === 'Good' && w.atMs > world.nowMs - 200));
  safe(t, world);
});
