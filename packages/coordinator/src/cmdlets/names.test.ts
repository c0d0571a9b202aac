import test from 'ava';
import { cmdletNames, findCmdlet, findParameter, notRecognizedError, positionalParameter } from './names.js';

test('cmdlets are found without regard to case, and aliases lead to their cmdlet', (t) => {
  t.is(findCmdlet('get-clusternode')?.name, 'Get-ClusterNode');
  t.is(findCmdlet('GET-VM')?.module, 'Hyper-V');
  t.is(findCmdlet('ft')?.name, 'Format-Table');
  t.is(findCmdlet('?')?.name, 'Where-Object');
  t.is(findCmdlet('Get-Foo'), undefined);
});

test('every module in scope has its cmdlets', (t) => {
  const expected: Record<string, string> = {
    'Suspend-ClusterNode': 'FailoverClusters',
    'Move-ClusterVirtualMachineRole': 'FailoverClusters',
    'Update-ClusterFunctionalLevel': 'FailoverClusters',
    'Set-VMProcessor': 'Hyper-V',
    'Update-VMVersion': 'Hyper-V',
    'New-IscsiVirtualDisk': 'IscsiTarget',
    'Connect-IscsiTarget': 'iSCSI',
    'Get-Disk': 'Storage',
    'Add-Computer': 'Microsoft.PowerShell.Management',
    'Resolve-DnsName': 'DnsClient',
    'Invoke-CauRun': 'ClusterAwareUpdating',
    'Format-List': 'Microsoft.PowerShell.Utility',
    'Select-Object': 'Microsoft.PowerShell.Utility',
    'Where-Object': 'Microsoft.PowerShell.Core',
  };
  for (const [name, module] of Object.entries(expected)) t.is(findCmdlet(name)?.module as string | undefined, module, name);
});

test('names are unique and sorted', (t) => {
  const names = cmdletNames();
  t.true(names.length > 450);
  t.deepEqual(names, [...new Set(names)].sort());
});

test('the stub-derived FailoverClusters entries are complete, with switches and positions', (t) => {
  const suspend = findCmdlet('Suspend-ClusterNode');
  t.true(suspend?.complete);
  t.deepEqual(
    suspend?.parameters.filter((p) => p.isSwitch).map((p) => p.name),
    ['Drain', 'ForceDrain', 'RetryDrainOnFailure', 'AvoidPlacement', 'Wait', 'Verbose', 'Debug', 'WhatIf', 'Confirm'],
  );
  t.is(suspend === undefined ? undefined : positionalParameter(suspend, 0)?.name, 'Name');
  t.is(suspend === undefined ? undefined : positionalParameter(suspend, 1)?.name, 'TargetNode');
  const move = findCmdlet('Move-ClusterVirtualMachineRole');
  t.false(move?.parameters.find((p) => p.name === 'Wait')?.isSwitch, 'Move-ClusterVirtualMachineRole -Wait takes seconds');
  const processor = findCmdlet('Set-VMProcessor');
  t.truthy(processor?.parameters.find((p) => p.name === 'CompatibilityForMigrationMode'), 'the 2025 parameter is added');
});

test('parameters bind by name, alias or unique prefix; others fail as in PowerShell', (t) => {
  const getVm = findCmdlet('Get-VM');
  if (getVm === undefined) return t.fail();
  t.deepEqual(findParameter(getVm, 'vmname'), { kind: 'found', parameter: getVm.parameters.find((p) => p.name === 'Name') });
  const prefix = findParameter(getVm, 'Comp');
  t.is(prefix.kind === 'found' ? prefix.parameter.name : undefined, 'ComputerName');
  const ambiguous = findParameter(getVm, 'C');
  t.is(ambiguous.kind === 'error' ? ambiguous.error.errorId : undefined, 'AmbiguousParameter');
  const missing = findParameter(getVm, 'Frobnicate');
  t.is(missing.kind === 'error' ? missing.error.message : undefined, "A parameter cannot be found that matches parameter name 'Frobnicate'.");
  const partial = findCmdlet('Get-Disk');
  t.is(partial === undefined ? undefined : findParameter(partial, 'Frobnicate').kind, 'unlisted');
});

test('the not-recognized error is PowerShell\'s', (t) => {
  t.deepEqual(notRecognizedError('Get-Foo'), {
    category: 'ObjectNotFound',
    errorId: 'CommandNotFoundException',
    message:
      "The term 'Get-Foo' is not recognized as the name of a cmdlet, function, script file, or operable program. Check the spelling of the name, or if a path was included, verify that the path is correct and try again.",
  });
});
