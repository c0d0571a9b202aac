// The `vm:` selector and the report's `state.vms`: Get-VM goes to every running node (a machine
// cmdlet, each host answering for its own VMs), against a fake runtime answering it.
import test from 'ava';
import { defaultLab, type Matcher, type ScenarioSpec } from '../config/mod.js';
import type { OutputObject } from '../cmdlets/properties.js';
import { clusterAnswers, fakeCluster, sampleDatabase, type Answer } from './_fake-cluster.js';
import { runExpect } from './expect.js';
import { observe } from './observe.js';
import { runScenario } from './run.js';
import { chooseVm } from './vm-reads.js';

const gib = 1024 ** 3;
const vm = (Name: string, ComputerName: string, State: string, extra: OutputObject = {}): OutputObject => ({
  Name,
  State,
  Status: 'Operating normally',
  ComputerName,
  MemoryAssigned: State === 'Off' ? 0 : 4 * gib,
  MemoryStartup: 4 * gib,
  Uptime: State === 'Off' ? 0 : 60_000,
  Version: '10.0',
  IsClustered: true,
  Path: `C:\\ClusterStorage\\Volume1\\${Name}`,
  ProcessorCount: 2,
  ...extra,
});

/** Get-VM answered by each node from `hosts()`; everything else by the sample cluster. */
function vmAnswers(hosts: (nowMs: number) => Record<string, OutputObject[]>): Answer {
  const cluster = clusterAnswers(sampleDatabase);
  return (actor, command, nowMs) => (command.type === 'Cmdlet' && command.name === 'Get-VM' ? { ok: true, output: hosts(nowMs)[actor] ?? [] } : cluster(actor, command, nowMs));
}

const twoHosts = () => ({
  node01: [vm('vm01', 'node01', 'Running'), vm('vm02', 'node01', 'Off')],
  node02: [vm('vm02', 'node02', 'Running'), vm('vm03', 'node02', 'Saved')],
});

const eq = (value: string | number): Matcher => ({ op: 'eq', value });

test('vm: asks Get-VM of every node and finds the VM by name without regard to case', async (t) => {
  const ctx = fakeCluster(vmAnswers(twoHosts));
  const seen = await observe({ kind: 'vm', name: 'VM01' }, { State: eq('Running'), ComputerName: eq('node01'), MemoryAssigned: { op: 'atLeast', n: 4 * gib } }, ctx);
  t.true(seen.ok, seen.detail);
  t.regex(seen.detail, /^vm "VM01" on node01 State = "Running", ComputerName = "node01", MemoryAssigned = 4294967296$/);
  t.deepEqual(ctx.runtime.sent.map((s) => s.actor), ['node01', 'node02']);
  t.deepEqual(ctx.runtime.cmdlets(), ['Get-VM {}', 'Get-VM {}']);
});

test('vm: listed on two hosts, the running copy is the one read; a property that does not hold says so', async (t) => {
  const ctx = fakeCluster(vmAnswers(twoHosts));
  const seen = await observe({ kind: 'vm', name: 'vm02' }, { ComputerName: eq('node02'), State: eq('Running') }, ctx);
  t.true(seen.ok, seen.detail);
  t.regex(seen.detail, /on node02 \(also listed on node01 \(Off\)\)/);
  const wrong = await observe({ kind: 'vm', name: 'vm03' }, { State: eq('Running') }, ctx);
  t.false(wrong.ok);
  t.is(wrong.detail, 'vm "vm03" on node02 State is "Saved", expected "Running"');
});

test('chooseVm: the active copy (not Off or Saved), else the first', (t) => {
  const off = vm('vm01', 'node01', 'Off');
  const saved = vm('vm01', 'node02', 'Saved');
  const paused = vm('vm01', 'node03', 'Paused');
  t.is(chooseVm([off, saved, paused]), paused);
  t.is(chooseVm([saved, off]), saved);
  t.is(chooseVm([]), undefined);
});

test('a VM found nowhere names itself and the nodes asked; a killed node is not asked, and said so', async (t) => {
  const ctx = fakeCluster(vmAnswers(twoHosts));
  await ctx.runtime.kill('node02');
  const seen = await observe({ kind: 'vm', name: 'vm02' }, { State: eq('Running') }, ctx);
  t.false(seen.ok);
  t.is(seen.detail, 'vm "vm02" on node01 State is "Off", expected "Running"', 'node01 still lists its Off copy');
  const missing = await observe({ kind: 'vm', name: 'vm09' }, { State: eq('Running') }, ctx);
  t.false(missing.ok);
  t.is(missing.detail, 'vm "vm09" was found on no node: Get-VM on node01 does not list it; not asked or no answer: node02 (not running)');
  t.deepEqual(ctx.runtime.sent.map((s) => s.actor), ['node01', 'node01']);
});

test('a node that refuses Get-VM or does not answer is named, and the others still answer', async (t) => {
  const answers = vmAnswers(twoHosts);
  const ctx = fakeCluster((actor, command, nowMs) => {
    if (actor === 'node01') return { ok: false, error: { category: 'NotInstalled', errorId: 'HyperVNotInstalled', message: 'Hyper-V is not installed.' } };
    return actor === 'node02' ? undefined : answers(actor, command, nowMs);
  });
  const missing = await observe({ kind: 'vm', name: 'vm01' }, { State: eq('Running') }, ctx);
  t.is(missing.detail, 'vm "vm01" was found on no node: no node answered Get-VM; not asked or no answer: node01 (Hyper-V is not installed.), node02 (no answer within 5000 ms)');
});

test('vm: within: polls Get-VM until the VM runs on the destination', async (t) => {
  const ctx = fakeCluster(vmAnswers((nowMs) => (nowMs < 1800 ? twoHosts() : { node01: [vm('vm01', 'node01', 'Off')], node02: [vm('vm01', 'node02', 'Running')] })));
  const outcome = await runExpect({ kind: 'expect', at: { file: 't.yaml', line: 1 }, selector: { kind: 'vm', name: 'vm01' }, properties: { ComputerName: eq('node02'), State: eq('Running') }, withinMs: 5000 }, ctx);
  t.true(outcome.ok, outcome.detail);
  t.is(outcome.atMs, 2000, 'the first poll after the move (every 500 ms)');
});

test('the report lists every VM of every running node as Get-VM gives it, and the migrations from the history', async (t) => {
  const ctx = fakeCluster(vmAnswers(twoHosts));
  ctx.runtime.emit('node01', { type: 'MigrationStarted', migrationId: 'm1', vm: 'vm01', source: 'node01', destination: 'node02', migrationType: 'Live' });
  const scenario: ScenarioSpec = { name: 'vms', file: 'fake.yaml', labSource: 'default', lab: defaultLab(), runtime: 'sim', seed: 1, timeScale: 0.01, steps: [] };
  const report = await runScenario({ scenario, file: 'fake.yaml', ...ctx });
  t.true(report.ok, JSON.stringify(report.violations));
  t.deepEqual(report.state.vms, [...twoHosts().node01, ...twoHosts().node02]);
  t.deepEqual(report.state.migrations.map((m) => [m.migrationId, m.outcome, m.startedAtMs]), [['m1', 'InFlight', 0]]);
});

test('a host that leaves ComputerName out is named by the node that answered', async (t) => {
  const ctx = fakeCluster(vmAnswers(() => ({ node02: [{ Name: 'vm05', State: 'Running' }] })));
  const seen = await observe({ kind: 'vm', name: 'vm05' }, { ComputerName: eq('node02') }, ctx);
  t.true(seen.ok, seen.detail);
});
