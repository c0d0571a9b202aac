// Names as AD and DNS compare them.
import test from 'ava';
import { computerNameProblem, isIpv4, parseServicePrincipal, zoneName } from './names.js';

test('computer names follow the NetBIOS rules', (t) => {
  t.is(computerNameProblem('node01'), undefined);
  t.is(computerNameProblem('WSFC-CLUSTER'), undefined);
  t.regex(computerNameProblem('sixteen-chars-xx') ?? '', /over the NetBIOS limit of 15/);
  t.truthy(computerNameProblem('12345'));
  t.truthy(computerNameProblem('node_01'));
  t.truthy(computerNameProblem('-node'));
});

test('names are placed in the zone without regard to case or a trailing dot', (t) => {
  t.deepEqual(zoneName('wsfc.local', 'NODE01'), { type: 'InZone', relative: 'node01', fqdn: 'node01.wsfc.local' });
  t.deepEqual(zoneName('wsfc.local', 'node01.WSFC.local.'), { type: 'InZone', relative: 'node01', fqdn: 'node01.wsfc.local' });
  t.deepEqual(zoneName('wsfc.local', 'wsfc.local'), { type: 'InZone', relative: '@', fqdn: 'wsfc.local' });
  t.is(zoneName('wsfc.local', 'node01.contoso.com').type, 'OutsideZone');
  t.is(zoneName('wsfc.local', 'bad name').type, 'Invalid');
  t.is(zoneName('wsfc.local', `${'a'.repeat(64)}.wsfc.local`).type, 'Invalid');
});

test('IPv4 addresses are dotted quads of 0..255', (t) => {
  t.true(isIpv4('172.16.1.5'));
  t.false(isIpv4('172.16.1.256'));
  t.false(isIpv4('172.16.1'));
  t.false(isIpv4('172.16.01.5'));
});

test('service principal names compare by class and short host name', (t) => {
  const a = parseServicePrincipal('Microsoft Virtual System Migration Service/node02', 'wsfc.local');
  const b = parseServicePrincipal('microsoft virtual system migration service/NODE02.wsfc.local', 'WSFC.LOCAL');
  t.truthy(a);
  t.is(a?.canonical, b?.canonical);
  t.is(parseServicePrincipal('cifs/node02:445', 'wsfc.local')?.host, 'node02');
  t.is(parseServicePrincipal('cifs/node02.contoso.com', 'wsfc.local'), undefined);
  t.is(parseServicePrincipal('cifs', 'wsfc.local'), undefined);
  t.is(parseServicePrincipal('/node02', 'wsfc.local'), undefined);
});
