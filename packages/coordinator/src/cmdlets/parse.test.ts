import test from 'ava';
import { namedArguments, parseCommandLine, type CommandLine, type ParseResult } from './parse.js';

function parsed(text: string): CommandLine {
  const result = parseCommandLine(text);
  if (!result.ok) throw new Error(`${text}: ${result.error.message} (column ${result.column})`);
  return result.value;
}

function failure(text: string): Extract<ParseResult, { ok: false }> {
  const result = parseCommandLine(text);
  if (result.ok) throw new Error(`${text}: expected a parse error`);
  return result;
}

test('-Name value and a switch', (t) => {
  const line = parsed('Suspend-ClusterNode -Name node02 -Drain');
  t.is(line.name, 'Suspend-ClusterNode');
  t.is(line.module, 'FailoverClusters');
  t.deepEqual(line.parameters, { Name: 'node02' });
  t.deepEqual(line.switches, { Drain: true });
  t.deepEqual(line.positional, []);
  t.deepEqual(line.pipeline, []);
  t.is(line.computerName, undefined);
});

test('cmdlet and parameter names are case-insensitive and take the canonical casing', (t) => {
  const line = parsed('suspend-clusternode -NAME node02 -drain -targetnode node01');
  t.is(line.name, 'Suspend-ClusterNode');
  t.deepEqual(line.parameters, { Name: 'node02', TargetNode: 'node01' });
  t.deepEqual(line.switches, { Drain: true });
});

test('comma arrays, with and without spaces, and quoted strings of both kinds', (t) => {
  t.deepEqual(parsed('Test-Cluster -Node node01,node02').parameters, { Node: ['node01', 'node02'] });
  t.deepEqual(parsed("Test-Cluster -Node 'node01', \"node02\" -Include 'Storage Spaces Direct'").parameters, {
    Node: ['node01', 'node02'],
    Include: 'Storage Spaces Direct',
  });
  t.deepEqual(parsed("Get-ClusterResource 'it''s' \"say \"\"hi\"\" `n\"").positional, ["it's", 'say "hi" \n']);
  t.deepEqual(parsed('Get-ClusterResource -Name "Cluster Disk 1"').parameters, { Name: 'Cluster Disk 1' });
});

test('numbers, size suffixes, hex and negative numbers', (t) => {
  const line = parsed('New-VM -Name vm11 -MemoryStartupBytes 4GB -Generation 2');
  t.deepEqual(line.parameters, { Name: 'vm11', MemoryStartupBytes: 4 * 2 ** 30, Generation: 2 });
  t.deepEqual(parsed('Set-VMMemory vm01 -StartupBytes 512MB -Priority 0x10 -Buffer -1').parameters, { StartupBytes: 512 * 2 ** 20, Priority: 16, Buffer: -1 });
  t.deepEqual(parsed('Get-ClusterNode 10.0.1.5').positional, ['10.0.1.5'], 'an address stays a string');
});

test('$true, $false and $null, and -Param:value', (t) => {
  const line = parsed('Remove-ClusterNode node03 -Force -Confirm:$false');
  t.deepEqual(line.switches, { Force: true, Confirm: false });
  t.deepEqual(line.positional, ['node03']);
  t.deepEqual(parsed('Set-VMNetworkAdapter -VMName vm01 -NotMonitoredInCluster $true').parameters, { VMName: 'vm01', NotMonitoredInCluster: true });
  t.deepEqual(parsed('Move-ClusterGroup -Name:"Cluster Group" -Node: node02').parameters, { Name: 'Cluster Group', Node: 'node02' });
  t.deepEqual(parsed('Get-ClusterNode $null').positional, [null]);
});

test('a switch is not followed by its value: the next word is positional', (t) => {
  const line = parsed('Suspend-ClusterNode -Drain node02');
  t.deepEqual(line.switches, { Drain: true });
  t.deepEqual(line.positional, ['node02']);
  t.deepEqual(namedArguments(line), { Name: 'node02' });
});

test('positional arguments bind to the default set positions', (t) => {
  t.deepEqual(namedArguments(parsed('Move-ClusterVirtualMachineRole vm01 node02 -MigrationType Live')), { Name: 'vm01', Node: 'node02', MigrationType: 'Live' });
  t.deepEqual(namedArguments(parsed('Move-ClusterVirtualMachineRole -Name vm01 node02')), { Name: 'vm01', Node: 'node02' });
});

test('Invoke-Command is unwrapped: the inner line runs on the named machine', (t) => {
  const line = parsed('Invoke-Command -ComputerName node03 -ScriptBlock { Suspend-ClusterNode -Drain }');
  t.is(line.name, 'Suspend-ClusterNode');
  t.deepEqual(line.switches, { Drain: true });
  t.is(line.computerName, 'node03');
  const positional = parsed('icm node02 { Get-VM | Format-Table Name, State } | Out-String');
  t.is(positional.name, 'Get-VM');
  t.is(positional.computerName, 'node02');
  t.deepEqual(positional.pipeline.map((s) => s.name), ['Format-Table', 'Out-String']);
  t.deepEqual(positional.pipeline[0]?.positional, [['Name', 'State']]);
});

test('-CimSession and -ComputerName say where the cmdlet runs and leave the parameters', (t) => {
  const disk = parsed('Get-Disk -CimSession node03 | Format-Table -AutoSize');
  t.is(disk.cimSession, 'node03');
  t.deepEqual(disk.parameters, {});
  t.deepEqual(disk.pipeline[0]?.switches, { AutoSize: true });
  const vm = parsed('Get-VM -ComputerName node02');
  t.is(vm.computerName, 'node02');
  t.deepEqual(vm.parameters, {});
  t.is(parsed('Test-Connection -ComputerName node02').computerName, undefined, 'Test-Connection names the destination');
  t.is(failure('Get-VM -ComputerName node01,node02').error.errorId, 'OneMachineOnly');
});

test('pipelines: Get-Cluster | Format-List * and Get-ClusterGroup vm01 | Move-ClusterVirtualMachineRole -Node node02', (t) => {
  const list = parsed('Get-Cluster | Format-List *');
  t.is(list.name, 'Get-Cluster');
  t.deepEqual(list.pipeline, [{ name: 'Format-List', module: 'Microsoft.PowerShell.Utility', parameters: {}, switches: {}, positional: ['*'] }]);
  const move = parsed('Get-ClusterGroup vm01 | Move-ClusterVirtualMachineRole -Node node02');
  t.deepEqual(move.positional, ['vm01']);
  t.deepEqual(move.pipeline.map((s) => [s.name, s.parameters]), [['Move-ClusterVirtualMachineRole', { Node: 'node02' }]]);
});

test('property assignment and property read on a parenthesised command', (t) => {
  const threshold = parsed('(Get-Cluster).SameSubnetThreshold = 20');
  t.is(threshold.name, 'Get-Cluster');
  t.deepEqual(threshold.assignment, { property: 'SameSubnetThreshold', value: 20 });
  const role = parsed('(Get-ClusterNetwork "Storage").Role = 0');
  t.is(role.name, 'Get-ClusterNetwork');
  t.deepEqual(role.positional, ['Storage']);
  t.deepEqual(role.assignment, { property: 'Role', value: 0 });
  t.deepEqual(parsed("(Get-Cluster).Description = 'lab cluster'").assignment, { property: 'Description', value: 'lab cluster' });
  t.is(parsed('(Get-Cluster).SameSubnetThreshold').member, 'SameSubnetThreshold');
  t.is(failure('(Get-Cluster).SameSubnetThreshold = twenty').error.errorId, 'UnexpectedToken');
});

test('script blocks, sub-commands, arrays and hash tables as values', (t) => {
  const where = parsed("Get-ClusterGroup | Where-Object { $_.State -eq 'Online' }");
  t.deepEqual(where.pipeline[0]?.positional, [{ kind: 'scriptBlock', text: "$_.State -eq 'Online'" }]);
  const simple = parsed('Get-ClusterGroup | ? State -eq Online');
  t.deepEqual([simple.pipeline[0]?.name, simple.pipeline[0]?.switches, simple.pipeline[0]?.positional], ['Where-Object', { EQ: true }, ['State', 'Online']]);
  const move = parsed('Move-ClusterGroup "Cluster Group" -Node (Get-ClusterNode node02)');
  const node = move.parameters.Node as { kind: string; command: CommandLine };
  t.is(node.kind, 'command');
  t.deepEqual([node.command.name, node.command.positional], ['Get-ClusterNode', ['node02']]);
  t.deepEqual(parsed("Test-Cluster -Node @('node01', 'node02')").parameters, { Node: ['node01', 'node02'] });
  t.deepEqual(parsed('Get-ClusterResource "IP Address" | Set-ClusterParameter -Multiple @{ Address = "10.0.0.5"; SubnetMask = "255.255.255.0" }').pipeline[0]?.parameters, {
    Multiple: { kind: 'hashTable', entries: { Address: '10.0.0.5', SubnetMask: '255.255.255.0' } },
  });
});

test('parameter prefixes and aliases bind as in PowerShell', (t) => {
  t.deepEqual(parsed('Get-VM -VMName vm01').parameters, { Name: 'vm01' }, 'alias');
  t.deepEqual(parsed('Suspend-ClusterNode -Dr -Targ node01').switches, { Drain: true }, 'unique prefix');
  t.deepEqual(parsed('Get-ClusterNode -ea Stop').parameters, { ErrorAction: 'Stop' }, 'common parameter alias');
  t.deepEqual(parsed('fl -Property Name').name, 'Format-List', 'cmdlet alias');
});

test('an unknown cmdlet gives PowerShell\'s CommandNotFoundException message', (t) => {
  const result = failure('Get-Foo -Name x');
  t.is(result.error.errorId, 'CommandNotFoundException');
  t.is(result.error.category, 'ObjectNotFound');
  t.true(result.error.message.startsWith("The term 'Get-Foo' is not recognized as the name of a cmdlet, function, script file, or operable program."));
  t.is(result.column, 1);
  const later = failure('Get-ClusterNode | Format-Lst');
  t.is(later.column, 19, 'a later pipeline stage is checked too');
  const inner = failure('Invoke-Command -ComputerName node03 -ScriptBlock { Suspend-Node -Drain }');
  t.is(inner.column, 52, 'the column points into the script block');
});

test('parameter errors: not found, ambiguous, missing argument, bound twice', (t) => {
  t.deepEqual(failure('Get-ClusterNode -Nmae x').error, { category: 'InvalidArgument', errorId: 'NamedParameterNotFound', message: "A parameter cannot be found that matches parameter name 'Nmae'." });
  const ambiguous = failure('Remove-ClusterNode node03 -C');
  t.is(ambiguous.error.errorId, 'AmbiguousParameter');
  t.regex(ambiguous.error.message, /Possible matches include: -Cluster -CleanupDisks -Confirm\.$/);
  t.is(failure('Get-ClusterNode -Name').error.errorId, 'MissingArgument');
  t.is(failure('Get-ClusterNode -Name a -Name b').error.errorId, 'ParameterAlreadyBound');
});

test('a partial parameter list accepts unlisted parameters, as switches when no value follows', (t) => {
  const line = parsed('Get-IscsiServerTarget -TargetName t1 -SomeFutureSwitch -SomeFutureValue 3');
  t.deepEqual(line.parameters, { TargetName: 't1', SomeFutureValue: 3 });
  t.deepEqual(line.switches, { SomeFutureSwitch: true });
});

test('syntax errors carry PowerShell\'s messages and the column', (t) => {
  t.deepEqual(failure("Get-ClusterNode -Name 'node01").error.message, "The string is missing the terminator: '.");
  t.is(failure("Get-ClusterNode -Name 'node01").column, 23);
  t.is(failure('Get-ClusterNode |').error.message, 'An empty pipe element is not allowed.');
  t.is(failure('Get-ClusterGroup | Where-Object { $_.State').error.errorId, 'MissingEndCurlyBrace');
  t.is(failure('Get-ClusterNode $nodes').error.message, "The variable '$nodes' cannot be retrieved because it has not been set.");
  t.is(failure('Get-ClusterNode; Get-ClusterGroup').error.errorId, 'UnexpectedToken');
  t.is(failure('').error.errorId, 'EmptyCommand');
});
