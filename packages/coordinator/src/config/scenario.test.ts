import { fileURLToPath } from 'node:url';
import test from 'ava';
import { defaultLab } from './default-lab.js';
import { formatIssue, type ConfigResult } from './issues.js';
import { loadScenarioFile, parseScenarioText } from './scenario.js';
import type { ScenarioSpec, Step } from './scenario-types.js';

const fixture = (name: string): string => fileURLToPath(new URL(`../../src/config/fixtures/${name}`, import.meta.url));

function valueOf(result: ConfigResult<ScenarioSpec>): ScenarioSpec {
  if (!result.ok) throw new Error(result.errors.map(formatIssue).join('\n'));
  return result.value;
}

function errorsOf(result: ConfigResult<ScenarioSpec>): string[] {
  if (result.ok) throw new Error('expected the scenario to be rejected');
  return result.errors.map(formatIssue);
}

/** A scenario of a few lines on the default lab; `steps` are the lines after `steps:` (line 3 on). */
function scenario(...steps: string[]): string {
  return ['name: test', 'lab: default', 'steps:', ...steps].join('\n');
}

function withoutCommands(steps: Step[]): unknown[] {
  return steps.map((step) => (step.kind === 'run' ? { ...step, command: step.command.name } : step));
}

test('the spec example scenario reads as its steps, with lines and durations in ms', (t) => {
  const path = fixture('spec-scenario.yaml');
  const spec = valueOf(loadScenarioFile(path));
  t.is(spec.name, 'Node failure moves the disk, and it does not come back');
  t.is(spec.labSource, 'default');
  t.deepEqual(spec.lab, defaultLab());
  t.is(spec.runtime, 'threads');
  t.is(spec.seed, 42);
  t.is(spec.timeScale, 0.01);
  const at = (line: number) => ({ file: path, line });
  const cluster_disk = { kind: 'resource', name: 'Cluster Disk 1' } as const;
  t.deepEqual(withoutCommands(spec.steps), [
    { kind: 'expect', at: at(7), selector: cluster_disk, properties: { OwnerNode: { op: 'eq', value: 'node01' }, State: { op: 'eq', value: 'Online' } }, withinMs: 30_000 },
    { kind: 'fault', at: at(8), fault: { kind: 'kill', target: 'node01' } },
    { kind: 'expect', at: at(9), selector: { kind: 'node', name: 'node01' }, properties: { State: { op: 'eq', value: 'Down' } }, withinMs: 15_000 },
    { kind: 'expect', at: at(10), selector: cluster_disk, properties: { OwnerNode: { op: 'eq', value: 'node02' }, State: { op: 'eq', value: 'Online' } }, withinMs: 20_000 },
    { kind: 'fault', at: at(11), fault: { kind: 'restart', target: 'node01' } },
    { kind: 'expect', at: at(12), selector: { kind: 'node', name: 'node01' }, properties: { State: { op: 'eq', value: 'Up' } }, withinMs: 60_000 },
    { kind: 'wait', at: at(13), ms: 30_000 },
    { kind: 'expect', at: at(14), selector: cluster_disk, properties: { OwnerNode: { op: 'eq', value: 'node02' } } },
    { kind: 'run', at: at(15), text: 'Suspend-ClusterNode -Name node02 -Drain', command: 'Suspend-ClusterNode', background: false },
    { kind: 'run', at: at(16), text: 'Move-ClusterVirtualMachineRole -Name vm01 -Node node09', command: 'Move-ClusterVirtualMachineRole', background: false, expectError: 'node09' },
  ]);
  const suspend = spec.steps[8];
  t.deepEqual(suspend?.kind === 'run' ? [suspend.command.parameters, suspend.command.switches] : undefined, [{ Name: 'node02' }, { Drain: true }]);
});

test('defaults: runtime threads, seed 1, timeScale 0.01, the default lab', (t) => {
  const spec = valueOf(parseScenarioText('name: minimal\nsteps: []\n', 'minimal.yaml'));
  t.deepEqual([spec.runtime, spec.seed, spec.timeScale, spec.labSource, spec.steps], ['threads', 1, 0.01, 'default', []]);
  t.deepEqual(spec.lab, defaultLab());
});

test('a lab file beside the scenario; every fault kind and matcher form', (t) => {
  const path = fixture('lab-by-path.yaml');
  const spec = valueOf(loadScenarioFile(path));
  t.is(spec.labSource, fixture('spec-lab.yaml'));
  t.is(spec.runtime, 'sim');
  t.deepEqual(spec.lab.networks.map((n) => n.name), ['Management', 'Cluster', 'Storage']);
  t.deepEqual(
    spec.steps.filter((s) => s.kind === 'fault').map((s) => s.fault),
    [
      { kind: 'nicDown', node: 'node01', network: 'Storage' },
      { kind: 'storagePathDown', node: 'node02' },
      { kind: 'partition', groups: [['node01'], ['node02', 'host']], network: 'Cluster' },
      { kind: 'loss', network: 'Management', percent: 5 },
      { kind: 'pause', target: 'dc01', forMs: 10_000 },
      { kind: 'heal' },
      { kind: 'nicUp', node: 'node01', network: 'Storage' },
      { kind: 'storagePathUp', node: 'node02' },
    ],
  );
  const expects = spec.steps.filter((s) => s.kind === 'expect');
  t.deepEqual(expects.map((s) => [s.selector, s.properties, s.withinMs, s.duringMs]), [
    [{ kind: 'cluster' }, { SameSubnetThreshold: { op: 'atLeast', n: 10 }, QuorumType: { op: 'in', values: ['NodeAndDiskMajority', 'Majority'] } }, undefined, undefined],
    [{ kind: 'disk', name: 'Witness' }, { ReservationHolder: { op: 'not', value: 'node01' }, RegisteredKeys: { op: 'atMost', n: 2 } }, undefined, undefined],
    [{ kind: 'event', match: { Id: { op: 'eq', value: 1135 }, Node: { op: 'eq', value: 'node02' } } }, {}, 60_000, undefined],
    [{ kind: 'migrations', node: 'node01' }, { InFlight: { op: 'eq', value: 0 } }, undefined, 5000],
  ]);
  const run = spec.steps.at(-1);
  t.deepEqual(run?.kind === 'run' ? [run.background, run.command.name, run.command.computerName, run.command.pipeline.map((s) => s.name)] : undefined, [
    true,
    'Get-Disk',
    'node02',
    ['Format-Table'],
  ]);
});

test('an inline lab is checked, and its errors carry the lab. key path', (t) => {
  const text = [
    'name: inline', //                                              1
    'lab:', //                                                      2
    '  networks: [{ name: Management, subnet: 172.16.1.0/24 }]', // 3
    '  directory: { name: dc01, address: 172.16.1.1 }', //          4
    '  storageTarget: { name: host, address: 172.16.1.1 }', //      5
    '  nodes:', //                                                  6
    '    - { name: node01, addresses: { Management: 172.16.1.5 }, memoryGB: 64 }', // 7
    'steps: []', //                                                 8
  ].join('\n');
  t.deepEqual(errorsOf(parseScenarioText(text, 's.yaml')), ['s.yaml:7: lab.nodes[0].memoryGB: unknown key "memoryGB" (did you mean "memoryGiB"?)']);
  const fixed = valueOf(parseScenarioText(text.replace(', memoryGB: 64', ''), 's.yaml'));
  t.is(fixed.labSource, 'inline');
  t.deepEqual(fixed.lab.nodes.map((n) => n.name), ['node01']);
});

test('names compare without case and take the lab spelling; storage and directory stand for their machines', (t) => {
  const spec = valueOf(parseScenarioText(scenario('  - fault: { kill: NODE01 }', '  - fault: { restart: Storage }', '  - expect: { resource: x, ownernode: Node02 }'), 's.yaml'));
  t.deepEqual(withoutCommands(spec.steps).map((s) => (s as { fault?: unknown }).fault ?? (s as { properties?: unknown }).properties), [
    { kind: 'kill', target: 'node01' },
    { kind: 'restart', target: 'host' },
    { OwnerNode: { op: 'eq', value: 'node02' } },
  ]);
});

// Each kind of bad input, with the exact line.

test('unknown key in an expect: the key, its line and a suggestion', (t) => {
  const errors = errorsOf(parseScenarioText(scenario('  - wait: 1s', '  - expect: { node: node01, State: Up, witihn: 30s }'), 's.yaml'));
  t.deepEqual(errors, ['s.yaml:5: steps[1].expect.witihn: unknown property "witihn" for node (did you mean "within"?)']);
});

test('unknown top-level key', (t) => {
  const errors = errorsOf(parseScenarioText(['name: x', 'sead: 4', 'steps: []'].join('\n'), 's.yaml'));
  t.deepEqual(errors, ['s.yaml:2: sead: unknown key "sead" (did you mean "seed"?)']);
});

test('bad duration', (t) => {
  const errors = errorsOf(parseScenarioText(scenario('  - wait: 30', '  - fault: { pause: node01, for: 10 seconds }'), 's.yaml'));
  t.deepEqual(errors, [
    's.yaml:4: steps[0].wait: is not a duration (e.g. 500ms, 15s, 2m, 1h), got 30',
    's.yaml:5: steps[1].fault.for: is not a duration (e.g. 500ms, 15s, 2m, 1h), got "10 seconds"',
  ]);
});

test('unknown node in a fault names the lab machines', (t) => {
  const errors = errorsOf(parseScenarioText(scenario('  - wait: 1s', '  - wait: 1s', '  - wait: 1s', '  - fault: { kill: node09 }'), 'scenario.yaml'));
  t.deepEqual(errors, ['scenario.yaml:7: steps[3].fault.kill: unknown machine "node09" (the lab has node01, node02, host, dc01)']);
});

test('unknown node in a selector and in a storage path fault', (t) => {
  const errors = errorsOf(parseScenarioText(scenario('  - expect: { node: node3, State: Up }', '  - fault: { storagePathDown: host }'), 's.yaml'));
  t.deepEqual(errors, [
    's.yaml:4: steps[0].expect.node: unknown node "node3" (the lab\'s nodes are node01, node02)',
    's.yaml:5: steps[1].fault.storagePathDown: unknown node "host" (the lab\'s nodes are node01, node02)',
  ]);
});

test('unknown network', (t) => {
  const errors = errorsOf(parseScenarioText(scenario('  - fault: { loss: { network: Storage, percent: 10 } }', '  - fault:', '      nicDown: { node: node01, network: Cluster }'), 's.yaml'));
  t.deepEqual(errors, [
    's.yaml:4: steps[0].fault.loss.network: unknown network "Storage" (the lab has Management)',
    's.yaml:6: steps[1].fault.nicDown.network: unknown network "Cluster" (the lab has Management)',
  ]);
});

test('unknown cmdlet: PowerShell\'s own message, at the run line', (t) => {
  const errors = errorsOf(parseScenarioText(scenario('  - run: Get-ClusterNode', '  - run: Get-Foo -Name x'), 's.yaml'));
  t.deepEqual(errors, [
    "s.yaml:5: steps[1].run: The term 'Get-Foo' is not recognized as the name of a cmdlet, function, script file, or operable program. Check the spelling of the name, or if a path was included, verify that the path is correct and try again. (at column 1)",
  ]);
});

test('a cmdlet line syntax error', (t) => {
  const errors = errorsOf(parseScenarioText(scenario("  - run: Get-ClusterNode -Name 'node01"), 's.yaml'));
  t.deepEqual(errors, ["s.yaml:4: steps[0].run: The string is missing the terminator: '. (at column 23)"]);
});

test('bad YAML syntax', (t) => {
  const errors = errorsOf(parseScenarioText(scenario('  - wait: 1s', '  - fault: { kill: node01', '  - wait: 2s'), 's.yaml'));
  t.true(errors.length >= 1);
  t.regex(errors[0] ?? '', /^s\.yaml:[56]: YAML syntax error: /);
});

test('wrong type', (t) => {
  const errors = errorsOf(parseScenarioText(['name: x', 'seed: forty-two', 'timeScale: 0', 'steps:', '  - run: Get-Cluster', '    background: yes'].join('\n'), 's.yaml'));
  t.deepEqual(errors, [
    's.yaml:2: seed: expected a number, got "forty-two"',
    's.yaml:3: timeScale: must be greater than 0, got 0',
    's.yaml:6: steps[0].background: expected a boolean, got "yes"',
  ]);
});

test('expectError and background only on run steps', (t) => {
  const errors = errorsOf(parseScenarioText(scenario('  - fault: { kill: node01 }', '    expectError: refused', '  - wait: 5s', '    background: true'), 's.yaml'));
  t.deepEqual(errors, [
    's.yaml:5: steps[0].expectError: expectError is only allowed on run: steps, not on a fault: step',
    's.yaml:7: steps[1].background: background is only allowed on run: steps, not on a wait: step',
  ]);
});

test('within and during are not both allowed', (t) => {
  const errors = errorsOf(parseScenarioText(scenario('  - expect: { node: node01, State: Up, within: 10s, during: 10s }'), 's.yaml'));
  t.deepEqual(errors, ['s.yaml:4: steps[0].expect.during: within and during cannot both be given: within waits for the properties to hold, during requires them to hold throughout']);
});

test('a step needs exactly one kind, an expect exactly one selector', (t) => {
  const errors = errorsOf(
    parseScenarioText(scenario('  - wiat: 5s', '  - run: Get-Cluster', '    wait: 5s', '  - expect: { State: Up }', '  - expect: { node: node01, vm: vm01 }'), 's.yaml'),
  );
  t.deepEqual(errors, [
    's.yaml:4: steps[0].wiat: unknown step kind "wiat" (did you mean "wait"?)',
    's.yaml:6: steps[1].wait: a step has one kind, got run and wait',
    's.yaml:7: steps[2].expect: an expect needs one selector: node, group, resource, network, vm, disk, cluster, event, migrations',
    's.yaml:8: steps[3].expect.vm: an expect has one selector, got node and vm',
  ]);
});

test('a bad matcher and an unknown property of the selected object', (t) => {
  const errors = errorsOf(parseScenarioText(scenario('  - expect: { resource: x, State: { atleast: 3 } }', '  - expect: { node: node01, OwnerNode: node02 }'), 's.yaml'));
  t.deepEqual(errors, [
    's.yaml:4: steps[0].expect.State: expected a value, or { in: [..] }, { not: x }, { atLeast: n } or { atMost: n }, got a map {"atleast":3}',
    's.yaml:5: steps[1].expect.OwnerNode: unknown property "OwnerNode" for node (not a property of node objects)',
  ]);
});

test('all errors of a file are collected, in line order', (t) => {
  const errors = errorsOf(parseScenarioText(scenario('  - fault: { kill: node09 }', '  - wait: soon', '  - run: Get-Foo', '  - expect: { node: node01, Stat: Up }'), 's.yaml'));
  t.deepEqual(
    errors.map((e) => e.split(':').slice(0, 3).join(':')),
    ['s.yaml:4: steps[0].fault.kill', 's.yaml:5: steps[1].wait', 's.yaml:6: steps[2].run', 's.yaml:7: steps[3].expect.Stat'],
  );
});

test('an unreadable lab file is reported at the lab: key', (t) => {
  const errors = errorsOf(parseScenarioText(['name: x', 'lab: missing-lab.yaml', 'steps: []'].join('\n'), '/nowhere/s.yaml'));
  t.is(errors.length, 1);
  t.regex(errors[0] ?? '', /^\/nowhere\/s\.yaml:2: lab: cannot read lab file "missing-lab\.yaml" \(\/nowhere\/missing-lab\.yaml\): ENOENT/);
});
