// Test-Cluster on real nodes, in the `sim` runtime: node01 runs the cmdlet, asks node02 for its
// facts over the fabric, pings across it, and runs the storage tests' PR commands on both nodes'
// initiators against the real iSCSI target. The lab is seed 000 at the moment it is validated: the
// default lab before New-Cluster (no cluster yet, so nothing holds the disks).
import test from 'ava';
import type { HistoryEntry, MemoryDurableStore } from '@wsfc-lab/protocol';
import { validation, type NodeActorState } from '@wsfc-lab/node-agent';
import { defaultLab, type LabSpec } from '../config/mod.js';
import { ClusterView } from '../observe/cluster-view.js';
import { SimRuntime } from '../runtime/sim/sim-runtime.js';
import { runCmdlet, type CmdletOutcome } from '../scenario/run-cmdlet.js';
import { buildLab } from './build-lab.js';

const testCluster = 'Invoke-Command -ComputerName node01 -ScriptBlock { Test-Cluster -Node node01,node02 }';

/** Seed 000 when it is validated: the default lab, before New-Cluster made the cluster. */
function seed000BeforeNewCluster(change?: (lab: LabSpec) => void): LabSpec {
  const lab = defaultLab();
  delete lab.cluster;
  lab.roles = [];
  change?.(lab);
  return lab;
}

async function start(lab: LabSpec, seed = 11) {
  const built = buildLab(lab);
  const runtime = new SimRuntime({ actors: built.actors, fabric: built.fabric, seed });
  const view = new ClusterView(built.nodes);
  runtime.onEntry((e) => view.apply(e));
  await runtime.start();
  await runtime.runUntil(() => false, 2000); // logins and LUN scans
  const run = (line: string) => runCmdlet(line, { lab: built, runtime, view });
  const node01 = () => runtime.inspect('node01') as NodeActorState;
  return { runtime, run, node01 };
}

/** The sim runtime keeps each machine's durable store in its slot; tests read it there. */
function storeOf(runtime: SimRuntime, actor: string): MemoryDurableStore {
  return (runtime as unknown as { slots: Map<string, { store: MemoryDurableStore }> }).slots.get(actor)!.store;
}

const text = (outcome: CmdletOutcome): string => {
  if (!outcome.ok) throw new Error(outcome.message);
  return outcome.output as string;
};

const lastReport = (state: NodeActorState) => validation.lastValidationOf(state.validation)!;
const resultOf = (state: NodeActorState, name: string) => lastReport(state).report.tests.find((t) => t.name === name);
const detailsOf = (state: NodeActorState, name: string) => (resultOf(state, name)?.details ?? []).flatMap((d) => (d.type === 'Text' ? [d.text] : []));
const eventsOf = <T extends string>(history: readonly HistoryEntry[], type: T) => history.filter((e) => e.event.type === type).map((e) => e.event as Extract<HistoryEntry['event'], { type: T }>);
const storageTests = ['Validate Disk Arbitration', 'Validate Disk Failover', 'Validate Multiple Arbitration', 'Validate SCSI-3 Persistent Reservation', 'Validate Simultaneous Failover'];

test("seed 000: Test-Cluster prints the real single-network warning and ClusterConditionallyApproved; the report's HTML is in node01's store and outlives a restart", async (t) => {
  const { runtime, run, node01 } = await start(seed000BeforeNewCluster());
  try {
    const output = text(await run(testCluster));
    const { report, reportPath } = lastReport(node01());
    t.is(reportPath, 'C:\\Windows\\Cluster\\Reports\\Validation Report 2024.02.07 At 10.15.02.htm');
    const lines = output.split('\n');
    t.deepEqual(lines.slice(0, 5), ['WARNING: Network - Validate Network Communication: The test reported some warnings..', 'WARNING:', 'Test Result:', 'HadUnselectedTests, ClusterConditionallyApproved', lines[4]!]);
    t.regex(lines[4]!, /^Testing has completed for the tests you selected\. You should review the warnings in the Report\./);
    t.is(lines[5], `Test report file path: ${reportPath}`);
    t.deepEqual(report.tests.filter((x) => x.result !== 'Success').map((x) => x.name), ['Validate Network Communication']);
    t.regex(detailsOf(node01(), 'Validate Network Communication').join('\n'), /Node node02 is reachable from Node node01 by only one pair of network interfaces \(network Management\)\. It is possible that this network path is a single point of failure/);
    t.deepEqual(report.nodes.map((n) => n.fullName), ['node01.wsfc.local', 'node02.wsfc.local']);

    const html = storeOf(runtime, 'node01').get(reportPath);
    t.true(typeof html === 'string' && html.startsWith('<!DOCTYPE html>') && html.includes('node02.wsfc.local'), 'the HTML report is stored under its path');
    const listed = lines.find((l) => l.startsWith('-a----'))!;
    t.regex(listed, new RegExp(` ${new TextEncoder().encode(html as string).byteLength} Validation Report 2024\\.02\\.07 At 10\\.15\\.02\\.htm$`), 'the listing shows the stored file length');
    t.like(eventsOf(runtime.history(), 'ValidationCompleted')[0], { node: 'node01', approval: 'ClusterConditionallyApproved', reportPath, failedTests: [] });

    // The report is a file on node01's disk: New-Cluster's gate input survives a restart.
    await runtime.restart('node01');
    await runtime.runUntil(() => false, runtime.nowMs() + 10);
    t.is(lastReport(node01()).reportPath, reportPath);
    t.is(lastReport(node01()).report.status.approval, 'ClusterConditionallyApproved');
  } finally {
    await runtime.stop();
  }
});

test('seed 000: the storage tests pass on both shared disks through both initiators, every test write is fenced, and no key is left behind', async (t) => {
  const { runtime, run, node01 } = await start(seed000BeforeNewCluster());
  try {
    text(await run(testCluster));
    for (const name of storageTests) t.is(resultOf(node01(), name)?.result, 'Success', name);
    t.true(detailsOf(node01(), 'Validate SCSI-3 Persistent Reservation').includes('Test Disk 0 (Cluster Disk 1): passed.'));
    t.deepEqual(lastReport(node01()).report.eligibleDisks?.map((d) => d.name), ['Cluster Disk 1', 'Witness']);

    const prOut = eventsOf(runtime.history(), 'PersistentReserveOut');
    t.deepEqual([...new Set(prOut.map((e) => e.node))].sort(), ['node01', 'node02'], 'both nodes issued PR commands on their own initiators');
    const writes = eventsOf(runtime.history(), 'ScsiWrite');
    t.true(writes.length > 0 && writes.every((w) => w.status === 'ReservationConflict'), 'a node that does not hold the disk is refused every write');
    for (const disk of ['Cluster Disk 1', 'Witness']) t.like(prOut.filter((e) => e.disk === disk).at(-1), { registeredKeys: 0, holder: null }, disk);

    const gate = validation.checkNewClusterValidation({ nodes: ['node01', 'node02'], validation: lastReport(node01()), force: false, noStorage: false });
    t.deepEqual(gate.ok ? gate.value.eligibleDisks?.map((d) => d.name) : gate.error.message, ['Cluster Disk 1', 'Witness']);
  } finally {
    await runtime.stop();
  }
});

test('a node outside the target ACL sees no shared disk: no disk is tested, the storage tests do not pass, and New-Cluster would get no disk', async (t) => {
  const { runtime, run, node01 } = await start(seed000BeforeNewCluster((lab) => (lab.storageTarget.allowedInitiators = ['node01'])));
  try {
    const output = text(await run(testCluster));
    t.regex(detailsOf(node01(), 'List Potential Cluster Disks').join('\n'), /Disk Cluster Disk 1 \(serial number [^)]+\) is visible from node01 but not from node02; it is not a potential cluster disk/);
    for (const name of storageTests) {
      t.not(resultOf(node01(), name)?.result, 'Success', name);
      t.regex(output, new RegExp(`WARNING: Storage - ${name.replace(/[-]/g, '\\-')}: The test reported some warnings\\.\\.`));
    }
    t.deepEqual(lastReport(node01()).report.eligibleDisks, []);
    t.is(eventsOf(runtime.history(), 'PersistentReserveOut').length, 0, 'nothing was reserved');
    const gate = validation.checkNewClusterValidation({ nodes: ['node01', 'node02'], validation: lastReport(node01()), force: false, noStorage: false });
    t.deepEqual(gate.ok ? gate.value.eligibleDisks : gate.error.message, []);
  } finally {
    await runtime.stop();
  }
});

test("a node whose worker is killed is reported with WMI's unreachable text after the facts timeout, and no report is written", async (t) => {
  const { runtime, run, node01 } = await start(seed000BeforeNewCluster());
  try {
    await runtime.kill('node02');
    const startedAtMs = runtime.nowMs();
    const outcome = await run(testCluster);
    t.false(outcome.ok);
    t.is(outcome.ok ? '' : outcome.message, 'Test-Cluster : Unable to connect to node02 via WMI.  This may be due to networking issues or firewall configuration on node02.\n    The RPC server is unavailable. (Exception from HRESULT: 0x800706BA)');
    t.true(runtime.nowMs() - startedAtMs >= validation.validationTiming.factsReplyTimeoutMs);
    t.like(eventsOf(runtime.history(), 'ValidationAborted')[0], { node: 'node01', unreachable: 'node02' });
    t.is(validation.lastValidationOf(node01().validation), undefined);
    t.is(node01().validation.run, null, 'node01 can run Test-Cluster again');
  } finally {
    await runtime.stop();
  }
});

test('a node killed during the storage tests: its steps time out once, the storage tests fail, and New-Cluster is refused on that report', async (t) => {
  const { runtime, node01 } = await start(seed000BeforeNewCluster());
  try {
    const reply = runtime.startCommand('node01', { type: 'Cmdlet', name: 'Test-Cluster', parameters: { Node: ['node01', 'node02'] } });
    t.true(await runtime.runUntil(() => eventsOf(runtime.history(), 'PersistentReserveOut').some((e) => e.node === 'node02'), runtime.nowMs() + 5000));
    await runtime.kill('node02');
    await runtime.runUntil(() => runtime.pendingCommands() === 0, runtime.nowMs() + 25_000);
    t.like(await reply, { ok: true });
    t.is(resultOf(node01(), 'Validate SCSI-3 Persistent Reservation')?.result, 'Failed');
    t.true(detailsOf(node01(), 'Validate SCSI-3 Persistent Reservation').some((d) => /failed: Timeout: node node02 did not answer/.test(d)));
    t.deepEqual(node01().validation.counters, { loopbackDropped: 0, completionsDropped: 0, completionsUnmatched: 0, messagesUnmatched: 0, jobsRefused: 0 });
    const gate = validation.checkNewClusterValidation({ nodes: ['node01', 'node02'], validation: lastReport(node01()), force: true, noStorage: false });
    t.regex(gate.ok ? '' : gate.error.message, /shows that the shared storage failed: .*Validate SCSI-3 Persistent Reservation/);
  } finally {
    await runtime.stop();
  }
});

test('-Include Network runs no storage command; -List prints the tests; an unknown server fails at once', async (t) => {
  const { runtime, run, node01 } = await start(seed000BeforeNewCluster());
  try {
    text(await run("Invoke-Command -ComputerName node01 -ScriptBlock { Test-Cluster -Node node01,node02 -Include Network -ReportName 'C:\\cluster-test' }"));
    t.deepEqual(lastReport(node01()).report.tests.map((x) => x.name), ['Validate Cluster Network Configuration', 'Validate IP Configuration', 'Validate Network Communication']);
    t.is(lastReport(node01()).reportPath, 'C:\\cluster-test.htm');
    t.is(eventsOf(runtime.history(), 'PersistentReserveOut').length, 0);
    t.regex(text(await run('Invoke-Command -ComputerName node01 -ScriptBlock { Test-Cluster -List }')).split('\n')[2]!, /^Cluster Configuration +List Cluster Core Groups/);
    const startedAtMs = runtime.nowMs();
    const unknown = await run('Invoke-Command -ComputerName node01 -ScriptBlock { Test-Cluster -Node node01,node09 }');
    t.regex(unknown.ok ? '' : unknown.message, /^Test-Cluster : Unable to connect to node09 via WMI\./);
    t.true(runtime.nowMs() - startedAtMs < 100);
  } finally {
    await runtime.stop();
  }
});
