// The administrator's cmdlets on the DC, with the real property names and error texts.
import test from 'ava';
import { Harness } from './_harness.js';
import { directoryActor } from './directory.js';

type Row = Record<string, unknown>;
const rows = (output: unknown): Row[] => output as Row[];

test('Get-ADComputer by identity, by SamAccountName, by filter; an unknown identity is not found', (t) => {
  const h = new Harness();
  const one = h.cmdlet('Get-ADComputer', { Identity: 'node01' });
  t.true(one.ok);
  if (one.ok) {
    const row = one.output as Row;
    t.is(row.Name, 'NODE01');
    t.is(row.SamAccountName, 'NODE01$');
    t.is(row.DNSHostName, 'node01.wsfc.local');
    t.is(row.DistinguishedName, 'CN=NODE01,CN=Computers,DC=wsfc,DC=local');
    t.is(row.ObjectClass, 'computer');
    t.is(row.Enabled, true);
    t.false('msDS-AllowedToDelegateTo' in row, 'extended properties only with -Properties');
  }
  const bySam = h.cmdlet('get-adcomputer', { identity: 'NODE02$', Properties: '*' });
  t.true(bySam.ok && (bySam.output as Row).Name === 'NODE02' && Array.isArray((bySam.output as Row)['msDS-AllowedToDelegateTo']));
  const dc = h.cmdlet('Get-ADComputer', { Identity: 'dc01' });
  t.true(dc.ok && (dc.output as Row).DistinguishedName === 'CN=DC01,OU=Domain Controllers,DC=wsfc,DC=local');
  const all = h.cmdlet('Get-ADComputer', { Filter: '*' });
  t.true(all.ok && rows(all.output).length === 3);
  const like = h.cmdlet('Get-ADComputer', { Filter: "Name -like 'node*'" });
  t.true(like.ok && rows(like.output).map((row) => row.Name).join() === 'NODE01,NODE02');
  const missing = h.cmdlet('Get-ADComputer', { Identity: 'node09' });
  t.false(missing.ok);
  if (!missing.ok) {
    t.is(missing.error.message, "Cannot find an object with identity: 'node09' under: 'DC=wsfc,DC=local'.");
    t.is(missing.error.category, 'ObjectNotFound');
    t.true(missing.error.errorId.endsWith('ADIdentityNotFoundException,Microsoft.ActiveDirectory.Management.Commands.GetADComputer'));
  }
  t.true(missing.events.some((event) => event.type === 'DirectoryRequestRefused' && event.requester === 'Administrator'));
  t.false(h.cmdlet('Get-ADComputer', { Filter: 'Location -eq "x"' }).ok);
  t.false(h.cmdlet('Get-ADComputer').ok, 'Identity is mandatory without -Filter');
});

test('New-ADComputer creates an enabled account by default; a duplicate is refused', (t) => {
  const h = new Harness();
  const created = h.cmdlet('New-ADComputer', { Name: 'node04', PassThru: true });
  t.true(created.ok && (created.output as Row).Enabled === true);
  const duplicate = h.cmdlet('New-ADComputer', { Name: 'NODE04' });
  t.false(duplicate.ok);
  if (!duplicate.ok) {
    t.true(duplicate.error.message.startsWith('The specified account already exists'));
    t.is(duplicate.error.errorId, 'ActiveDirectoryServer:1316,Microsoft.ActiveDirectory.Management.Commands.NewADComputer');
  }
  t.false(h.cmdlet('New-ADComputer', { Name: 'name-longer-than-15' }).ok);
  t.false(h.cmdlet('New-ADComputer', {}).ok);
  t.is(h.state.counters.refusals, 3);
});

test('Set-ADComputer edits msDS-AllowedToDelegateTo with -Add, -Remove, -Replace and -Clear', (t) => {
  const h = new Harness();
  const delegation = () => h.state.db.computers['node01']?.allowedToDelegateTo;
  t.true(h.cmdlet('Set-ADComputer', { Identity: 'node01', Add: { 'msDS-AllowedToDelegateTo': ['cifs/node02', 'Microsoft Virtual System Migration Service/node02'] } }).ok);
  t.deepEqual(delegation(), ['cifs/node02', 'Microsoft Virtual System Migration Service/node02']);
  const before = h.snapshot();
  const duplicate = h.cmdlet('Set-ADComputer', { Identity: 'node01', Add: { 'msDS-AllowedToDelegateTo': 'CIFS/node02' } });
  t.false(duplicate.ok);
  if (!duplicate.ok) t.true(duplicate.error.message.startsWith('The specified value already exists'));
  const unknownAttribute = h.cmdlet('Set-ADComputer', { Identity: 'node01', Add: { location: 'rack 4' } });
  t.false(unknownAttribute.ok);
  if (!unknownAttribute.ok) t.true(unknownAttribute.error.message.startsWith('The specified directory service attribute or value does not exist'));
  t.false(h.cmdlet('Set-ADComputer', { Identity: 'node01', Remove: { 'msDS-AllowedToDelegateTo': 'cifs/dc01' } }).ok);
  t.false(h.cmdlet('Set-ADComputer', { Identity: 'node01', Add: { 'msDS-AllowedToDelegateTo': 'not an spn' } }).ok);
  t.false(h.cmdlet('Set-ADComputer', { Identity: 'node01', Add: 'cifs/node02' }).ok);
  t.is(h.snapshot(), before, 'failed edits change nothing');
  t.true(h.cmdlet('Set-ADComputer', { Identity: 'node01', Remove: { 'msDS-AllowedToDelegateTo': 'cifs/node02' } }).ok);
  t.deepEqual(delegation(), ['Microsoft Virtual System Migration Service/node02']);
  t.true(h.cmdlet('Set-ADComputer', { Identity: 'node01', Replace: { 'msDS-AllowedToDelegateTo': ['cifs/dc01'] } }).ok);
  t.deepEqual(delegation(), ['cifs/dc01']);
  const cleared = h.cmdlet('Set-ADComputer', { Identity: 'node01', Clear: 'msDS-AllowedToDelegateTo' });
  t.true(cleared.ok);
  t.deepEqual(delegation(), []);
  t.true(cleared.events.some((event) => event.type === 'ComputerObjectChanged' && event.change === 'DelegationChanged'));
});

test('Set-ADComputer -Enabled $false disables an account, and its holder is refused from then on', (t) => {
  const h = new Harness();
  const disabled = h.cmdlet('Set-ADComputer', { Identity: 'node02', Enabled: '$false' });
  t.true(disabled.ok);
  t.true(disabled.events.some((event) => event.type === 'ComputerObjectChanged' && event.change === 'Disabled' && event.name === 'NODE02'));
  const reply = h.ask('node02', { type: 'DnsRegister', requestId: 'r', requester: 'node02', name: 'node02', addresses: ['172.16.1.10'] });
  t.is(reply.type, 'DirectoryRefused');
  t.false(h.cmdlet('Set-ADComputer', { Identity: 'node02', Enabled: 'maybe' }).ok);
});

test('Remove-ADComputer deletes an account; the DC cannot be removed', (t) => {
  const h = new Harness();
  t.true(h.cmdlet('Remove-ADComputer', { Identity: 'CN=NODE02,CN=Computers,DC=wsfc,DC=local' }).ok);
  t.is(h.state.db.computers['node02'], undefined);
  const dc = h.cmdlet('Remove-ADComputer', { Identity: 'dc01' });
  t.false(dc.ok);
  if (!dc.ok) t.true(dc.error.message.startsWith('The directory service can perform the requested operation only on a leaf object'));
  t.false(h.cmdlet('Remove-ADComputer', { Identity: 'node02' }).ok);
  t.truthy(h.state.db.computers['dc01']);
});

test('Get-DnsServerResourceRecord lists A records with the real property names', (t) => {
  const h = new Harness();
  const all = h.cmdlet('Get-DnsServerResourceRecord', { ZoneName: 'wsfc.local', RRType: 'A' });
  t.true(all.ok);
  if (all.ok) {
    const list = rows(all.output);
    t.deepEqual(list.map((row) => row.HostName), ['@', 'dc01', 'node01', 'node02']);
    const node01 = list[2] ?? {};
    t.deepEqual(node01.RecordData, { IPv4Address: '172.16.1.5' });
    t.is(node01.RecordType, 'A');
    t.is(node01.TimeToLive, '00:20:00');
    t.is(node01.RecordClass, 'IN');
  }
  const one = h.cmdlet('Get-DnsServerResourceRecord', { ZoneName: 'wsfc.local', Name: 'node02' });
  t.true(one.ok && rows(one.output).length === 1);
  const missing = h.cmdlet('Get-DnsServerResourceRecord', { ZoneName: 'wsfc.local', Name: 'node09' });
  t.false(missing.ok);
  if (!missing.ok) {
    t.is(missing.error.message, 'Failed to get node09 record in wsfc.local zone on dc01 server.');
    t.is(missing.error.errorId, 'WIN32 9714,Get-DnsServerResourceRecord');
  }
  const wrongZone = h.cmdlet('Get-DnsServerResourceRecord', { ZoneName: 'contoso.com' });
  t.false(wrongZone.ok);
  if (!wrongZone.ok) t.is(wrongZone.error.errorId, 'WIN32 9601,Get-DnsServerResourceRecord');
  const other = h.cmdlet('Get-DnsServerResourceRecord', { ZoneName: 'wsfc.local', RRType: 'MX' });
  t.true(other.ok && rows(other.output).length === 0);
});

test('Add- and Remove-DnsServerResourceRecord manage static records', (t) => {
  const h = new Harness();
  const added = h.cmdlet('Add-DnsServerResourceRecordA', { ZoneName: 'wsfc.local', Name: 'app01', IPv4Address: ['172.16.1.50', '172.16.1.51'], TimeToLive: '00:05:00', PassThru: true });
  t.true(added.ok);
  if (added.ok) {
    t.is(rows(added.output).length, 2);
    t.is(rows(added.output)[0]?.Timestamp, null, 'static');
    t.is(rows(added.output)[0]?.TimeToLive, '00:05:00');
  }
  t.is(h.state.db.zone['app01']?.owner, 'dc01');
  const duplicate = h.cmdlet('Add-DnsServerResourceRecordA', { ZoneName: 'wsfc.local', Name: 'app01', IPv4Address: '172.16.1.50' });
  t.false(duplicate.ok);
  if (!duplicate.ok) t.is(duplicate.error.errorId, 'WIN32 9711,Add-DnsServerResourceRecordA');
  t.false(h.cmdlet('Add-DnsServerResourceRecordA', { ZoneName: 'wsfc.local', Name: 'app02', IPv4Address: '999.1.1.1' }).ok);
  t.true(h.cmdlet('Remove-DnsServerResourceRecord', { ZoneName: 'wsfc.local', Name: 'app01', RRType: 'A', RecordData: '172.16.1.50', Force: true }).ok);
  t.deepEqual(h.state.db.zone['app01']?.addresses, ['172.16.1.51']);
  t.true(h.cmdlet('Remove-DnsServerResourceRecord', { ZoneName: 'wsfc.local', Name: 'app01', RRType: 'A', Force: true }).ok);
  t.is(h.state.db.zone['app01'], undefined);
  t.false(h.cmdlet('Remove-DnsServerResourceRecord', { ZoneName: 'wsfc.local', Name: 'app01', RRType: 'A', Force: true }).ok);
});

test('Resolve-DnsName on the DC answers rows, or "DNS name does not exist"', (t) => {
  const h = new Harness();
  const found = h.cmdlet('Resolve-DnsName', { Name: 'node01.wsfc.local' });
  t.true(found.ok);
  if (found.ok) t.deepEqual(found.output, [{ Name: 'node01.wsfc.local', Type: 'A', TTL: 1200, Section: 'Answer', IPAddress: '172.16.1.5' }]);
  const missing = h.cmdlet('Resolve-DnsName', { Name: 'node09' });
  t.false(missing.ok);
  if (!missing.ok) {
    t.is(missing.error.message, 'node09 : DNS name does not exist');
    t.is(missing.error.errorId, 'DNS_ERROR_RCODE_NAME_ERROR,Microsoft.DnsClient.Commands.ResolveDnsName');
  }
});

test('an unknown cmdlet is refused as not implemented and counted', (t) => {
  const h = new Harness();
  const reply = h.cmdlet('Get-ADUser', { Identity: 'alice' });
  t.false(reply.ok);
  if (!reply.ok) t.is(reply.error.category, 'NotImplemented');
  t.is(h.state.counters.refusalsByStatus['CmdletNotImplemented'], 1);
  t.is(h.state.counters.cmdlets, 1);
});

test('Inspect shows the database and the counters', (t) => {
  const h = new Harness();
  h.ask('node03', { type: 'DnsQuery', requestId: 'q', requester: 'node03', name: 'x' });
  directoryActor.step(h.state, { type: 'Command', requestId: 'i1', command: { type: 'Inspect' } }, h.io);
  const reply = h.io.drain().find((effect) => effect.type === 'Reply');
  t.true(reply?.type === 'Reply' && reply.requestId === 'i1' && reply.reply.ok);
  if (reply?.type === 'Reply' && reply.reply.ok) {
    const output = reply.reply.output as { database: { domain: string }; counters: { dnsQueries: number } };
    t.is(output.database.domain, 'wsfc.local');
    t.is(output.counters.dnsQueries, 1);
  }
});
