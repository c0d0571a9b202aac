// runCheckers: the rules a scenario can check from its history alone, always; lost writes and
// liveness only with the chaos runner's inputs. csvDisksOf: the CSV disks a scenario makes.
import test from 'ava';
import type { LabEvent } from '@wsfc-lab/protocol';
import { parseScenarioText, type ScenarioSpec } from '../config/mod.js';
import { csvDisksOf, runCheckers } from './mod.js';
import { historyOf, scsiWrite } from './_test-history.js';

const bad: [number, string, LabEvent][] = [
  [100, 'host', scsiWrite({ node: 'node01', generation: 1 })],
  [200, 'host', scsiWrite({ node: 'node02', generation: 1 })],
  [50, 'node01', { type: 'VmStateChanged', vm: 'vm01', node: 'node01', State: 'Running', previous: 'Off', cause: 'Start' }],
  [60, 'node02', { type: 'VmStateChanged', vm: 'vm01', node: 'node02', State: 'Running', previous: 'Off', cause: 'Start' }],
  [10, 'node01', { type: 'RegroupViewInstalled', viewNumber: 1, coordinator: 'node01', members: ['node01'], added: [], removed: [] }],
  [11, 'node02', { type: 'RegroupViewInstalled', viewNumber: 1, coordinator: 'node02', members: ['node02'], added: [], removed: [] }],
];

test('runCheckers reports every history rule, in time order; the CSV option lifts the one-writer rule', (t) => {
  const history = historyOf(bad);
  t.deepEqual(runCheckers(history).map((v) => [v.rule, v.atMs]), [['view-membership-agreement', 11], ['vm-runs-on-one-node', 60], ['one-writer-per-generation', 200]]);
  t.deepEqual(runCheckers(history, { csvDisks: ['Cluster Disk 1'] }).map((v) => v.rule), ['view-membership-agreement', 'vm-runs-on-one-node']);
});

test('lost writes and liveness run only when their inputs are given', (t) => {
  const history = historyOf(bad.slice(0, 1));
  t.deepEqual(runCheckers(history), []);
  const rules = runCheckers(history, {
    writes: { acknowledged: [{ disk: 'Cluster Disk 1', lba: 2048, sequence: 3, node: 'node01', atMs: 101 }], finalReads: {} },
    liveness: { healAtMs: 1000, boundMs: 500, groups: [{ Name: 'vm01', OwnerNode: 'node01', State: 'Failed' }] },
  }).map((v) => v.rule);
  t.deepEqual(rules, ['no-acknowledged-write-lost', 'liveness-after-heal']);
});

function scenario(steps: string): ScenarioSpec {
  const parsed = parseScenarioText(`name: csv\nsteps:\n${steps}`, 'csv.yaml');
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return parsed.value;
}

test('csvDisksOf: the lab\'s cluster.csv and each Add-ClusterSharedVolume not expected to fail', (t) => {
  const spec = scenario(['  - run: Add-ClusterSharedVolume -Name "Cluster Disk 2"', '  - run: Add-ClusterSharedVolume -Name Witness', '    expectError: disk witness', '  - run: Get-ClusterResource "Cluster Disk 3" | Add-ClusterSharedVolume'].join('\n'));
  t.deepEqual(csvDisksOf(spec), ['Cluster Disk 2', 'Cluster Disk 3']);
  t.deepEqual(csvDisksOf({ ...spec, lab: { ...spec.lab, cluster: { ...spec.lab.cluster!, csv: ['Cluster Disk 1'] } } }), ['Cluster Disk 1', 'Cluster Disk 2', 'Cluster Disk 3']);
});
