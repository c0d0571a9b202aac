// Storage resiliency (facts §5.4): a VM whose storage stops answering is Paused-Critical rather than
// failed; it resumes when the storage answers again, only where it may run; after
// AutomaticCriticalErrorActionTimeout (30 min) still paused it is turned off. Local VMs never pause.
import test from 'ava';
import { Bench, vmConfig } from './_fixtures.js';
import { applyStorageHealth, criticalErrorDefaults, type StorageHealth } from './storage-health.js';

function bench() {
  const b = new Bench();
  b.addHost('node01');
  b.running('node01', vmConfig('vm01', { storage: 'Cluster Disk 1', clustered: true }));
  b.running('node01', vmConfig('vm02', { storage: 'local', path: 'D:\\VMs\\vm02', clustered: false }));
  return b;
}

const apply = (b: Bench, health: StorageHealth) => b.act('node01', (th) => applyStorageHealth(th.h, th.io, health));
const storageDown: StorageHealth = { storageUp: () => false, mayResume: () => true };
const storageUnknown: StorageHealth = { storageUp: () => undefined, mayResume: () => true };
const storageBack = (mayResume: boolean): StorageHealth => ({ storageUp: () => true, mayResume: () => mayResume });

test('storage gone: the CSV VM is Paused-Critical (StorageLost), the local one keeps running; unknown changes nothing', (t) => {
  const b = bench();
  apply(b, storageUnknown);
  t.is(b.get('node01').h.vms.vm01?.state, 'Running');
  apply(b, storageDown);
  t.is(b.get('node01').h.vms.vm01?.state, 'PausedCritical');
  t.is(b.get('node01').h.vms.vm02?.state, 'Running');
  t.deepEqual(b.statesOf('vm01'), ['node01:PausedCritical(StorageLost)']);
});

test('storage back: it resumes only where it may run, and keeps its uptime', (t) => {
  const b = bench();
  const since = b.get('node01').h.vms.vm01?.runningSinceMs;
  apply(b, storageDown);
  apply(b, storageBack(false));
  t.is(b.get('node01').h.vms.vm01?.state, 'PausedCritical', 'its role is elsewhere now: not resumed here');
  apply(b, storageBack(true));
  t.is(b.get('node01').h.vms.vm01?.state, 'Running');
  t.is(b.get('node01').h.vms.vm01?.runningSinceMs, since);
  t.deepEqual(b.statesOf('vm01'), ['node01:PausedCritical(StorageLost)', 'node01:Running(StorageRestored)']);
});

test('Paused-Critical for AutomaticCriticalErrorActionTimeout (30 min): turned off, not a minute before', (t) => {
  const b = bench();
  apply(b, storageDown);
  b.advance(criticalErrorDefaults.AutomaticCriticalErrorActionTimeoutMinutes * 60_000 - 1);
  apply(b, storageDown);
  t.is(b.get('node01').h.vms.vm01?.state, 'PausedCritical');
  b.advance(1);
  apply(b, storageDown);
  t.is(b.get('node01').h.vms.vm01?.state, 'Off');
  t.deepEqual(b.statesOf('vm01').at(-1), 'node01:Off(CriticalErrorTimeout)');
});
