// A shrunk chaos run written out as a scenario: it must replay the run, so the run's background
// frame loss comes first (seed 36's replay did not reproduce without it), then each fault's start
// and end at their times, the heal, and an expect per role; and the file is a valid scenario.
import test from 'ava';
import { parse } from 'yaml';
import { parseScenarioText } from '../config/mod.js';
import { scenarioText } from './scenario-yaml.js';

const options = {
  name: 'chaos seed 36, shrunk',
  lab: 'default',
  seed: 36,
  schedule: [{ atMs: 1000, durationMs: 5000, fault: { kind: 'nodeKill' as const, node: 'node01' } }],
  faultsStartMs: 13_001,
  boundMs: 120_000,
  nodes: ['node01', 'node02'],
  networks: ['Management', 'Cluster'],
  roles: ['Cluster Group'],
};

test('the run\'s background loss is on every network before the first fault; none when the run had none', (t) => {
  const steps = (lossPercent: number) => (parse(scenarioText({ ...options, lossPercent })) as { steps: Record<string, unknown>[] }).steps;
  t.deepEqual(steps(5).slice(0, 5), [
    { wait: '13001ms' },
    { fault: { loss: { network: 'Management', percent: 5 } } },
    { fault: { loss: { network: 'Cluster', percent: 5 } } },
    { wait: '1000ms' },
    { fault: { kill: 'node01' } },
  ]);
  t.false(JSON.stringify(steps(0)).includes('loss'));
  t.deepEqual(steps(0).at(-1), { expect: { group: 'Cluster Group', State: 'Online', within: '120000ms' } });
});

test('the written file is a valid scenario', (t) => {
  // The default lab has one network, Management.
  const parsed = parseScenarioText(scenarioText({ ...options, networks: ['Management'], lossPercent: 5 }), 'chaos-seed-36.yaml');
  t.true(parsed.ok, parsed.ok ? '' : JSON.stringify(parsed.errors));
});
