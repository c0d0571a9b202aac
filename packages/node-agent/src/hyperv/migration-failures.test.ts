import test from 'ava';
import { GiB, twoHosts, vmConfig } from './_fixtures.js';
import { cancelMigration, migrationTimings } from './migration-source.js';

test('a destination without the memory refuses: MigrationFailed, the VM still Running on the source', (t) => {
  const b = twoHosts({ memoryStartupBytes: 4 * GiB });
  b.get('node02').h.memoryCapacityBytes = 3 * GiB;
  const id = b.migrate('node01', { vm: 'vm01', destination: 'node02' });
  b.deliver();
  const failed = b.eventsOf('MigrationFailed');
  t.is(failed.length, 1);
  t.like(failed[0], { migrationId: id, node: 'node01' });
  t.regex(failed[0]!.reason, new RegExp(`needs ${4 * GiB} bytes, ${3 * GiB} are available`));
  t.is(b.get('node01').h.vms.vm01?.state, 'Running');
  t.deepEqual(b.statesOf('vm01'), [], 'the VM never paused');
  t.deepEqual(b.get('node01').h.outgoing, []);
  t.deepEqual(b.get('node02').h.incoming, [], 'nothing reserved');
  t.is(b.eventsOf('MigrationStarted').length, 0);
});

test('a destination at its limit answers busy: the migration goes back to Queued and is asked again after 1 s', (t) => {
  const b = twoHosts();
  b.addHost('node03');
  b.running('node03', vmConfig('vm03'));
  b.get('node02').h.host.MaximumVirtualMachineMigrations = 1;
  b.migrate('node03', { vm: 'vm03', destination: 'node02' });
  b.deliver();
  const id = b.migrate('node01', { vm: 'vm01', destination: 'node02' });
  const askedAtMs = b.nowMs;
  b.deliver();
  t.is(b.phaseOf('node01', id), 'Queued');
  t.like(b.eventsOf('MigrationQueued')[0], { migrationId: id, position: 1, node: 'node01' });
  t.is(b.sentOf('VmMigrationOffer').filter((f) => f.from === 'node01').length, 1);
  b.advance(migrationTimings.busyRetryMs - 1);
  t.is(b.sentOf('VmMigrationOffer').filter((f) => f.from === 'node01').length, 1, 'not asked again before 1 s');
  b.advance(1);
  t.is(b.sentOf('VmMigrationOffer').filter((f) => f.from === 'node01').length, 2, 'asked again at 1 s');
  t.is(b.nowMs - askedAtMs, migrationTimings.busyRetryMs);
  t.true(b.runUntil(() => b.eventsOf('MigrationCompleted').length === 2));
  t.deepEqual(b.eventsOf('MigrationCompleted').map((e) => e.vm), ['vm03', 'vm01'], 'the busy one went after the one in flight');
  t.is(b.eventsOf('MigrationQueued').length, 1, 'MigrationQueued is logged once however often it is retried');
  t.is(b.eventsOf('MigrationFailed').length, 0);
});

test('cancelling a queued migration emits MigrationCancelled{wasQueued:true} and sends nothing', (t) => {
  const b = twoHosts();
  b.get('node01').h.clusterMaximumParallelMigrations = 1;
  b.running('node01', vmConfig('vm02'));
  b.migrate('node01', { vm: 'vm01', destination: 'node02' });
  const queued = b.migrate('node01', { vm: 'vm02', destination: 'node02' });
  const framesBefore = b.sentLog.length;
  t.is(b.act('node01', (th) => cancelMigration(th.h, th.host, 'vm02')), undefined);
  t.like(b.eventsOf('MigrationCancelled')[0], { migrationId: queued, wasQueued: true, vm: 'vm02' });
  t.is(b.sentLog.length, framesBefore, 'the destination never heard of it');
  t.true(b.runUntil(() => b.eventsOf('MigrationCompleted').length === 1));
  b.advance(60_000);
  t.is(b.get('node01').h.vms.vm02?.state, 'Running', 'vm02 stays where it runs');
  t.is(b.eventsOf('MigrationStarted').length, 1);
  t.regex(b.act('node01', (th) => cancelMigration(th.h, th.host, 'vm02')) ?? '', /no migration of virtual machine 'vm02'/);
});

test('cancelling while copying aborts the destination; cancelling in the blackout is refused and it completes', (t) => {
  const b = twoHosts({ memoryStartupBytes: 8 * GiB });
  const id = b.migrate('node01', { vm: 'vm01', destination: 'node02' });
  t.true(b.runUntil(() => b.phaseOf('node01', id) === 'Copying'));
  t.is(b.get('node02').h.incoming.length, 1);
  t.is(b.act('node01', (th) => cancelMigration(th.h, th.host, 'vm01')), undefined);
  b.deliver();
  t.like(b.eventsOf('MigrationCancelled')[0], { migrationId: id, wasQueued: false });
  t.deepEqual(b.get('node02').h.incoming, [], 'the destination dropped its half-built VM');
  t.is(b.get('node01').h.vms.vm01?.state, 'Running');

  const again = b.migrate('node01', { vm: 'vm01', destination: 'node02' });
  t.true(b.runUntil(() => b.phaseOf('node01', again) === 'Blackout'));
  t.regex(b.act('node01', (th) => cancelMigration(th.h, th.host, 'vm01')) ?? '', /can no longer be cancelled/);
  t.true(b.runUntil(() => b.eventsOf('MigrationCompleted').length === 1));
  t.is(b.eventsOf('MigrationCancelled').length, 1);
  t.is(b.get('node02').h.vms.vm01?.state, 'Running');
});

test('a destination that goes silent while copying: after 20 s the migration fails and the VM keeps running', (t) => {
  const b = twoHosts({ memoryStartupBytes: 8 * GiB });
  const id = b.migrate('node01', { vm: 'vm01', destination: 'node02' });
  t.true(b.runUntil(() => b.phaseOf('node01', id) === 'Copying'));
  b.silent.add('node02');
  t.true(b.runUntil(() => b.sentOf('VmMigrationPass').length === 1));
  const lastFrameMs = b.nowMs;
  t.true(b.runUntil(() => b.eventsOf('MigrationFailed').length === 1));
  t.is(b.nowMs - lastFrameMs, migrationTimings.silenceTimeoutMs);
  t.regex(b.eventsOf('MigrationFailed')[0]!.reason, /timed out/);
  t.is(b.get('node01').h.vms.vm01?.state, 'Running');
  t.deepEqual(b.statesOf('vm01'), []);
  t.deepEqual(b.get('node01').h.outgoing, []);
});

test('a destination silent in the blackout: the VM goes Paused → Running on the source after 20 s', (t) => {
  const b = twoHosts();
  const id = b.migrate('node01', { vm: 'vm01', destination: 'node02' });
  t.true(b.runUntil(() => b.phaseOf('node01', id) === 'Blackout'));
  b.silent.add('node02');
  t.true(b.runUntil(() => b.phaseOf('node01', id) === 'Committing'));
  const blackoutSentMs = b.nowMs;
  t.true(b.runUntil(() => b.eventsOf('MigrationFailed').length === 1));
  t.is(b.nowMs - blackoutSentMs, migrationTimings.silenceTimeoutMs);
  t.deepEqual(b.statesOf('vm01'), ['node01:Paused(Blackout)', 'node01:Running(MigrationAborted)']);
  t.is(b.get('node02').h.vms.vm01, undefined, 'never ran on the destination');
  t.is(b.eventsOf('MigrationCompleted').length, 0);
});
