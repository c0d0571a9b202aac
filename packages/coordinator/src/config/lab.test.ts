import { fileURLToPath } from 'node:url';
import test from 'ava';
import { stringify } from 'yaml';
import { defaultLab, defaultLabPath, labsDirectory } from './default-lab.js';
import { formatIssue, type ConfigResult } from './issues.js';
import { loadLabFile, parseLabText } from './lab.js';
import { machineNames, type LabSpec } from './lab-types.js';

const fixture = (name: string): string => fileURLToPath(new URL(`../../src/config/fixtures/${name}`, import.meta.url));

function valueOf(result: ConfigResult<LabSpec>): LabSpec {
  if (!result.ok) throw new Error(result.errors.map(formatIssue).join('\n'));
  return result.value;
}

function errorsOf(result: ConfigResult<LabSpec>): string[] {
  if (result.ok) throw new Error('expected the lab to be rejected');
  return result.errors.map(formatIssue);
}

/** A small valid lab; tests replace single lines of it to make it invalid. */
const goodLab = [
  'networks:', //                                                       1
  '  - { name: Management, subnet: 172.16.1.0/24, role: ClusterAndClient }', // 2
  '  - { name: Cluster, subnet: 10.0.1.0/24 }', //                       3
  'directory: { name: dc01, address: 172.16.1.1 }', //                    4
  'storageTarget:', //                                                  5
  '  name: host', //                                                    6
  '  address: 172.16.1.1', //                                           7
  '  allowedInitiators: [node01, node02]', //                           8
  '  disks: [{ name: Disk A, sizeGiB: 100 }, { name: Witness, sizeGiB: 1 }]', // 9
  'nodes:', //                                                          10
  '  - name: node01', //                                                11
  '    addresses: { Management: 172.16.1.5, Cluster: 10.0.1.5 }', //    12
  '  - name: node02', //                                                13
  '    addresses: { Management: 172.16.1.6, Cluster: 10.0.1.6 }', //    14
  'cluster:', //                                                        15
  '  name: wsfc-cluster', //                                            16
  '  address: 172.16.1.100', //                                         17
  '  witness: { type: Disk, disk: Witness }', //                        18
  '  csv: [Disk A]', //                                                 19
  'vms:', //                                                            20
  '  - { name: vm01, storage: Disk A }', //                             21
  '  - { name: vm02, memoryGiB: 8, preferredOwners: [node02] }', //     22
];

function withLine(lineNumber: number, text: string): string {
  return goodLab.map((line, index) => (index + 1 === lineNumber ? text : line)).join('\n');
}

test('the default lab is the seed 000 two-node cluster', (t) => {
  const lab = defaultLab();
  t.is(lab.domain, 'wsfc.local');
  t.deepEqual(lab.networks, [{ name: 'Management', subnet: '172.16.1.0/24', role: 'ClusterAndClient', bandwidthGbps: 1, latencyMs: 0.2 }]);
  t.deepEqual(lab.directory, { name: 'dc01', address: '172.16.1.1' });
  t.is(lab.storageTarget.name, 'host');
  t.is(lab.storageTarget.address, '172.16.1.1');
  t.deepEqual(lab.storageTarget.allowedInitiators, ['node01', 'node02']);
  t.deepEqual(lab.storageTarget.disks, [{ name: 'Cluster Disk 1', sizeGiB: 20 }, { name: 'Witness', sizeGiB: 1 }]);
  t.deepEqual(lab.nodes.map((n) => [n.name, n.addresses.Management]), [['node01', '172.16.1.5'], ['node02', '172.16.1.10']]);
  t.deepEqual(lab.cluster, { name: 'wsfc-cluster', address: '172.16.1.100', witness: { type: 'Disk', disk: 'Witness' }, csv: [], settings: {} });
  t.deepEqual(lab.roles, [{ name: 'File Server', type: 'FileServer', disk: 'Cluster Disk 1', preferredOwners: [], priority: 'Medium' }]);
  t.deepEqual(machineNames(lab), ['node01', 'node02', 'host', 'dc01']);
});

test('the embedded default lab is read from labs/default.yaml, and copies do not share state', (t) => {
  t.true(defaultLabPath.startsWith(labsDirectory));
  t.deepEqual(defaultLab(), valueOf(loadLabFile(defaultLabPath)));
  const copy = defaultLab();
  copy.nodes.pop();
  t.is(defaultLab().nodes.length, 2);
});

test('node defaults are the documented ones', (t) => {
  const node = defaultLab().nodes[1];
  t.deepEqual(node, { name: 'node02', addresses: { Management: '172.16.1.10' }, memoryGiB: 64, logicalProcessors: 16, cpu: { vendor: 'Intel', features: 3 }, osVersion: 2022 });
});

for (const [name, read] of [
  ['the default lab', () => valueOf(loadLabFile(defaultLabPath))],
  ['the spec example lab', () => valueOf(loadLabFile(fixture('spec-lab.yaml')))],
  ['the five-node CSV lab', () => valueOf(loadLabFile(`${labsDirectory}five-node-csv.yaml`))],
] as const) {
  test(`round trip: ${name} written back as YAML reads as the same lab`, (t) => {
    const lab = read();
    const again = valueOf(parseLabText(stringify(lab), 'round-trip.yaml'));
    t.deepEqual(again, lab);
  });
}

test('the spec example lab keeps its three networks and fills node02 with defaults', (t) => {
  const lab = valueOf(loadLabFile(fixture('spec-lab.yaml')));
  t.deepEqual(lab.networks.map((n) => [n.name, n.role, n.bandwidthGbps]), [
    ['Management', 'ClusterAndClient', 1],
    ['Cluster', 'ClusterOnly', 10],
    ['Storage', 'None', 10],
  ]);
  t.is(lab.nodes[1]?.memoryGiB, 64);
  t.is(lab.nodes[1]?.addresses.Storage, '10.0.2.10');
});

test('the five-node lab has ten VMs on its CSV, spread over the nodes', (t) => {
  const lab = valueOf(loadLabFile(`${labsDirectory}five-node-csv.yaml`));
  t.is(lab.nodes.length, 5);
  t.deepEqual(lab.cluster?.csv, ['Cluster Disk 1']);
  t.is(lab.vms.length, 10);
  t.true(lab.vms.every((vm) => vm.storage === 'Cluster Disk 1'));
  t.deepEqual([...new Set(lab.vms.map((vm) => vm.host))].sort(), ['node01', 'node02', 'node03', 'node04', 'node05']);
});

test('VM defaults: 1 GiB, Medium, no compatibility mode, a monitored adapter, the host OS highest version', (t) => {
  const lab = valueOf(parseLabText(goodLab.join('\n'), 'lab.yaml'));
  const [vm01, vm02] = lab.vms;
  t.deepEqual(vm01, {
    name: 'vm01',
    memoryGiB: 1,
    dirtyRateMBps: 16,
    workingSetGiB: 1,
    storage: 'Disk A',
    preferredOwners: [],
    host: 'node01',
    priority: 'Medium',
    adapters: [{ switch: 'Management', clusterMonitored: true }],
    processorCompatibility: 'None',
    configVersion: '10.0',
  });
  t.is(vm02?.host, 'node02', 'the first preferred owner hosts the VM');
  t.is(vm02?.storage, 'local');
  t.is(vm02?.workingSetGiB, 8);
});

test('network role defaults follow facts §12: gateway → ClusterAndClient, the storage network → None, else ClusterOnly', (t) => {
  const text = [
    'networks:',
    '  - { name: Public, subnet: 172.16.1.0/24, gateway: 172.16.1.254 }',
    '  - { name: Heartbeat, subnet: 10.0.1.0/24 }',
    '  - { name: iSCSI, subnet: 10.0.2.0/24 }',
    'directory: { name: dc01, address: 172.16.1.1 }',
    'storageTarget: { name: san, address: 10.0.2.1 }',
    'nodes:',
    '  - { name: hv01, addresses: { Public: 172.16.1.11, Heartbeat: 10.0.1.11, iSCSI: 10.0.2.11 } }',
  ].join('\n');
  const lab = valueOf(parseLabText(text, 'lab.yaml'));
  t.deepEqual(lab.networks.map((n) => [n.name, n.role]), [
    ['Public', 'ClusterAndClient'],
    ['Heartbeat', 'ClusterOnly'],
    ['iSCSI', 'None'],
  ]);
  t.is(lab.networks[0]?.gateway, '172.16.1.254');
  t.is(lab.cluster, undefined, 'a lab without cluster: has no cluster yet');
});

test('names written with other casing take the lab spelling; cluster settings take the property casing', (t) => {
  const text = withLine(8, '  allowedInitiators: [NODE01, Node02]') + '\n  - { name: vm03, host: NODE02 }\n';
  const withSettings = text.replace('  csv: [Disk A]', '  csv: [disk a]\n  settings: { samesubnetthreshold: 20, Description: lab }');
  const lab = valueOf(parseLabText(withSettings, 'lab.yaml'));
  t.deepEqual(lab.storageTarget.allowedInitiators, ['node01', 'node02']);
  t.deepEqual(lab.cluster?.csv, ['Disk A']);
  t.deepEqual(lab.cluster?.settings, { SameSubnetThreshold: 20, Description: 'lab' });
  t.is(lab.vms[2]?.host, 'node02');
});

test('an unknown key is reported at its own line, with a suggestion', (t) => {
  const errors = errorsOf(parseLabText(withLine(17, '  adress: 172.16.1.100'), 'lab.yaml'));
  t.true(errors.includes('lab.yaml:17: cluster.adress: unknown key "adress" (did you mean "address"?)'), errors.join('\n'));
  t.true(errors.includes('lab.yaml:15: cluster.address: is required'), errors.join('\n'));
});

test('a wrong type names the key, the line and the value', (t) => {
  const errors = errorsOf(parseLabText(withLine(9, '  disks: [{ name: Disk A, sizeGiB: big }, { name: Witness, sizeGiB: 1 }]'), 'lab.yaml'));
  t.deepEqual(errors, ['lab.yaml:9: storageTarget.disks[0].sizeGiB: expected a number, got "big"']);
});

test('a node address on an unknown network is reported at that key', (t) => {
  const errors = errorsOf(parseLabText(withLine(14, '    addresses: { Management: 172.16.1.6, Clustr: 10.0.1.6 }'), 'lab.yaml'));
  t.true(errors.includes('lab.yaml:14: nodes[1].addresses.Clustr: unknown network "Clustr" (did you mean "Cluster"?)'), errors.join('\n'));
  t.true(errors.includes('lab.yaml:14: nodes[1].addresses: node node02 has no address on network "Cluster" (every node has a NIC on every network)'), errors.join('\n'));
});

test('cross-references: witness disk, CSV, initiators, VM host and storage are checked', (t) => {
  let text = withLine(18, '  witness: { type: Disk, disk: Disk A }');
  text = text.replace('allowedInitiators: [node01, node02]', 'allowedInitiators: [node01, node09]');
  text = text.replace('{ name: vm01, storage: Disk A }', '{ name: vm01, storage: Disk B, host: node07 }');
  const errors = errorsOf(parseLabText(text, 'lab.yaml'));
  t.deepEqual(errors, [
    'lab.yaml:8: storageTarget.allowedInitiators[1]: unknown node "node09" (the lab has node01, node02)',
    'lab.yaml:18: cluster.witness.disk: disk "Disk A" is a Cluster Shared Volume and cannot be the disk witness',
    'lab.yaml:21: vms[0].host: unknown node "node07" (the lab has node01, node02)',
    'lab.yaml:21: vms[0].storage: storage "Disk B" is neither local nor a Cluster Shared Volume (the lab\'s CSVs: Disk A)',
  ]);
});

test('an address outside its network and a duplicate address are reported', (t) => {
  const errors = errorsOf(parseLabText(withLine(14, '    addresses: { Management: 172.16.1.5, Cluster: 10.0.2.6 }'), 'lab.yaml'));
  t.deepEqual(errors, [
    'lab.yaml:14: nodes[1].addresses.Management: address "172.16.1.5" is already used by node01',
    'lab.yaml:14: nodes[1].addresses.Cluster: address "10.0.2.6" is not in subnet 10.0.1.0/24 of network Cluster',
  ]);
});

test('cluster settings: unknown and read-only properties and out-of-range heartbeat values are errors', (t) => {
  const text = withLine(19, '  csv: [Disk A]\n  settings:\n    SameSubnetTreshold: 10\n    CrossSubnetThreshold: 200\n    Id: 5');
  const errors = errorsOf(parseLabText(text, 'lab.yaml'));
  t.deepEqual(errors, [
    'lab.yaml:21: cluster.settings.SameSubnetTreshold: unknown cluster property "SameSubnetTreshold" (did you mean "SameSubnetThreshold"?)',
    'lab.yaml:22: cluster.settings.CrossSubnetThreshold: CrossSubnetThreshold must be an integer from 3 to 120, got 200',
    'lab.yaml:23: cluster.settings.Id: cluster property Id is read-only, got 5',
  ]);
});

test('a VM configuration version the host OS does not support is an error', (t) => {
  const errors = errorsOf(parseLabText(withLine(22, '  - { name: vm02, host: node02, configVersion: 12.0 }'), 'lab.yaml'));
  t.deepEqual(errors, ['lab.yaml:22: vms[1].configVersion: configuration version 12.0 is not supported by node02 (Windows Server 2022: 8.0–10.0)']);
});

test('bad YAML syntax gives the file and the line', (t) => {
  const errors = errorsOf(parseLabText(withLine(12, '    addresses: { Management: 172.16.1.5, Cluster: 10.0.1.5'), 'lab.yaml'));
  t.true(errors.length >= 1);
  t.regex(errors[0] ?? '', /^lab\.yaml:1[2-3]: YAML syntax error: /);
});

test('a duplicate key is a syntax error at its line', (t) => {
  const errors = errorsOf(parseLabText(`${goodLab.join('\n')}\nnodes: []\n`, 'lab.yaml'));
  t.deepEqual(errors, ['lab.yaml:23: YAML syntax error: Map keys must be unique']);
});

test('a missing file is an issue naming the path', (t) => {
  const errors = errorsOf(loadLabFile('/nonexistent/lab.yaml'));
  t.is(errors.length, 1);
  t.regex(errors[0] ?? '', /^\/nonexistent\/lab\.yaml: cannot read the file: ENOENT/);
});
