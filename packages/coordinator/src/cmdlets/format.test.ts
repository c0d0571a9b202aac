import test from 'ava';
import { formatOutput, formatTable } from './format.js';

test('a cmdlet shows its default columns, and sizes as PowerShell does', (t) => {
  const text = formatOutput('Get-Disk', [{ Number: 1, FriendlyName: 'MSFT Virtual HD', SerialNumber: 'X1', HealthStatus: 'Healthy', OperationalStatus: 'Offline', Size: 20 * 1024 ** 3, PartitionStyle: 'RAW', Guid: 'hidden' }]);
  const [header, rule, row] = text.split('\n');
  t.is(header, 'Number FriendlyName    SerialNumber HealthStatus OperationalStatus Size  PartitionStyle');
  t.regex(rule ?? '', /^-+ -+/);
  t.regex(row ?? '', /^1\s+MSFT Virtual HD\s+X1\s+Healthy\s+Offline\s+20 GB RAW$/);
  t.false(text.includes('hidden'), 'properties outside the default view are not shown');
});

test('Format-List shows every property; unknown cmdlets show every column', (t) => {
  t.is(formatOutput('Get-Cluster', { Name: 'wsfc-cluster', SameSubnetThreshold: 10 }, true), 'Name                : wsfc-cluster\nSameSubnetThreshold : 10');
  t.is(formatTable([{ A: 1, B: [1, 2] }]), 'A B\n- ------\n1 {1, 2}');
  t.is(formatOutput('Get-Anything', []), '');
});
