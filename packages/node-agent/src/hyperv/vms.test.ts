import test from 'ava';
import { Bench, GiB, vmConfig } from './_fixtures.js';
import { vmTimings } from './vms.js';

function oneHost(capacityBytes = 8 * GiB) {
  const b = new Bench();
  b.addHost('node01').h.memoryCapacityBytes = capacityBytes;
  return b;
}

test('Start-VM without the memory is refused with a message naming the bytes; the VM stays Off', (t) => {
  const b = oneHost(3 * GiB);
  t.true(b.cmdlet('node01', 'New-VM', { Name: 'vm01', MemoryStartupBytes: 4 * GiB }).ok);
  const reply = b.cmdlet('node01', 'Start-VM', { Name: 'vm01' });
  t.false(reply.ok);
  if (!reply.ok) {
    t.is(reply.error.errorId, 'OperationFailed,Microsoft.HyperV.PowerShell.Commands.StartVM');
    t.regex(reply.error.message, new RegExp(`it needs ${4 * GiB} bytes, node01 has ${3 * GiB} available`));
  }
  t.is(b.get('node01').h.vms.vm01?.state, 'Off');
  t.deepEqual(b.statesOf('vm01'), []);
});

test('Start-VM: Starting at once, Running after the cold boot and not before', (t) => {
  const b = oneHost();
  b.cmdlet('node01', 'New-VM', { Name: 'vm01' });
  t.true(b.cmdlet('node01', 'Start-VM', { Name: 'vm01' }).ok);
  t.is(b.get('node01').h.vms.vm01?.state, 'Starting');
  b.advance(vmTimings.coldBootMs - 1);
  t.is(b.get('node01').h.vms.vm01?.state, 'Starting');
  b.advance(1);
  t.deepEqual(b.statesOf('vm01'), ['node01:Starting(Start)', 'node01:Running(Start)']);
  t.true(b.get('node01').h.notices.some((n) => n.type === 'VmRunning' && n.vm === 'vm01'));
});

test('Stop-VM -TurnOff is Off at once, and a boot under way does not bring it back', (t) => {
  const b = oneHost();
  b.cmdlet('node01', 'New-VM', { Name: 'vm01' });
  b.cmdlet('node01', 'Start-VM', { Name: 'vm01' });
  t.true(b.cmdlet('node01', 'Stop-VM', { Name: 'vm01', TurnOff: true }).ok);
  t.is(b.get('node01').h.vms.vm01?.state, 'Off');
  b.advance(10 * vmTimings.coldBootMs);
  t.deepEqual(b.statesOf('vm01'), ['node01:Starting(Start)', 'node01:Off(TurnOff)'], 'the stale boot timer is ignored');
  t.like(b.notices('node01').find((n) => n.type === 'VmStopped'), { vm: 'vm01', State: 'Off', cause: 'TurnOff' });
});

test('a guest shutdown takes shutdownMs', (t) => {
  const b = oneHost();
  b.running('node01', vmConfig('vm01'));
  t.true(b.cmdlet('node01', 'Stop-VM', { Name: 'vm01' }).ok);
  t.is(b.get('node01').h.vms.vm01?.state, 'Stopping');
  b.advance(vmTimings.shutdownMs - 1);
  t.is(b.get('node01').h.vms.vm01?.state, 'Stopping');
  b.advance(1);
  t.deepEqual(b.statesOf('vm01'), ['node01:Stopping(Shutdown)', 'node01:Off(Shutdown)']);
});

test('Save-VM frees the memory; Start-VM restores from the saved state at 1 GiB/s', (t) => {
  const b = oneHost(2 * GiB);
  b.running('node01', vmConfig('vm01', { memoryStartupBytes: 2 * GiB }));
  b.cmdlet('node01', 'New-VM', { Name: 'vm02', MemoryStartupBytes: GiB });
  t.false(b.cmdlet('node01', 'Start-VM', { Name: 'vm02' }).ok, 'vm01 holds all the memory');
  t.true(b.cmdlet('node01', 'Save-VM', { Name: 'vm01' }).ok);
  b.advance(2_000);
  t.is(b.get('node01').h.vms.vm01?.state, 'Saved');
  t.true(b.cmdlet('node01', 'Start-VM', { Name: 'vm02' }).ok, 'a saved VM holds no memory');
  b.cmdlet('node01', 'Stop-VM', { Name: 'vm02', TurnOff: true });
  t.true(b.cmdlet('node01', 'Start-VM', { Name: 'vm01' }).ok);
  b.advance(1_999);
  t.is(b.get('node01').h.vms.vm01?.state, 'Starting');
  b.advance(1);
  t.deepEqual(b.statesOf('vm01'), ['node01:Saving(Save)', 'node01:Saved(Save)', 'node01:Starting(Restore)', 'node01:Running(Restore)']);
});

test('Stop-VM of a VM being migrated is refused', (t) => {
  const b = oneHost();
  b.addHost('node02');
  b.running('node01', vmConfig('vm01'));
  b.migrate('node01', { vm: 'vm01', destination: 'node02' });
  const reply = b.cmdlet('node01', 'Stop-VM', { Name: 'vm01', TurnOff: true });
  t.false(reply.ok);
  if (!reply.ok) t.regex(reply.error.message, /is being migrated/);
  t.is(b.get('node01').h.vms.vm01?.state, 'Running');
});

test('a restarted host starts again its non-clustered VMs that were running; clustered ones wait for the cluster', (t) => {
  const first = new Bench();
  const vms = [
    { config: vmConfig('vm01'), running: true },
    { config: vmConfig('vm02'), running: false },
  ];
  const { store } = first.addHost('node01', { hyperv: { vms } });
  first.running('node01', vmConfig('vm03', { clustered: true }));
  first.advance(vmTimings.coldBootMs);
  t.is(first.get('node01').h.vms.vm01?.state, 'Running');
  const again = new Bench();
  const h = again.addHost('node01', {}, store).h;
  t.deepEqual(Object.keys(h.vms).sort(), ['vm01', 'vm02']);
  t.is(h.vms.vm01?.state, 'Starting');
  t.is(h.vms.vm02?.state, 'Off');
  t.deepEqual(again.statesOf('vm01'), ['node01:Starting(ColdBoot)']);
});
