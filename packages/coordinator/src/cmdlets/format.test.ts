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
  t.is(formatTable([{ A: 1, B: [1, 2] }]), 'A B\n- -\n1 {1, 2}', 'the rule under a header is as long as the header, as PowerShell draws it');
  t.is(formatOutput('Get-Anything', []), '');
});

test('Format-List with names and wildcards aligns the colons on the names shown', (t) => {
  const group = { Name: 'File Server', OwnerNode: 'node01', State: 'Online', Priority: 2000 };
  t.is(formatOutput('Get-ClusterGroup', [group, { ...group, Name: 'x' }], { kind: 'list', properties: ['state', 'Own*'] }), 'State     : Online\nOwnerNode : node01\n\nState     : Online\nOwnerNode : node01');
  t.is(formatOutput('Get-ClusterGroup', group, { kind: 'list', properties: ['Name'] }), 'Name : File Server');
});

test('Format-Table with names shows those columns; without, the cmdlet\'s default columns', (t) => {
  const group = { Name: 'File Server', OwnerNode: 'node01', State: 'Online', Priority: 2000 };
  t.is(formatOutput('Get-ClusterGroup', [group], { kind: 'table', properties: ['Name', 'Priority'] }), 'Name        Priority\n----        --------\nFile Server 2000');
  t.is(formatOutput('Get-ClusterGroup', [group], { kind: 'table' }).split('\n')[0], 'Name        OwnerNode State');
  t.is(formatOutput('Get-ClusterGroup', [group], { kind: 'table', properties: ['*'] }).split('\n')[0], 'Name        OwnerNode State  Priority');
});

test('objects without a default view: a table up to four properties, a list from five; plain values one a line', (t) => {
  t.is(formatOutput('Select-Object', [{ A: 1, B: 2 }]), 'A B\n- -\n1 2');
  t.is(formatOutput('Select-Object', { A: 1, B: 2, C: 3, D: 4, E: 5 }), 'A : 1\nB : 2\nC : 3\nD : 4\nE : 5');
  t.is(formatOutput('Select-Object', ['File Server', 'Cluster Group']), 'File Server\nCluster Group');
});

test('a cmdlet that acts on a group shows the group it gives back in the group view', (t) => {
  const group = { Name: 'File Server', OwnerNode: 'node02', State: 'Online', GroupType: 'FileServer', Priority: 2000, Cluster: 'wsfc-cluster' };
  t.is(formatOutput('Move-ClusterGroup', group), 'Name        OwnerNode State\n----        --------- -----\nFile Server node02    Online');
});
