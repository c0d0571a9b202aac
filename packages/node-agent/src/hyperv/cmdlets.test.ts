import test from 'ava';
import { Bench, GiB, MiB, twoHosts } from './_fixtures.js';
import { defaultVmPath } from './cmdlets.js';

const outputOf = (reply: { ok: boolean; output?: unknown }) => (reply.ok ? reply.output : undefined);

test('New-VM makes an Off VM with the defaults; a duplicate name (any case) and too little memory are refused', (t) => {
  const b = new Bench();
  b.addHost('node01');
  const made = outputOf(b.cmdlet('node01', 'New-VM', { Name: 'vm01' })) as Record<string, unknown>[];
  t.like(made[0], { Name: 'vm01', State: 'Off', MemoryStartup: GiB, MemoryAssigned: 0, Version: '10.0', Path: `${defaultVmPath}\\vm01`, ComputerName: 'node01', IsClustered: false });
  t.like(b.cmdlet('node01', 'New-VM', { Name: 'VM01' }), { ok: false, error: { errorId: 'ObjectAlreadyExists' } });
  t.like(b.cmdlet('node01', 'New-VM', { Name: 'vm02', MemoryStartupBytes: 16 * MiB }), { ok: false, error: { errorId: 'ParameterArgumentValidationError' } });
  t.like(b.cmdlet('node01', 'New-VM', {}), { ok: false, error: { errorId: 'MissingArgument' } });
  t.like(outputOf(b.cmdlet('node01', 'New-VM', { $positional: ['vm03'], Path: 'D:\\VMs\\' })) as unknown[], [{ Name: 'vm03', Path: 'D:\\VMs\\vm03' }]);
});

test('Get-VM finds by name in any case, lists all without a name, and names the one it cannot find', (t) => {
  const b = new Bench();
  b.addHost('node01');
  b.cmdlet('node01', 'New-VM', { Name: 'vm01' });
  b.cmdlet('node01', 'New-VM', { Name: 'vm02' });
  t.is((outputOf(b.cmdlet('node01', 'Get-VM')) as unknown[]).length, 2);
  t.like(outputOf(b.cmdlet('node01', 'Get-VM', { Name: 'VM02' })) as unknown[], [{ Name: 'vm02' }]);
  const missing = b.cmdlet('node01', 'Get-VM', { Name: ['vm01', 'vm09'] });
  t.like(missing, { ok: false, error: { category: 'InvalidArgument', message: 'Hyper-V was unable to find a virtual machine with name "vm09" on node01.' } });
});

test('Get-VM shows a VM being migrated as Migrating, with its memory assigned', (t) => {
  const b = twoHosts({ memoryStartupBytes: 8 * GiB });
  b.migrate('node01', { vm: 'vm01', destination: 'node02' });
  b.deliver();
  t.like(outputOf(b.cmdlet('node01', 'Get-VM', { Name: 'vm01' })) as unknown[], [{ State: 'Running', Status: 'Migrating', MemoryAssigned: 8 * GiB }]);
});

test('Set-VMHost 0 is refused with the ParameterArgumentValidationError text and changes nothing', (t) => {
  const b = new Bench();
  b.addHost('node01');
  const reply = b.cmdlet('node01', 'Set-VMHost', { MaximumStorageMigrations: 3, MaximumVirtualMachineMigrations: 0 });
  t.deepEqual(reply, {
    ok: false,
    error: {
      category: 'InvalidArgument',
      errorId: 'ParameterArgumentValidationError',
      message:
        "Cannot validate argument on parameter 'MaximumVirtualMachineMigrations'. The 0 argument is less than the minimum allowed range of 1. Supply an argument that is greater than or equal to 1 and then try the command again.",
    },
  });
  t.like(b.get('node01').h.host, { MaximumVirtualMachineMigrations: 2, MaximumStorageMigrations: 2 }, 'no half-applied change');
  t.like(b.cmdlet('node01', 'Set-VMHost', { MaximumStorageMigrations: 1.5 }), { ok: false, error: { errorId: 'ParameterArgumentValidationError' } });
});

test('Set-VMHost takes the performance option in any case, refuses an unknown one, and -Passthru returns the host', (t) => {
  const b = new Bench();
  b.addHost('node01');
  t.deepEqual(b.cmdlet('node01', 'Set-VMHost', { VirtualMachineMigrationPerformanceOption: 'smb' }), { ok: true, output: null });
  t.is(b.get('node01').h.host.VirtualMachineMigrationPerformanceOption, 'SMB');
  const bad = b.cmdlet('node01', 'Set-VMHost', { VirtualMachineMigrationPerformanceOption: 'Fast' });
  t.like(bad, { ok: false, error: { errorId: 'CannotConvertArgumentNoMessage' } });
  if (!bad.ok) t.regex(bad.error.message, /Cannot convert value "Fast".*"TCPIP, Compression, SMB"/);
  t.is(b.get('node01').h.host.VirtualMachineMigrationPerformanceOption, 'SMB');
  const passthru = b.cmdlet('node01', 'Set-VMHost', { MaximumVirtualMachineMigrations: 4, Passthru: true });
  t.like(outputOf(passthru), { ComputerName: 'node01', MaximumVirtualMachineMigrations: 4, VirtualMachineMigrationPerformanceOption: 'SMB' });
});

test('Get-VMHost reports the defaults and the memory left for VMs', (t) => {
  const b = new Bench();
  b.addHost('node01');
  t.like(outputOf(b.cmdlet('node01', 'Get-VMHost')), {
    MaximumVirtualMachineMigrations: 2,
    MaximumStorageMigrations: 2,
    VirtualMachineMigrationEnabled: true,
    VirtualMachineMigrationPerformanceOption: 'Compression',
    UseAnyNetworkForMigration: false,
    LogicalProcessorCount: 16,
    MemoryCapacity: 62 * GiB,
  });
});
