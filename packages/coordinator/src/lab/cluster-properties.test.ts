// Cluster properties, the quorum configuration and the cluster log, set and read as an
// administrator does, on the default lab (seed 000's two nodes with the Witness disk and the File
// Server role) in the `sim` runtime: the command line goes through the coordinator's parser to
// the spokesman node (node01), which proposes the change through the GUM and answers once it is
// committed; node02 is then asked directly, so what it shows came from its own copy of the
// cluster database. A refused change must leave that database exactly as it was.
import test from 'ava';
import type { NodeActorState } from '@wsfc-lab/node-agent';
import { clusterLog } from '@wsfc-lab/node-agent';
import { defaultLab } from '../config/mod.js';
import { ClusterView } from '../observe/cluster-view.js';
import { SimRuntime } from '../runtime/sim/sim-runtime.js';
import { runCmdlet, type CmdletOutcome } from '../scenario/run-cmdlet.js';
import { buildLab } from './build-lab.js';

/** The node actor with its cluster.log fed from its emits, as node.ts is asked to wire it. */

async function start(o: { seed?: number } = {}) {
  const lab = buildLab(defaultLab());
  const runtime = new SimRuntime({ actors: lab.actors, fabric: lab.fabric, seed: o.seed ?? 5 });
  const view = new ClusterView(lab.nodes);
  runtime.onEntry((e) => view.apply(e));
  await runtime.start();
  // Both nodes join, node01 wins the disks, the core groups and File Server come online.
  await runtime.runUntil(() => false, 15_000);
  const run = (line: string) => runCmdlet(line, { lab, runtime, view });
  /** A cmdlet answered by `node` itself, from its own copy. */
  const on = async (node: string, name: string, parameters: Record<string, unknown> = {}) => {
    const reply = await runtime.command(node, { type: 'Cmdlet', name, parameters });
    if (!reply?.ok) throw new Error(`${name} on ${node}: ${reply ? reply.error.message : 'no reply'}`);
    return reply.output as Record<string, unknown> & Record<string, unknown>[];
  };
  const stateOf = (node: string) => runtime.inspect(node) as NodeActorState;
  const sequenceOf = (node: string) => stateOf(node).cluster.gum.copy.sequence;
  return { runtime, run, on, stateOf, sequenceOf };
}

function succeeded(t: { fail(message: string): void }, outcome: CmdletOutcome): unknown {
  if (!outcome.ok) t.fail(outcome.message);
  return outcome.ok ? outcome.output : undefined;
}

test('(Get-Cluster).SameSubnetThreshold = 20 is committed everywhere: node02 shows it and its failure detector uses it', async (t) => {
  const { runtime, run, on, stateOf } = await start();
  try {
    t.is((await on('node02', 'Get-Cluster')).SameSubnetThreshold, 10);
    t.is(succeeded(t, await run('(Get-Cluster).SameSubnetThreshold = 20')), null, 'an assignment prints nothing');
    t.is((await on('node02', 'Get-Cluster')).SameSubnetThreshold, 20);
    t.is(stateOf('node02').membership.config.settings.SameSubnetThreshold, 20);
    t.is(stateOf('node02').cluster.gum.copy.entries['Cluster/SameSubnetThreshold'], 20);
    // Back to the default: the value is no longer stored, as the registry keeps only what was set.
    succeeded(t, await run('(Get-Cluster).SameSubnetThreshold = 10'));
    t.false('Cluster/SameSubnetThreshold' in stateOf('node02').cluster.gum.copy.entries);
  } finally {
    await runtime.stop();
  }
});

test('group, resource and node properties set through node01 are read back from node02', async (t) => {
  const { runtime, run, on } = await start();
  try {
    succeeded(t, await run('(Get-ClusterGroup "File Server").AutoFailbackType = 1'));
    succeeded(t, await run('(Get-ClusterResource "Cluster Disk 1").RestartThreshold = 1'));
    succeeded(t, await run('(Get-ClusterNode node02).NodeWeight = 0'));
    t.like((await on('node02', 'Get-ClusterGroup', { Name: 'File Server' }))[0], { AutoFailbackType: 1, State: 'Online' });
    t.like((await on('node02', 'Get-ClusterResource', { Name: 'Cluster Disk 1' }))[0], { RestartThreshold: 1, RestartAction: 2 });
    t.like((await on('node02', 'Get-ClusterNode', { Name: 'node02' }))[0], { NodeWeight: 0 });
  } finally {
    await runtime.stop();
  }
});

test('an out-of-range value is refused naming the object, property and value, and the database is unchanged on both nodes', async (t) => {
  const { runtime, run, on, sequenceOf } = await start();
  try {
    const before = [sequenceOf('node01'), sequenceOf('node02')];
    const outcome = await run('(Get-Cluster).SameSubnetThreshold = 200');
    t.false(outcome.ok);
    t.is(
      outcome.ok ? '' : outcome.message,
      `Exception setting "SameSubnetThreshold": "Unable to save property changes for 'wsfc-cluster'. A parameter value is out of acceptable range." (wsfc-lab: SameSubnetThreshold must be an integer from 3 to 120, got 200)`,
    );
    const restart = await run('(Get-ClusterResource "Cluster Disk 1").RestartAction = 3');
    t.regex(restart.ok ? '' : restart.message, /'Cluster Disk 1'.*RestartAction must be an integer from 0 to 2, got 3/);
    const weight = await run('(Get-ClusterNode node02).NodeWeight = 2');
    t.regex(weight.ok ? '' : weight.message, /^Exception setting "NodeWeight": "Unable to save property changes for 'node02'\./);
    const readOnly = await run('(Get-Cluster).WitnessDynamicWeight = 0');
    t.is(readOnly.ok ? '' : readOnly.message, "'WitnessDynamicWeight' is a ReadOnly property.");
    await runtime.runUntil(() => false, runtime.nowMs() + 3000);
    t.deepEqual([sequenceOf('node01'), sequenceOf('node02')], before, 'nothing was proposed');
    t.is((await on('node02', 'Get-Cluster')).SameSubnetThreshold, 10);
  } finally {
    await runtime.stop();
  }
});

test('Set-ClusterQuorum -NoWitness: Get-ClusterQuorum shows NodeMajority on the other node, and the Witness disk joins Available Storage', async (t) => {
  const { runtime, run, on } = await start();
  try {
    t.like(succeeded(t, await run('Set-ClusterQuorum -NoWitness')), { Cluster: 'wsfc-cluster', QuorumResource: null, QuorumType: 'NodeMajority' });
    t.like(await on('node02', 'Get-ClusterQuorum'), { QuorumResource: null, QuorumType: 'NodeMajority' });
    t.like((await on('node02', 'Get-ClusterResource', { Name: 'Witness' }))[0], { OwnerGroup: 'Available Storage', IsCoreResource: false });
    await runtime.runUntil(() => false, runtime.nowMs() + 5000);
    t.like((await on('node02', 'Get-ClusterGroup', { Name: 'Available Storage' }))[0], { State: 'Online' });
    // And back: the disk is the witness again, in the Cluster Group.
    t.like(succeeded(t, await run('Set-ClusterQuorum -NodeAndDiskMajority Witness')), { QuorumResource: 'Witness', QuorumType: 'NodeAndDiskMajority' });
    t.like((await on('node02', 'Get-ClusterResource', { Name: 'Witness' }))[0], { OwnerGroup: 'Cluster Group', IsCoreResource: true });
  } finally {
    await runtime.stop();
  }
});

test('a disk in use by a role cannot be the witness: the real text, and the quorum configuration is unchanged', async (t) => {
  const { runtime, run, on, sequenceOf } = await start();
  try {
    const before = sequenceOf('node02');
    const outcome = await run('Set-ClusterQuorum -DiskWitness "Cluster Disk 1"');
    t.false(outcome.ok);
    t.is(
      outcome.ok ? '' : outcome.message,
      "Set-ClusterQuorum : The cluster could not make the specified resource a quorum resource because it is not capable of being a quorum resource. (wsfc-lab: 'Cluster Disk 1' is in use by the role 'File Server'; choose a disk in Available Storage)",
    );
    t.like(await on('node02', 'Get-ClusterQuorum'), { QuorumResource: 'Witness', QuorumType: 'NodeAndDiskMajority' });
    t.like((await on('node02', 'Get-ClusterResource', { Name: 'Cluster Disk 1' }))[0], { OwnerGroup: 'File Server' });
    t.is(sequenceOf('node02'), before);
  } finally {
    await runtime.stop();
  }
});

test('Get-ClusterLog -Destination writes node01_cluster.log from the node\'s own events, every line in the real format', async (t) => {
  const { runtime, run } = await start();
  try {
    succeeded(t, await run('(Get-Cluster).SameSubnetThreshold = 20'));
    const output = String(succeeded(t, await run('Get-ClusterLog -Node node01 -Destination C:\\Logs')));
    t.regex(output, /^ {4}Directory: C:\\Logs$/m);
    t.regex(output, /^-a---- +\d+\/\d+\/\d{4} +\d+:\d{2} [AP]M +[1-9]\d* node01_cluster\.log$/m);
    // The sim keeps each machine's durable store in its slot; the test reads node01's disk there.
    const slots = (runtime as unknown as { slots: Map<string, { store: { get(key: string): unknown } }> }).slots;
    const text = slots.get('node01')?.store.get('Windows/Cluster/Reports/node01_cluster.log');
    if (typeof text !== 'string') return t.fail('no cluster.log on node01');
    const lines = text.trimEnd().split('\n');
    t.true(lines.length > 5, `${lines.length} lines`);
    for (const line of lines) t.regex(line, clusterLog.clusterLogLinePattern);
    t.true(lines.some((line) => /INFO {2}\[\w+\] .*node02/.test(line)), 'node01 logged what it saw of node02');
    t.regex(output, new RegExp(` ${new TextEncoder().encode(text).byteLength} node01_cluster\\.log`));
  } finally {
    await runtime.stop();
  }
});
