// A pipeline's later stages: machine cmdlets bound by the input object's Name, the console's own
// Select-Object / Where-Object, and Format-List / Format-Table, which leave the objects alone.
import test from 'ava';
import type { CmdletCall } from './parse.js';
import { parseCommandLine } from './parse.js';
import { inputObjectNotBound, parameterSetNotResolved, runPipeline, type SendStage } from './pipeline.js';

const groups = [
  { Name: 'Cluster Group', OwnerNode: 'node01', State: 'Online', GroupType: 'Cluster', Priority: 3000 },
  { Name: 'File Server', OwnerNode: 'node01', State: 'Online', GroupType: 'FileServer', Priority: 2000 },
  { Name: 'Available Storage', OwnerNode: 'node02', State: 'Offline', GroupType: 'AvailableStorage', Priority: 1000 },
];

/** The stages after the first of `line`. */
function stagesOf(line: string): CmdletCall[] {
  const parsed = parseCommandLine(line);
  if (!parsed.ok) throw new Error(`${line}: ${parsed.error.message}`);
  return parsed.value.pipeline;
}

/** A send that records each call and answers with the moved group. */
function recorder() {
  const calls: { name: string; bound: Record<string, string>; parameters: CmdletCall['parameters'] }[] = [];
  const send: SendStage = async (call, bound) => {
    calls.push({ name: call.name, bound, parameters: call.parameters });
    return { ok: true, output: [{ Name: bound.Name, OwnerNode: call.parameters.Node ?? 'node01', State: 'Online' }] };
  };
  return { calls, send };
}

async function run(line: string, output: unknown, send: SendStage = recorder().send) {
  return runPipeline({ output, source: 'Get-ClusterGroup', stages: stagesOf(line), send });
}

test('Get-ClusterGroup "File Server" | Move-ClusterGroup -Node node02 sends Move-ClusterGroup with -Name of the piped group', async (t) => {
  const { calls, send } = recorder();
  const outcome = await run('Get-ClusterGroup "File Server" | Move-ClusterGroup -Node node02', [groups[1]], send);
  t.deepEqual(calls, [{ name: 'Move-ClusterGroup', bound: { Name: 'File Server' }, parameters: { Node: 'node02' } }]);
  t.deepEqual(outcome, { ok: true, output: [{ Name: 'File Server', OwnerNode: 'node02', State: 'Online' }], source: 'Move-ClusterGroup' });
});

test('every input object is sent in turn; an empty input sends nothing', async (t) => {
  const { calls, send } = recorder();
  await run('Get-ClusterGroup | Stop-ClusterGroup', groups, send);
  t.deepEqual(calls.map((c) => c.bound.Name), ['Cluster Group', 'File Server', 'Available Storage']);
  const none = recorder();
  const outcome = await run('Get-ClusterGroup | Stop-ClusterGroup', [], none.send);
  t.deepEqual(none.calls, []);
  t.like(outcome, { ok: true, output: [] });
});

test('the first failure ends the pipeline with the machine\'s message', async (t) => {
  let sent = 0;
  const outcome = await run('Get-ClusterGroup | Stop-ClusterGroup', groups, async () => (++sent === 2 ? { ok: false, message: 'The group is locked.' } : { ok: true, output: [] }));
  t.deepEqual(outcome, { ok: false, message: 'The group is locked.' });
  t.is(sent, 2);
});

test('objects that cannot be bound are refused with PowerShell\'s messages', async (t) => {
  t.deepEqual(await run('Get-ClusterGroup | Get-ClusterCredential', groups), { ok: false, message: `Get-ClusterCredential : ${inputObjectNotBound}` });
  t.deepEqual(await run('Get-ClusterGroup | Move-ClusterGroup -Node node02', [{ Id: 7 }]), { ok: false, message: `Move-ClusterGroup : ${inputObjectNotBound}` });
  t.deepEqual(await run('Get-ClusterGroup | Move-ClusterGroup -Name x -Node node02', groups), { ok: false, message: `Move-ClusterGroup : ${parameterSetNotResolved}` });
});

test('| Format-List * and | fl leave the objects as they are and ask for a list', async (t) => {
  t.deepEqual(await run('Get-ClusterGroup | Format-List *', groups), { ok: true, output: groups, source: 'Get-ClusterGroup', display: { kind: 'list', properties: ['*'] } });
  t.deepEqual(await run('Get-Cluster | fl', groups[0]), { ok: true, output: groups[0], source: 'Get-ClusterGroup', display: { kind: 'list' } });
  t.deepEqual(await run('Get-ClusterGroup | ft Name,State -AutoSize', groups), { ok: true, output: groups, source: 'Get-ClusterGroup', display: { kind: 'table', properties: ['Name', 'State'] } });
});

test('a Format cmdlet ends the pipeline', async (t) => {
  const outcome = await run('Get-ClusterGroup | fl | Select-Object Name', groups);
  t.false(outcome.ok);
  t.regex(outcome.ok ? '' : outcome.message, /^Select-Object after Format-List: /);
});

test('Select-Object picks properties in the order asked, with wildcards, -First, -Last and -ExpandProperty', async (t) => {
  t.deepEqual(await run('Get-ClusterGroup | Select-Object State,name', groups.slice(0, 1)), {
    ok: true,
    output: [{ State: 'Online', Name: 'Cluster Group' }],
    source: 'Select-Object',
  });
  t.like(await run('Get-ClusterGroup | select Owner*,Missing -First 2', groups), { ok: true, output: [{ OwnerNode: 'node01', Missing: null }, { OwnerNode: 'node01', Missing: null }] });
  t.like(await run('Get-ClusterGroup | Select-Object -Last 1 -ExpandProperty Name', groups), { ok: true, output: ['Available Storage'] });
  t.like(await run('Get-ClusterGroup | Select-Object -ExpandProperty Nope', groups), { ok: false, message: 'Property "Nope" cannot be found.' });
  t.like(await run('Get-ClusterGroup | Select-Object @{ Name = "x" }', groups), { ok: false });
});

test('a single object stays a single object through console stages', async (t) => {
  const cluster = { Name: 'wsfc-cluster', SameSubnetThreshold: 10, Domain: 'wsfc.local' };
  t.deepEqual(await run('Get-Cluster | Select-Object Name,SameSubnetThreshold', cluster), { ok: true, output: { Name: 'wsfc-cluster', SameSubnetThreshold: 10 }, source: 'Select-Object' });
});

test('Where-Object in the comparison statement and in a script block', async (t) => {
  const names = async (line: string) => {
    const outcome = await run(line, groups);
    return outcome.ok ? (outcome.output as { Name: string }[]).map((g) => g.Name) : outcome.message;
  };
  t.deepEqual(await names('Get-ClusterGroup | Where-Object State -eq online'), ['Cluster Group', 'File Server']);
  t.deepEqual(await names('Get-ClusterGroup | ? OwnerNode -ne node01'), ['Available Storage']);
  t.deepEqual(await names("Get-ClusterGroup | where { $_.Name -like '*Server' }"), ['File Server']);
  t.deepEqual(await names('Get-ClusterGroup | Where-Object { $PSItem.Priority -ge 2000 }'), ['Cluster Group', 'File Server']);
  t.deepEqual(await names("Get-ClusterGroup | Where-Object { $_.State -ceq 'online' }"), []);
  t.deepEqual(await names('Get-ClusterGroup | Where-Object GroupType -in Cluster,FileServer'), ['Cluster Group', 'File Server']);
  t.regex(await names("Get-ClusterGroup | Where-Object { $_.State -eq 'Online' -and $_.Priority -gt 1 }") as string, /^Where-Object in the lab takes one comparison/);
});

test('a console cmdlet the lab does not run is refused by name', async (t) => {
  const outcome = await run('Get-ClusterGroup | Sort-Object Name', groups);
  t.like(outcome, { ok: false });
  t.regex(outcome.ok ? '' : outcome.message, /^Sort-Object is not available in a pipeline in the lab/);
});
