// The scenario runner with a fake cluster: the report's `state` read as `expect:` reads it, and
// background pipelines (whose later stages start only after the earlier ones answered) settled.
import test from 'ava';
import { parseCommandLine } from '../cmdlets/parse.js';
import { defaultLab, type ScenarioSpec, type Step } from '../config/mod.js';
import { clusterAnswers, fakeCluster, sampleDatabase, type Answer } from './_fake-cluster.js';
import { runScenario } from './run.js';

const at = { file: 'fake.yaml', line: 1 };

function runStep(text: string, background = false): Step {
  const parsed = parseCommandLine(text);
  if (!parsed.ok) throw new Error(parsed.error.message);
  return { kind: 'run', at, text, command: parsed.value, background };
}

function scenarioOf(steps: Step[]): ScenarioSpec {
  return { name: 'fake', file: 'fake.yaml', labSource: 'default', lab: defaultLab(), runtime: 'sim', seed: 1, timeScale: 0.01, steps };
}

async function run(steps: Step[], answer: Answer = clusterAnswers(sampleDatabase), upNodes?: string[]) {
  const ctx = fakeCluster(answer, upNodes);
  const report = await runScenario({ scenario: scenarioOf(steps), file: 'fake.yaml', ...ctx });
  return { report, runtime: ctx.runtime };
}

test('the report\'s state holds the objects Get-ClusterNode, Get-ClusterGroup, Get-ClusterResource and Get-Cluster answered', async (t) => {
  const { report } = await run([{ kind: 'expect', at, selector: { kind: 'group', name: 'File Server' }, properties: { State: { op: 'eq', value: 'Online' } }, withinMs: 1000 }]);
  t.true(report.ok, JSON.stringify(report.steps));
  const db = sampleDatabase();
  t.deepEqual(report.state.nodes, db.nodes);
  t.deepEqual(report.state.groups, db.groups);
  t.deepEqual(report.state.resources, db.resources);
  t.deepEqual(report.state.cluster, { ...db.cluster, QuorumResource: 'Witness', QuorumType: 'NodeAndDiskMajority' });
  t.deepEqual(report.state.disks, [], 'the fake storage target refuses Inspect');
  t.deepEqual(report.state.vms, [], 'the fake cluster answers Get-VM with no VM');
  t.deepEqual(report.state.migrations, []);
});

test('with no node up the state is empty', async (t) => {
  const { report, runtime } = await run([], clusterAnswers(sampleDatabase), []);
  t.deepEqual(report.state, { nodes: [], groups: [], resources: [], vms: [], disks: [], cluster: {}, migrations: [] });
  t.deepEqual(runtime.cmdlets(), ['Get-VM {}', 'Get-VM {}'], 'only Get-VM, which each running machine answers in or out of the cluster');
});

test('a background pipeline runs to its end after the last step, each stage once the one before answered', async (t) => {
  const ctx = fakeCluster(clusterAnswers(sampleDatabase));
  ctx.runtime.replyDelayMs = 300;
  const steps = [runStep('Get-ClusterGroup | Stop-ClusterGroup', true), { kind: 'wait' as const, at, ms: 100 }];
  const report = await runScenario({ scenario: scenarioOf(steps), file: 'fake.yaml', ...ctx });
  t.true(report.ok, JSON.stringify(report.steps));
  const stops = ctx.runtime.sent.filter((s) => s.command.type === 'Cmdlet' && s.command.name === 'Stop-ClusterGroup');
  t.deepEqual(stops.map((s) => [s.atMs, s.command.type === 'Cmdlet' ? s.command.parameters.Name : '']), [[300, 'Cluster Group'], [600, 'File Server']]);
});

test('a background pipeline whose later stage fails fails the run', async (t) => {
  const answer = clusterAnswers(sampleDatabase);
  const ctx = fakeCluster((actor, command, nowMs) =>
    command.type === 'Cmdlet' && command.name === 'Stop-ClusterGroup' ? { ok: false, error: { category: 'InvalidOperation', errorId: 'Locked', message: 'The group is locked.' } } : answer(actor, command, nowMs),
  );
  ctx.runtime.replyDelayMs = 50;
  const report = await runScenario({ scenario: scenarioOf([runStep('Get-ClusterGroup "File Server" | Stop-ClusterGroup', true)]), file: 'fake.yaml', ...ctx });
  t.false(report.ok);
  t.like(report.steps.at(-1), { kind: 'background', ok: false, line: 1 });
  t.regex(report.steps.at(-1)?.detail ?? '', /The group is locked\./);
});
