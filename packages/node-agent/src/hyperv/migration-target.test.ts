import test from 'ava';
import { GiB, twoHosts } from './_fixtures.js';
import { migrationTimings } from './migration-source.js';
import { freeMemoryBytes } from './vms.js';

test('the destination reserves the memory on accepting, and a source silent from the start releases it after 20 s', (t) => {
  const b = twoHosts({ memoryStartupBytes: 4 * GiB });
  const freeBefore = freeMemoryBytes(b.get('node02').h);
  b.migrate('node01', { vm: 'vm01', destination: 'node02' });
  b.silent.add('node01');
  b.deliver();
  t.is(freeMemoryBytes(b.get('node02').h), freeBefore - 4 * GiB, 'reserved while it arrives');
  b.advance(migrationTimings.silenceTimeoutMs - 1);
  t.is(b.get('node02').h.incoming.length, 1);
  b.advance(1);
  t.deepEqual(b.get('node02').h.incoming, []);
  t.is(freeMemoryBytes(b.get('node02').h), freeBefore);
});

test('an offer for a VM name that already runs on the destination is refused, not busy', (t) => {
  const b = twoHosts();
  b.running('node02', { ...b.get('node01').h.vms.vm01!.config });
  b.migrate('node01', { vm: 'vm01', destination: 'node02' });
  b.deliver();
  const answer = b.sentOf('VmMigrationAnswer')[0]?.message;
  t.like(answer, { ok: false, busy: false });
  t.regex(b.eventsOf('MigrationFailed')[0]?.reason ?? '', /already runs on node02/);
});

// BUG (migration-target.ts): the destination arms its MigrationCheck only in onOffer, so a source
// that goes silent more than 20 s after the offer is never noticed: the half-built VM and its
// reserved memory stay for ever. Fix: re-arm in onPass (see the report). test.failing until then.
test('a source that goes silent in the middle of a long pass is dropped by the destination after 20 s', (t) => {
  const b = twoHosts({ memoryStartupBytes: 16 * GiB });
  b.migrate('node01', { vm: 'vm01', destination: 'node02' });
  t.true(b.runUntil(() => b.sentOf('VmMigrationPass').length === 6), 'about 30 s into the first pass');
  b.silent.add('node01');
  b.advance(3 * migrationTimings.silenceTimeoutMs);
  t.deepEqual(b.get('node02').h.incoming, []);
});
