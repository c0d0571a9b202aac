// The checker of "a VM runs on at most one node at a time", on histories of VmStateChanged events:
// a live migration's hand-over is fine, two hosts running the VM at once is a violation, and a
// killed host no longer runs anything. The scenario run reports what it finds.
import test from 'ava';
import type { HistoryEntry, LabEvent, VmState, VmStateCause } from '@wsfc-lab/protocol';
import { defaultLab, type ScenarioSpec } from '../config/mod.js';
import { clusterAnswers, fakeCluster, sampleDatabase } from '../scenario/_fake-cluster.js';
import { runScenario } from '../scenario/run.js';
import { checkVmRunsOnOneNode, vmSingleHostRule } from './vm-runs-on-one-node.js';

const vmState = (node: string, State: VmState, previous: VmState, cause: VmStateCause, vm = 'vm01'): LabEvent => ({ type: 'VmStateChanged', vm, node, State, previous, cause });

/** A history of `[atMs, event]`; each VmStateChanged is logged by its node, the rest by the lab. */
const historyOf = (items: [number, LabEvent][]): HistoryEntry[] =>
  items.map(([atMs, event], seq) => ({ atMs, seq, event, source: event.type === 'VmStateChanged' ? event.node : 'lab' }));

const liveMigration: [number, LabEvent][] = [
  [0, vmState('node01', 'Starting', 'Off', 'Start')],
  [500, vmState('node01', 'Running', 'Starting', 'Start')],
  [9000, vmState('node01', 'Paused', 'Running', 'Blackout')],
  [9100, vmState('node02', 'Running', 'Off', 'MigratedIn')],
  [9150, vmState('node01', 'Off', 'Paused', 'MigratedOut')],
];

test('a live migration: source Running, source Paused (Blackout), destination Running (MigratedIn), source Off (MigratedOut) is fine', (t) => {
  t.deepEqual(checkVmRunsOnOneNode(historyOf(liveMigration)), []);
});

test('the destination Running while the source still runs is a violation, with the VM, both nodes and the time', (t) => {
  const history = historyOf([
    [0, vmState('node01', 'Running', 'Off', 'Start')],
    [9100, vmState('node02', 'Running', 'Off', 'MigratedIn')],
    [9150, vmState('node01', 'Off', 'Running', 'MigratedOut')],
  ]);
  const violations = checkVmRunsOnOneNode(history);
  t.is(violations.length, 1);
  t.like(violations[0], { rule: vmSingleHostRule, atMs: 9100, evidence: { vm: 'vm01', nodes: ['node01', 'node02'], atMs: 9100 } });
  t.regex(violations[0]?.detail ?? '', /VM 'vm01' ran on 2 nodes at once at 9100 ms: Running on node01, Running on node02/);
});

test('every active State counts (Starting, Saving, …); Saved and Paused do not', (t) => {
  const starting = checkVmRunsOnOneNode(historyOf([[0, vmState('node01', 'Saving', 'Running', 'Save')], [10, vmState('node02', 'Starting', 'Off', 'ColdBoot')]]));
  t.is(starting.length, 1);
  const saved = checkVmRunsOnOneNode(historyOf([[0, vmState('node01', 'Saved', 'Saving', 'Save')], [10, vmState('node02', 'Running', 'Off', 'Restore')]]));
  t.deepEqual(saved, []);
});

test('a cold boot after the old host was killed is fine; without the kill it is a violation', (t) => {
  const boot: [number, LabEvent][] = [
    [20_000, vmState('node02', 'Starting', 'Off', 'ColdBoot')],
    [21_000, vmState('node02', 'Running', 'Starting', 'ColdBoot')],
  ];
  const running: [number, LabEvent] = [0, vmState('node01', 'Running', 'Off', 'Start')];
  t.deepEqual(checkVmRunsOnOneNode(historyOf([running, [15_000, { type: 'ActorKilled', actor: 'node01' }], ...boot])), []);
  t.deepEqual(checkVmRunsOnOneNode(historyOf([running, [15_000, { type: 'ActorCrashed', actor: 'node01', error: 'boom' }], ...boot])), []);
  t.deepEqual(checkVmRunsOnOneNode(historyOf([running, ...boot])).map((v) => v.atMs), [20_000]);
});

test('events are judged in simulated-time order, not the order they reached the history', (t) => {
  // threads: the destination's MigratedIn reached the coordinator before the source's Blackout.
  const [start, run, pause, migratedIn, off] = historyOf(liveMigration);
  const arrived = [start!, run!, { ...migratedIn!, seq: 2 }, { ...pause!, seq: 3 }, off!];
  t.deepEqual(checkVmRunsOnOneNode(arrived), []);
});

test('one overlap is one violation; a later one is another; VM names compare without case', (t) => {
  const history = historyOf([
    [0, vmState('node01', 'Running', 'Off', 'Start', 'vm01')],
    [100, vmState('node02', 'Running', 'Off', 'Start', 'VM01')],
    [200, vmState('node02', 'Stopping', 'Running', 'Shutdown', 'VM01')],
    [300, vmState('node02', 'Off', 'Stopping', 'Shutdown', 'VM01')],
    [400, vmState('node02', 'Starting', 'Off', 'Start', 'vm01')],
    [500, vmState('node01', 'Running', 'Off', 'Start', 'vm02')],
  ]);
  t.deepEqual(checkVmRunsOnOneNode(history).map((v) => v.atMs), [100, 400]);
});

test('the scenario run reports the violation and is not ok', async (t) => {
  const ctx = fakeCluster(clusterAnswers(sampleDatabase));
  ctx.runtime.emit('node01', vmState('node01', 'Running', 'Off', 'Start'));
  ctx.runtime.schedule(700, 'node02', vmState('node02', 'Running', 'Off', 'ColdBoot'));
  const scenario: ScenarioSpec = { name: 'two hosts', file: 'fake.yaml', labSource: 'default', lab: defaultLab(), runtime: 'sim', seed: 1, timeScale: 0.01, steps: [{ kind: 'wait', at: { file: 'fake.yaml', line: 1 }, ms: 1000 }] };
  const report = await runScenario({ scenario, file: 'fake.yaml', ...ctx });
  t.false(report.ok);
  t.true(report.steps.every((s) => s.ok));
  t.deepEqual(report.violations.map((v) => [v.rule, v.atMs, v.evidence?.nodes]), [[vmSingleHostRule, 700, ['node01', 'node02']]]);
  t.regex(report.replay ?? '', /--seed 1/);
});
