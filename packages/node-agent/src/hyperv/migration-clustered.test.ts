import test from 'ava';
import { GiB, twoHosts } from './_fixtures.js';
import { finishIncoming } from './migration-target.js';
import { migrationTimings } from './migration-source.js';

function toCommit() {
  const b = twoHosts({ clustered: true });
  const id = b.migrate('node01', { vm: 'vm01', destination: 'node02', group: 'vm01' });
  b.notices('node01');
  const commitOf = () => b.get('node02').h.notices.find((n) => n.type === 'CommitMigration');
  if (!b.runUntil(() => commitOf() !== undefined)) throw new Error('no CommitMigration notice');
  return { b, id };
}

test('a clustered VM: the destination asks the cluster (CommitMigration) and does not resume it on its own', (t) => {
  const { b, id } = toCommit();
  t.deepEqual(
    b.notices('node02').filter((n) => n.type === 'CommitMigration'),
    [{ type: 'CommitMigration', migrationId: id, vm: 'vm01', group: 'vm01', source: 'node01' }],
  );
  const blackout = b.sentOf('VmMigrationBlackout')[0]?.message;
  t.is(blackout?.type === 'VmMigrationBlackout' ? blackout.group : undefined, 'vm01');
  b.advance(migrationTimings.silenceTimeoutMs - 1);
  t.is(b.get('node02').h.vms.vm01, undefined, 'not resumed without the cluster');
  t.is(b.get('node02').h.incoming.length, 1);
  t.is(b.sentOf('VmMigrationDone').length, 0);
  t.deepEqual(b.statesOf('vm01'), ['node01:Paused(Blackout)']);
});

// RISK (migration-source.ts checkOutgoing / migration-target.ts onAbort): if the cluster's commit
// lands after the source's 20 s time-out, the source has already resumed the VM and the destination
// resumes it too: Running on two hosts. See the report for the fix. test.failing until then.
test('a commit that lands after the source timed out never leaves the VM running on two hosts', (t) => {
  const { b, id } = toCommit();
  b.advance(migrationTimings.silenceTimeoutMs);
  b.act('node02', (th) => finishIncoming(th.h, th.host, id, true, ''));
  b.deliver();
  const runningOn = ['node01', 'node02'].filter((n) => b.get(n).h.vms.vm01?.state === 'Running');
  t.true(runningOn.length <= 1, `running on ${runningOn.join(' and ')}`);
});

test('finishIncoming(ok=true) resumes the VM on the destination and completes the migration', (t) => {
  const { b, id } = toCommit();
  b.act('node02', (th) => finishIncoming(th.h, th.host, id, true, ''));
  b.deliver();
  t.deepEqual(b.statesOf('vm01'), ['node01:Paused(Blackout)', 'node02:Running(MigratedIn)', 'node01:Off(MigratedOut)']);
  t.is(b.get('node02').h.vms.vm01?.config.clustered, true);
  t.is(b.get('node01').h.vms.vm01, undefined);
  t.like(b.eventsOf('MigrationCompleted')[0], { migrationId: id });
  t.true(b.get('node02').h.notices.some((n) => n.type === 'VmRunning' && n.vm === 'vm01'));
});

test('finishIncoming(ok=false) sends Done{ok:false}: the source resumes the VM and the migration fails', (t) => {
  const { b, id } = toCommit();
  b.act('node02', (th) => finishIncoming(th.h, th.host, id, false, 'the cluster kept the role on node01'));
  const done = b.sentOf('VmMigrationDone');
  t.is(done.length, 1);
  t.deepEqual(done[0]?.message, { type: 'VmMigrationDone', migrationId: id, ok: false, message: 'the cluster kept the role on node01' });
  b.deliver();
  t.deepEqual(b.statesOf('vm01'), ['node01:Paused(Blackout)', 'node01:Running(MigrationAborted)']);
  t.is(b.get('node02').h.vms.vm01, undefined);
  t.deepEqual(b.get('node02').h.incoming, [], 'the reservation is released');
  t.regex(b.eventsOf('MigrationFailed')[0]?.reason ?? '', /kept the role/);
  t.like(b.notices('node01').find((n) => n.type === 'MigrationEnded'), { outcome: 'Failed', migrationId: id });
});

test('a non-clustered VM given a group still finishes at once (the group only matters for clustered VMs)', (t) => {
  const b = twoHosts({ memoryStartupBytes: 2 * GiB });
  b.migrate('node01', { vm: 'vm01', destination: 'node02', group: 'vm01' });
  t.true(b.runUntil(() => b.eventsOf('MigrationCompleted').length === 1));
  t.false(b.get('node02').h.notices.some((n) => n.type === 'CommitMigration'));
});
