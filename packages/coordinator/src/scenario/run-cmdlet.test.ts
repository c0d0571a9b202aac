// A cmdlet line with a pipeline, as the node receives it: the first cmdlet as typed, each later
// machine cmdlet once per object with the object's Name as -Name, formatting kept out.
import test from 'ava';
import { formatOutput } from '../cmdlets/format.js';
import { clusterAnswers, fakeCluster, sampleDatabase } from './_fake-cluster.js';
import { runCmdlet } from './run-cmdlet.js';

function cluster() {
  const ctx = fakeCluster(clusterAnswers(sampleDatabase));
  return { ctx, run: (line: string) => runCmdlet(line, ctx) };
}

test('Get-ClusterGroup "File Server" | Move-ClusterGroup -Node node02 reaches the node as Move-ClusterGroup -Name "File Server" -Node node02', async (t) => {
  const { ctx, run } = cluster();
  const outcome = await run('Get-ClusterGroup "File Server" | Move-ClusterGroup -Node node02');
  t.true(outcome.ok, outcome.ok ? '' : outcome.message);
  t.deepEqual(ctx.runtime.cmdlets(), [
    'Get-ClusterGroup {"Name":"File Server","$positional":["File Server"]}',
    'Move-ClusterGroup {"Node":"node02","Name":"File Server"}',
  ]);
  t.deepEqual(ctx.runtime.sent.map((s) => s.actor), ['node01', 'node01']);
  t.like(outcome, { ok: true, source: 'Move-ClusterGroup', output: { Cmdlet: 'Move-ClusterGroup' } });
});

test('a positional argument of a later stage binds to the next free position', async (t) => {
  const { ctx, run } = cluster();
  await run('Get-ClusterGroup "File Server" | Move-ClusterGroup node02');
  t.is(ctx.runtime.cmdlets()[1], 'Move-ClusterGroup {"Name":"File Server","Node":"node02"}');
});

test('| Format-List * leaves the output the objects; the display shows every property with the colons aligned', async (t) => {
  const { run } = cluster();
  const outcome = await run('Get-ClusterGroup "File Server" | Format-List *');
  if (!outcome.ok) return t.fail(outcome.message);
  t.deepEqual(outcome.output, [sampleDatabase().groups[1]]);
  t.is(
    formatOutput(outcome.source, outcome.output, outcome.display),
    ['Name      : File Server', 'OwnerNode : node01', 'State     : Online', 'GroupType : FileServer', 'Priority  : 2000'].join('\n'),
  );
});

test('| ft shows the default columns of the cmdlet whose objects they are', async (t) => {
  const { run } = cluster();
  const outcome = await run('Get-ClusterResource | ft');
  if (!outcome.ok) return t.fail(outcome.message);
  t.is(formatOutput(outcome.source, outcome.output, outcome.display).split('\n')[0], 'Name           State  OwnerGroup  ResourceType');
});

test('(pipeline).Property reads the property of every object in the console; setting one is refused', async (t) => {
  const { ctx, run } = cluster();
  t.like(await run('(Get-ClusterGroup | Where-Object OwnerNode -eq node01).Name'), { ok: true, output: ['Cluster Group', 'File Server'] });
  t.deepEqual(ctx.runtime.cmdlets(), ['Get-ClusterGroup {}'], 'the member is read here, not sent');
  t.like(await run('(Get-Cluster).SameSubnetThreshold'), { ok: true });
  t.is(ctx.runtime.cmdlets()[1], 'Get-Cluster {"$member":"SameSubnetThreshold"}');
  const set = await run("(Get-ClusterGroup | Select-Object -First 1).Priority = 1000");
  t.false(set.ok);
  t.regex(set.ok ? '' : set.message, /^Setting Priority on a pipeline's output is not available in the lab/);
});

test('with no node up the first stage fails and nothing else is sent', async (t) => {
  const ctx = fakeCluster(clusterAnswers(sampleDatabase), []);
  const outcome = await runCmdlet('Get-ClusterGroup | Stop-ClusterGroup', ctx);
  t.like(outcome, { ok: false, message: 'No cluster node is up to run the command: the cluster service is not running on any node.' });
  t.deepEqual(ctx.runtime.sent, []);
});
