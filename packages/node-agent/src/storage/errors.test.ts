// Error texts: login statuses map to the initiator's ISDSC codes, and parameters convert as
// PowerShell converts them.
import test from 'ava';
import { iscsiError, iscsiStatusOfLogin, storageWmiError } from './errors.js';
import { CmdletParameters } from './params.js';

test('login response statuses map one for one to the ISDSC codes', (t) => {
  t.is(iscsiStatusOfLogin(0x02, 0x02), 'AuthorizationFailure');
  t.is(iscsiStatusOfLogin(0x02, 0x03), 'NotFound');
  t.is(iscsiStatusOfLogin(0x03, 0x02), 'OutOfResources');
  t.is(iscsiStatusOfLogin(0x02, 0x0f), 'LoginFailed', 'an unknown status is a plain login failure');
  t.deepEqual(iscsiError('Connect-IscsiTarget', 'AuthorizationFailure'), {
    category: 'NotSpecified',
    errorId: 'HRESULT 0xefff000a,Connect-IscsiTarget',
    message: 'Connect-IscsiTarget : Authorization Failure.',
  });
  t.is(storageWmiError('New-Partition', 'AccessPathInUse').errorId, 'StorageWMI 42002,New-Partition');
});

test('parameters bind by name or position, and convert as PowerShell does', (t) => {
  const p = new CmdletParameters('Get-Disk', { $positional: ['2'], FriendlyName: 'x' }, ['Number']);
  t.deepEqual(p.optionalInteger('Number'), { ok: true, value: 2 });
  t.deepEqual(p.optionalInteger('number'), { ok: true, value: 2 }, 'names are case-insensitive');
  const bad = new CmdletParameters('Set-Disk', { Number: 'one', IsOffline: 'yes', DriveLetter: 'e' });
  t.like(bad.optionalInteger('Number'), { ok: false, error: { message: 'Set-Disk : Cannot process argument transformation on parameter \'Number\'. Cannot convert value "one" to type "System.UInt32".' } });
  t.like(bad.optionalBoolean('IsOffline'), { ok: false });
  t.deepEqual(bad.optionalDriveLetter('DriveLetter'), { ok: true, value: 'E' });
  t.like(new CmdletParameters('Set-Disk', {}).requiredInteger('Number'), { ok: false, error: { message: 'Set-Disk : Cannot process command because of one or more missing mandatory parameters: Number.' } });
});
