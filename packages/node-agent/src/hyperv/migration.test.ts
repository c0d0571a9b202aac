import test from 'ava';
import { Bench, GiB, MiB, twoHosts, vmConfig } from './_fixtures.js';
import { migrationLimit } from './vms.js';

test('a live migration of a non-clustered VM ends Running on the destination and gone from the source', (t) => {
  const b = twoHosts();
  const id = b.migrate('node01', { vm: 'vm01', destination: 'node02' });
  t.true(b.runUntil(() => b.eventsOf('MigrationCompleted').length > 0), 'the migration completes');
  t.deepEqual(b.statesOf('vm01'), ['node01:Paused(Blackout)', 'node02:Running(MigratedIn)', 'node01:Off(MigratedOut)']);
  t.is(b.get('node02').h.vms.vm01?.state, 'Running');
  t.is(b.get('node01').h.vms.vm01, undefined);
  t.deepEqual(b.get('node01').h.outgoing, []);
  t.deepEqual(b.get('node02').h.incoming, [], 'the reservation became the running VM');
  const done = b.eventsOf('MigrationCompleted')[0]!;
  t.like(done, { migrationId: id, vm: 'vm01', source: 'node01', destination: 'node02', migrationType: 'Live', node: 'node01' });
  t.true(done.passes >= 1);
  t.true(done.bytesSent >= GiB, `bytesSent ${done.bytesSent} covers the memory`);
  t.true(done.wireBytes < done.bytesSent, 'Compression (the default) sends fewer bytes than it copies');
  t.true(done.blackoutMs > 0 && done.blackoutMs < 1_000, `blackout ${done.blackoutMs} ms`);
  t.is(b.eventsOf('MigrationStarted').length, 1);
  t.deepEqual(b.notices('node01').filter((n) => n.type === 'MigrationEnded'), [{ type: 'MigrationEnded', migrationId: id, vm: 'vm01', destination: 'node02', outcome: 'Completed', message: '' }]);
});

test('a long pass goes in segments of at most 5 s, each acknowledged before the next', (t) => {
  const b = twoHosts({ memoryStartupBytes: 8 * GiB });
  b.migrate('node01', { vm: 'vm01', destination: 'node02' });
  t.true(b.runUntil(() => b.eventsOf('MigrationCompleted').length > 0));
  const passes = b.sentOf('VmMigrationPass');
  const acks = b.sentOf('VmMigrationAck');
  // 8 GiB compressed to 0.441 on 1 Gbit/s is about 30 s: several segments of one pass.
  t.true(passes.length >= 6, `${passes.length} segments`);
  t.is(acks.length, passes.length);
  t.true(passes.every((f) => f.message.type === 'VmMigrationPass' && f.message.pass === 1));
  t.true(passes.every((f) => f.network === 'Public'), 'a ClusterAndClient network is preferred over the cluster-only one');
  const done = b.eventsOf('MigrationCompleted')[0]!;
  t.is(done.passes, 1);
  t.true(done.durationMs > 25_000, `${done.durationMs} ms`);
});

test('a VM dirtying memory needs more than one pass', (t) => {
  const b = twoHosts({ memoryStartupBytes: 4 * GiB, workingSetBytes: GiB, dirtyRateBytesPerSec: 20 * MiB });
  b.migrate('node01', { vm: 'vm01', destination: 'node02' });
  t.true(b.runUntil(() => b.eventsOf('MigrationCompleted').length > 0));
  const done = b.eventsOf('MigrationCompleted')[0]!;
  t.true(done.passes >= 2, `${done.passes} passes`);
  t.true(done.bytesSent > 4 * GiB);
});

test('the limit is the smaller of MaximumVirtualMachineMigrations and the cluster MaximumParallelMigrations', (t) => {
  const h = new Bench().addHost('node01').h;
  t.is(migrationLimit(h), 2, 'the host default alone');
  h.host.MaximumVirtualMachineMigrations = 2;
  h.clusterMaximumParallelMigrations = 1;
  t.is(migrationLimit(h), 1);
  h.host.MaximumVirtualMachineMigrations = 4;
  h.clusterMaximumParallelMigrations = 2;
  t.is(migrationLimit(h), 2);
  h.host.MaximumVirtualMachineMigrations = 1;
  h.clusterMaximumParallelMigrations = 3;
  t.is(migrationLimit(h), 1);
});

test('with limit 1 the next requests queue in FIFO order and each starts only when the one before ends', (t) => {
  const b = twoHosts();
  b.get('node01').h.clusterMaximumParallelMigrations = 1;
  b.get('node01').h.host.MaximumVirtualMachineMigrations = 4;
  b.running('node01', vmConfig('vm02'));
  b.running('node01', vmConfig('vm03'));
  const first = b.migrate('node01', { vm: 'vm01', destination: 'node02' });
  const second = b.migrate('node01', { vm: 'vm02', destination: 'node02' });
  const third = b.migrate('node01', { vm: 'vm03', destination: 'node02' });
  t.is(b.phaseOf('node01', first), 'Offering');
  t.is(b.phaseOf('node01', second), 'Queued');
  t.deepEqual(
    b.eventsOf('MigrationQueued').map((e) => [e.migrationId, e.position]),
    [
      [second, 1],
      [third, 2],
    ],
  );
  t.true(b.runUntil(() => b.eventsOf('MigrationCompleted').length === 3));
  const order = b.events.filter((e) => e.event.type === 'MigrationStarted' || e.event.type === 'MigrationCompleted').map((e) => `${e.event.type}:${'migrationId' in e.event ? e.event.migrationId : ''}`);
  t.deepEqual(order, [`MigrationStarted:${first}`, `MigrationCompleted:${first}`, `MigrationStarted:${second}`, `MigrationCompleted:${second}`, `MigrationStarted:${third}`, `MigrationCompleted:${third}`]);
  t.deepEqual(Object.keys(b.get('node02').h.vms).sort(), ['vm01', 'vm02', 'vm03']);
});

function twoAtOnce() {
  const b = twoHosts({ memoryStartupBytes: 4 * GiB });
  b.running('node01', vmConfig('vm02', { memoryStartupBytes: 4 * GiB }));
  b.get('node02').h.host.MaximumVirtualMachineMigrations = 4;
  b.migrate('node01', { vm: 'vm01', destination: 'node02' });
  b.migrate('node01', { vm: 'vm02', destination: 'node02' });
  b.deliver();
  return b;
}

test('with limit 2 two migrations run at once', (t) => {
  const b = twoAtOnce();
  t.is(b.eventsOf('MigrationQueued').length, 0);
  t.is(b.eventsOf('MigrationStarted').length, 2, 'both started without waiting');
  t.true(b.runUntil(() => b.eventsOf('MigrationCompleted').length === 2));
  t.deepEqual(Object.keys(b.get('node02').h.vms).sort(), ['vm01', 'vm02']);
});

// BUG (migration-link.ts linkShare): the migration being planned is still Offering when its first
// pass is planned, so it does not count itself: the second of two concurrent migrations gets the
// whole NIC (both plan 15153 ms). Fix: count `o === migration || moving(o)`. test.failing until then.
test('two concurrent migrations share the NIC: the second plans a slower first pass', (t) => {
  const [a, c] = twoAtOnce().get('node01').h.outgoing.map((m) => m.passes[0]?.durationMs ?? 0);
  t.true(c! > a!, `first pass ${a} ms alone, ${c} ms sharing`);
});

test('a second migration of the same VM, or a live migration of a VM that is not running, is refused', (t) => {
  const b = twoHosts();
  b.running('node01', vmConfig('vm02'));
  b.get('node01').h.vms.vm02!.state = 'Off';
  b.migrate('node01', { vm: 'vm01', destination: 'node02' });
  t.throws(() => b.migrate('node01', { vm: 'vm01', destination: 'node02' }), { message: /already being migrated/ });
  t.throws(() => b.migrate('node01', { vm: 'vm02', destination: 'node02' }), { message: /not running \(it is Off\)/ });
  t.throws(() => b.migrate('node01', { vm: 'vm09', destination: 'node02' }), { message: /'vm09' is not on node01/ });
  t.throws(() => b.migrate('node01', { vm: 'vm01', destination: 'node01' }), { message: /already/ });
});

test('a quick migration saves on the source and restores on the destination', (t) => {
  const b = twoHosts();
  b.migrate('node01', { vm: 'vm01', destination: 'node02', migrationType: 'Quick' });
  t.true(b.runUntil(() => b.get('node02').h.vms.vm01?.state === 'Running'));
  // Saved on the source before it starts restoring on the destination: never active on both.
  t.deepEqual(b.statesOf('vm01'), ['node01:Saving(Save)', 'node01:Saved(Save)', 'node02:Starting(Restore)', 'node01:Off(MigratedOut)', 'node02:Running(Restore)']);
  t.is(b.eventsOf('MigrationCompleted')[0]?.passes, 0);
});
