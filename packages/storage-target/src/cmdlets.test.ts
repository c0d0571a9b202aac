// The IscsiTarget cmdlets against the target server: creating a target and a virtual disk,
// mapping it, opening the access list to an initiator, and what survives a restart.
import test from 'ava';
import { Initiator, TargetBench, filled, iqnOf } from './_harness.js';

/** The bench behind a holder, so a restart can swap it under initiators that point at the holder. */
function bench() {
  return { bench: new TargetBench() };
}

test('New-IscsiServerTarget derives the IQN the real server gives, and refuses a duplicate name', (t) => {
  const { bench: b } = bench();
  const created = b.cmdlet('New-IscsiServerTarget', { TargetName: 'Data', InitiatorIds: ['IQN:iqn.1991-05.com.microsoft:node04.wsfc.local'] });
  t.like(created, { ok: true, output: { TargetName: 'Data', TargetIqn: 'iqn.1991-05.com.microsoft:host-data-target', Status: 'NotConnected', InitiatorIds: ['IQN:iqn.1991-05.com.microsoft:node04.wsfc.local'] } });
  const again = b.cmdlet('new-iscsiservertarget', { targetname: 'data' });
  t.like(again, { ok: false, error: { category: 'ResourceExists', errorId: 'NewIscsiServerTarget,Microsoft.Iscsi.Target.Commands.NewIscsiServerTargetCommand' } });
});

test('a target, a virtual disk and a mapping made by cmdlets serve an initiator, and survive a restart', (t) => {
  const holder = bench();
  const node04 = new Initiator(() => holder.bench, 'node04');
  const b = holder.bench;
  t.like(b.cmdlet('New-IscsiServerTarget', { TargetName: 'Data' }), { ok: true });
  t.like(b.cmdlet('New-IscsiVirtualDisk', { Path: 'C:\\iSCSIVirtualDisks\\data.vhdx', SizeBytes: '10MB' }), {
    ok: true,
    output: { Path: 'C:\\iSCSIVirtualDisks\\data.vhdx', Size: 10 * 1024 * 1024, DiskType: 'Dynamic', Status: 'NotConnected' },
  });
  t.like(b.cmdlet('Add-IscsiVirtualDiskTargetMapping', { TargetName: 'Data', Path: 'C:\\iSCSIVirtualDisks\\data.vhdx' }), { ok: true, output: null });
  const target = 'iqn.1991-05.com.microsoft:host-data-target';
  t.like(node04.login(target), { statusClass: 2, statusDetail: 2 }, 'the access list is empty');
  t.like(b.cmdlet('Set-IscsiServerTarget', { TargetName: 'Data', InitiatorIds: [`IQN:${iqnOf('node04')}`], PassThru: true }), { ok: true, output: { InitiatorIds: [`IQN:${iqnOf('node04')}`] } });
  t.like(node04.login(target), { statusClass: 0, statusDetail: 0 });
  t.like(node04.write(7, filled(0x44)), { type: 'ScsiResponse', status: 'Good' });
  t.like(b.cmdlet('Get-IscsiServerTarget', { TargetName: 'Data' }), {
    ok: true,
    output: [{ Status: 'Connected', LunMappings: ['TargetName:Data;VHD:"C:\\iSCSIVirtualDisks\\data.vhdx";LUN:0'] }],
  });
  t.like(b.cmdlet('Get-IscsiSession'), { ok: true, output: [{ InitiatorNodeAddress: iqnOf('node04'), TargetNodeAddress: target, IsConnected: true }] });

  holder.bench = b.restart();
  t.like(holder.bench.cmdlet('Get-IscsiServerTarget', { TargetName: 'Data' }), { ok: true, output: [{ Status: 'NotConnected', InitiatorIds: [`IQN:${iqnOf('node04')}`] }] });
  t.like(node04.login(target), { statusClass: 0 });
  t.like(node04.read(7, 1), { status: 'Good', data: filled(0x44) });
});

test('Add-IscsiVirtualDiskTargetMapping takes the lowest free LUN and refuses one in use', (t) => {
  const { bench: b } = bench();
  b.cmdlet('New-IscsiVirtualDisk', { Path: 'D:\\vhd\\a.vhdx', Size: 1048576 });
  b.cmdlet('New-IscsiVirtualDisk', { Path: 'D:\\vhd\\b.vhdx', Size: 1048576 });
  t.like(b.cmdlet('Add-IscsiVirtualDiskTargetMapping', { TargetName: 'wsfc', Path: 'D:\\vhd\\a.vhdx', Lun: 1 }), {
    ok: false,
    error: { category: 'ResourceExists', message: 'Add-IscsiVirtualDiskTargetMapping : LUN 1 is already in use on the iSCSI target "wsfc".' },
  });
  t.like(b.cmdlet('Add-IscsiVirtualDiskTargetMapping', { TargetName: 'wsfc', Path: 'D:\\vhd\\a.vhdx' }), { ok: true });
  t.like(b.cmdlet('Add-IscsiVirtualDiskTargetMapping', { TargetName: 'wsfc', DevicePath: 'd:\\VHD\\B.vhdx', Lun: 9 }), { ok: true });
  t.deepEqual(
    b.state.targets.get('wsfc')?.luns.map((l) => [l.lun, l.disk]),
    [
      [0, 'Cluster Disk 1'],
      [1, 'Witness'],
      [2, 'a'],
      [9, 'b'],
    ],
  );
});

test('bad cmdlet input is refused with an error that names the value', (t) => {
  const { bench: b } = bench();
  t.like(b.cmdlet('New-IscsiVirtualDisk', { Path: 'data.vhd', SizeBytes: 1048576 }), { ok: false, error: { category: 'InvalidArgument' } });
  t.regex(errorMessage(b.cmdlet('New-IscsiVirtualDisk', { Path: 'C:\\x.vhdx', SizeBytes: 1000 })), /'SizeBytes': 1000 is not a positive multiple of 512/);
  t.regex(errorMessage(b.cmdlet('New-IscsiVirtualDisk', { Path: 'C:\\x.vhdx' })), /missing mandatory parameters: SizeBytes/);
  t.regex(errorMessage(b.cmdlet('New-IscsiVirtualDisk', { Path: 'C:\\iSCSIVirtualDisks\\Witness.vhdx', SizeBytes: 512 })), /The file "C:\\iSCSIVirtualDisks\\Witness.vhdx" exists/);
  t.regex(errorMessage(b.cmdlet('Set-IscsiServerTarget', { TargetName: 'wsfc', InitiatorIds: ['WWN:1234'] })), /entry "WWN:1234" has IdType "WWN"/);
  t.regex(errorMessage(b.cmdlet('Set-IscsiServerTarget', { TargetName: 'nope' })), /The iSCSI target "nope" does not exist/);
  t.like(b.cmdlet('Format-Everything'), { ok: false, error: { errorId: 'CommandNotFoundException' } });
});

test('"IQN:*" admits every initiator', (t) => {
  const holder = bench();
  t.like(holder.bench.cmdlet('Set-IscsiServerTarget', { TargetName: 'wsfc', InitiatorIds: ['IQN:*'] }), { ok: true, output: null });
  t.like(new Initiator(() => holder.bench, 'stranger').login(), { statusClass: 0 });
});

test('Get-IscsiVirtualDisk lists the lab disks with their paths and sizes', (t) => {
  const { bench: b } = bench();
  t.like(b.cmdlet('Get-IscsiVirtualDisk', { TargetName: 'wsfc' }), {
    ok: true,
    output: [
      { Path: 'C:\\iSCSIVirtualDisks\\Cluster Disk 1.vhdx', Size: 64 * 1024 * 1024, VirtualDiskIndex: 1 },
      { Path: 'C:\\iSCSIVirtualDisks\\Witness.vhdx', Size: 1024 * 1024, VirtualDiskIndex: 2 },
    ],
  });
});

function errorMessage(reply: { ok: boolean; error?: { message: string } }): string {
  return reply.ok ? '' : (reply.error?.message ?? '');
}
