// The node's iSCSI initiator and disk management with the real storage target, in the `sim`
// runtime on the default lab (seed 000's two nodes): persistent logins at start, a node outside
// the target's ACL refused, seed 000's disk steps on node01 and node02 seeing the same volume,
// recovery from a target restart, and a request that times out on a lost path.
import test from 'ava';
import type { HistoryEntry } from '@wsfc-lab/protocol';
import type { NodeActorState } from '@wsfc-lab/node-agent';
import { fileURLToPath } from 'node:url';
import { defaultLab, loadScenarioFile, type LabSpec } from '../config/mod.js';
import { ClusterView } from '../observe/cluster-view.js';
import { SimRuntime } from '../runtime/sim/sim-runtime.js';
import { runCmdlet, type CmdletOutcome } from '../scenario/run-cmdlet.js';
import { runScenario } from '../scenario/run.js';
import { createLab } from './start-lab.js';
import { buildLab, type BuiltLab } from './build-lab.js';

const targetIqn = 'iqn.1991-05.com.microsoft:host-wsfc-target';

/** The default lab plus node03, which is not in the target's access list. */
function labWithOutsider(): LabSpec {
  const lab = defaultLab();
  const node02 = lab.nodes[1]!;
  lab.nodes.push({ ...structuredClone(node02), name: 'node03', addresses: { Management: '172.16.1.20' } });
  return lab;
}

async function start(o: { lab?: LabSpec; seed?: number; tweak?: (built: BuiltLab) => void } = {}) {
  const lab = buildLab(o.lab ?? defaultLab());
  o.tweak?.(lab);
  const runtime = new SimRuntime({ actors: lab.actors, fabric: lab.fabric, seed: o.seed ?? 11 });
  const view = new ClusterView(lab.nodes);
  runtime.onEntry((e) => view.apply(e));
  await runtime.start();
  await runtime.runUntil(() => false, 2000);
  const run = (line: string) => runCmdlet(line, { lab, runtime, view });
  return { lab, runtime, run };
}

const sessionsOf = (history: readonly HistoryEntry[], node: string) =>
  history.filter((e) => e.source === 'host' && e.event.type === 'IscsiSessionEstablished' && e.event.node === node).length;

function output(outcome: CmdletOutcome): Record<string, unknown>[] {
  if (!outcome.ok) throw new Error(outcome.message);
  const value = outcome.output;
  return (Array.isArray(value) ? value : [value]) as Record<string, unknown>[];
}

test('at start every node in the ACL has logged in to the target, as seed 000 leaves them', async (t) => {
  const { runtime, run } = await start();
  try {
    t.is(sessionsOf(runtime.history(), 'node01'), 1);
    t.is(sessionsOf(runtime.history(), 'node02'), 1);
    t.like(output(await run('Get-IscsiSession'))[0], { TargetNodeAddress: targetIqn, IsConnected: true, IsPersistent: true });
    t.like(output(await run('Get-Disk -Number 1 -CimSession node02'))[0], { FriendlyName: 'MSFT Virtual HD', OperationalStatus: 'Offline', PartitionStyle: 'RAW' });
  } finally {
    await runtime.stop();
  }
});

test('a node outside the target ACL is refused with "Authorization Failure."', async (t) => {
  const { runtime, run } = await start({ lab: labWithOutsider() });
  try {
    t.is(sessionsOf(runtime.history(), 'node03'), 0);
    const outcome = await run(`Connect-IscsiTarget -NodeAddress ${targetIqn} -TargetPortalAddress 172.16.1.1 -CimSession node03`);
    t.false(outcome.ok);
    t.is(outcome.ok ? '' : outcome.message, 'Connect-IscsiTarget : Authorization Failure.');
    t.true(runtime.history().some((e) => e.event.type === 'IscsiLoginRefused' && e.event.node === 'node03'));
    t.deepEqual(output(await run('Get-IscsiSession -CimSession node03')), []);
  } finally {
    await runtime.stop();
  }
});

test("seed 000's disk steps on node01, and node02 sees the same formatted volume after taking the disk online", async (t) => {
  const { runtime, run } = await start();
  try {
    for (const line of [
      'Set-Disk -Number 1 -IsOffline $false',
      'Initialize-Disk -Number 1 -PartitionStyle GPT',
      'New-Partition -DiskNumber 1 -UseMaximumSize -DriveLetter E',
      'Format-Volume -DriveLetter E -FileSystem NTFS -NewFileSystemLabel "Cluster Disk 1"',
    ]) {
      const outcome = await run(line);
      t.true(outcome.ok, `${line}: ${outcome.ok ? '' : outcome.message}`);
    }
    const [mine] = output(await run('Get-Volume -DriveLetter E'));
    t.like(mine, { FileSystemLabel: 'Cluster Disk 1', FileSystemType: 'NTFS' });
    t.like(output(await run('Get-Disk -Number 1 -CimSession node02'))[0], { PartitionStyle: 'GPT', OperationalStatus: 'Offline' });
    t.true((await run('Set-Disk -Number 1 -IsOffline $false -CimSession node02')).ok);
    const [theirs] = output(await run('Get-Volume -DriveLetter E -CimSession node02'));
    t.like(theirs, { FileSystemLabel: 'Cluster Disk 1', FileSystemType: 'NTFS', Size: mine?.Size, UniqueId: mine?.UniqueId });
    const writers = runtime.history().flatMap((e) => (e.event.type === 'ScsiWrite' ? [e.event.node] : []));
    t.true(writers.length > 0 && writers.every((n) => n === 'node01'), 'only node01 wrote');
  } finally {
    await runtime.stop();
  }
});

test('when the target restarts, each node loses its session and logs in again, and its disks come back', async (t) => {
  const { runtime, run } = await start();
  try {
    const [before] = output(await run('Get-Disk -Number 1'));
    await runtime.restart('host');
    const back = await runtime.runUntil(() => sessionsOf(runtime.history(), 'node01') === 2 && sessionsOf(runtime.history(), 'node02') === 2, runtime.nowMs() + 30_000);
    t.true(back, 'both nodes logged in again');
    await runtime.runUntil(() => false, runtime.nowMs() + 1000); // the LUN scan after the login
    const state = runtime.inspect('node01') as NodeActorState;
    t.is(state.storage.counters.sessionsLost, 1);
    t.like(output(await run('Get-Disk -Number 1'))[0], { SerialNumber: before?.SerialNumber });
  } finally {
    await runtime.stop();
  }
});

test('on a lost storage path a request times out and fails cleanly: the cmdlet still answers, nothing is left in flight', async (t) => {
  const { lab, runtime, run } = await start({
    tweak: (built) => {
      const node01 = built.actors.find((a) => a.id === 'node01')!.config as { storage: { timing?: object } };
      node01.storage.timing = { scsiRequestTimeoutMs: 5000 };
    },
  });
  try {
    runtime.updateFabric((f) => f.setPath('node01', lab.storageTarget, false));
    const startedMs = runtime.nowMs();
    const outcome = await run('Get-Disk -Number 1');
    t.true(outcome.ok, 'answered from the layout read before');
    t.true(runtime.nowMs() - startedMs >= 5000, 'after the READ timed out');
    const state = runtime.inspect('node01') as NodeActorState;
    t.true(state.storage.counters.requestsTimedOut >= 1);
    // The cluster's own disk checks keep running (and time out) beside it; the cmdlet's READ is gone.
    t.false(Object.values(state.storage.pending).some((p) => p.purpose.type === 'Command' && p.purpose.tag.subsystem !== 'arbitration'), 'no cmdlet command left in flight');
    const storageOf = () => (runtime.inspect('node01') as NodeActorState).storage;
    t.true(await runtime.runUntil(() => storageOf().counters.sessionsLost === 1, runtime.nowMs() + 40_000), 'the unanswered NOP-Out ends the session');
    runtime.updateFabric((f) => f.setPath('node01', lab.storageTarget, true));
    t.true(await runtime.runUntil(() => storageOf().sessions[0]?.phase === 'LoggedIn' && sessionsOf(runtime.history(), 'node01') === 2, runtime.nowMs() + 30_000), 'logged in again with the path');
  } finally {
    await runtime.stop();
  }
});

test('the scenario test/scenarios/seed000-disk-format.yaml passes in sim', async (t) => {
  const file = fileURLToPath(new URL('../../../../test/scenarios/seed000-disk-format.yaml', import.meta.url));
  const loaded = loadScenarioFile(file);
  if (!loaded.ok) return t.fail(JSON.stringify(loaded.errors));
  const scenario = loaded.value;
  const lab = createLab(scenario.lab, { runtime: 'sim', seed: scenario.seed, timeScale: scenario.timeScale });
  await lab.runtime.start();
  try {
    const report = await runScenario({ scenario, file, lab: lab.built, runtime: lab.runtime, view: lab.view });
    t.true(report.ok, JSON.stringify(report.steps.filter((s) => !s.ok)));
    t.is(report.steps.length, scenario.steps.length);
  } finally {
    await lab.runtime.stop();
  }
});
