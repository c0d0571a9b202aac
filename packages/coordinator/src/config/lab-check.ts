// Checks across a lab file that its schema cannot express: names are unique, every reference
// (a node's network, a witness disk, a VM's host) names something that exists, and addresses sit
// in their networks. Machine names compare without case, as Windows compares them.
import { checkHeartbeatSetting, heartbeatRanges, inSubnet, type HeartbeatSettings } from '@wsfc-lab/node-agent';
import { compareConfigVersions, configVersionRange } from './lab-defaults.js';
import type { LabFile } from './lab-schema.js';
import { listNames, unknownNameHint, type ConfigIssue } from './issues.js';
import { canonicalName, clusterProperties, clusterReadOnlyProperties } from './properties.js';
import type { KeyPath, YamlSource } from './yaml-source.js';

type Report = (path: KeyPath, message: string, options?: { atKey?: boolean }) => void;

const stringClusterProperties: readonly string[] = ['Description', 'PreferredSite', 'SharedVolumesRoot'];

function checkUnique(report: Report, listPath: KeyPath, names: readonly string[], what: string): void {
  const seen = new Map<string, number>();
  names.forEach((name, index) => {
    const first = seen.get(name.toLowerCase());
    if (first !== undefined) report([...listPath, index, 'name'], `duplicate ${what} name "${name}" (also ${formatIndex(listPath, first)})`);
    else seen.set(name.toLowerCase(), index);
  });
}

function formatIndex(listPath: KeyPath, index: number): string {
  return `${String(listPath[listPath.length - 1])}[${index}]`;
}

function hasName(names: readonly string[], name: string): boolean {
  return canonicalName(name, names) !== undefined;
}

function networkOf(lab: LabFile, address: string): string | undefined {
  return lab.networks.find((network) => inSubnet(address, network.subnet))?.name;
}

function checkReference(report: Report, path: KeyPath, typed: string, names: readonly string[], what: string): void {
  if (canonicalName(typed, names) === undefined) {
    report(path, `unknown ${what} "${typed}" (the lab has ${listNames(names)})`);
  }
}

function checkMachines(lab: LabFile, report: Report): void {
  const machines = [
    ...lab.nodes.map((node, index) => ({ name: node.name, path: ['nodes', index, 'name'] as KeyPath })),
    { name: lab.storageTarget.name, path: ['storageTarget', 'name'] as KeyPath },
    { name: lab.directory.name, path: ['directory', 'name'] as KeyPath },
  ];
  const seen = new Set<string>();
  for (const machine of machines) {
    const key = machine.name.toLowerCase();
    if (seen.has(key)) report(machine.path, `duplicate machine name "${machine.name}"`);
    seen.add(key);
  }
  for (const [key, address] of [['storageTarget', lab.storageTarget.address], ['directory', lab.directory.address]] as const) {
    if (networkOf(lab, address) === undefined) report([key, 'address'], `address "${address}" is on none of the lab's networks`);
  }
}

function checkNetworks(lab: LabFile, report: Report): void {
  checkUnique(report, ['networks'], lab.networks.map((n) => n.name), 'network');
  lab.networks.forEach((network, index) => {
    if (network.gateway !== undefined && !inSubnet(network.gateway, network.subnet)) {
      report(['networks', index, 'gateway'], `gateway "${network.gateway}" is not in subnet ${network.subnet}`);
    }
  });
}

function checkNodes(lab: LabFile, report: Report): void {
  const networkNames = lab.networks.map((n) => n.name);
  const owners = new Map<string, string>();
  lab.nodes.forEach((node, index) => {
    for (const [networkName, address] of Object.entries(node.addresses)) {
      const path: KeyPath = ['nodes', index, 'addresses', networkName];
      const network = lab.networks.find((n) => n.name === networkName);
      if (network === undefined) {
        report(path, `unknown network "${networkName}"${unknownNameHint(networkName, networkNames)}`, { atKey: true });
        continue;
      }
      if (!inSubnet(address, network.subnet)) report(path, `address "${address}" is not in subnet ${network.subnet} of network ${networkName}`);
      const owner = owners.get(address);
      if (owner !== undefined) report(path, `address "${address}" is already used by ${owner}`);
      owners.set(address, node.name);
    }
    for (const network of lab.networks) {
      if (!(network.name in node.addresses)) report(['nodes', index, 'addresses'], `node ${node.name} has no address on network "${network.name}" (every node has a NIC on every network)`);
    }
  });
}

function checkStorageTarget(lab: LabFile, report: Report): void {
  const nodeNames = lab.nodes.map((n) => n.name);
  lab.storageTarget.allowedInitiators.forEach((name, index) =>
    checkReference(report, ['storageTarget', 'allowedInitiators', index], name, nodeNames, 'node'),
  );
  checkUnique(report, ['storageTarget', 'disks'], lab.storageTarget.disks.map((d) => d.name), 'disk');
}

function checkSetting(report: Report, name: string, value: number | string): void {
  const path: KeyPath = ['cluster', 'settings', name];
  const canonical = canonicalName(name, clusterProperties);
  if (canonical === undefined) {
    const hint = unknownNameHint(name, clusterProperties) || ' (not a cluster common property: see Get-Cluster | Format-List *)';
    report(path, `unknown cluster property "${name}"${hint}`, { atKey: true });
    return;
  }
  if (clusterReadOnlyProperties.includes(canonical)) {
    report(path, `cluster property ${canonical} is read-only, got ${JSON.stringify(value)}`);
    return;
  }
  const wantsString = stringClusterProperties.includes(canonical);
  if (wantsString !== (typeof value === 'string')) {
    report(path, `cluster property ${canonical} takes ${wantsString ? 'a string' : 'a number'}, got ${JSON.stringify(value)}`);
    return;
  }
  if (typeof value === 'number' && canonical in heartbeatRanges) {
    const problem = checkHeartbeatSetting(canonical as keyof HeartbeatSettings, value);
    if (problem !== undefined) report(path, problem);
  } else if (typeof value === 'number' && (!Number.isInteger(value) || value < 0)) {
    report(path, `cluster property ${canonical} takes a whole number, got ${value}`);
  }
}

function checkCluster(lab: LabFile, report: Report): void {
  const cluster = lab.cluster;
  if (cluster === undefined) return;
  const diskNames = lab.storageTarget.disks.map((d) => d.name);
  if (networkOf(lab, cluster.address) === undefined) report(['cluster', 'address'], `address "${cluster.address}" is on none of the lab's networks`);
  cluster.csv.forEach((disk, index) => checkReference(report, ['cluster', 'csv', index], disk, diskNames, 'disk'));
  if (cluster.witness.type === 'Disk') {
    const disk = cluster.witness.disk;
    checkReference(report, ['cluster', 'witness', 'disk'], disk, diskNames, 'disk');
    if (hasName(cluster.csv, disk)) report(['cluster', 'witness', 'disk'], `disk "${disk}" is a Cluster Shared Volume and cannot be the disk witness`);
  }
  for (const [name, value] of Object.entries(cluster.settings)) checkSetting(report, name, value);
}

function checkRoles(lab: LabFile, report: Report): void {
  checkUnique(report, ['roles'], lab.roles.map((r) => r.name), 'role');
  const diskNames = lab.storageTarget.disks.map((d) => d.name);
  const nodeNames = lab.nodes.map((n) => n.name);
  const usedBy = new Map<string, string>();
  lab.roles.forEach((role, index) => {
    if (lab.cluster === undefined) report(['roles', index], `role "${role.name}" needs a cluster, and the lab has no cluster: key`);
    checkReference(report, ['roles', index, 'disk'], role.disk, diskNames, 'disk');
    if (hasName(lab.cluster?.csv ?? [], role.disk)) report(['roles', index, 'disk'], `disk "${role.disk}" is a Cluster Shared Volume; a role needs a disk of its own`);
    if (lab.cluster?.witness.type === 'Disk' && hasName([lab.cluster.witness.disk], role.disk)) report(['roles', index, 'disk'], `disk "${role.disk}" is the disk witness`);
    const other = usedBy.get(role.disk.toLowerCase());
    if (other !== undefined) report(['roles', index, 'disk'], `disk "${role.disk}" already belongs to role "${other}"`);
    usedBy.set(role.disk.toLowerCase(), role.name);
    role.preferredOwners.forEach((name, i) => checkReference(report, ['roles', index, 'preferredOwners', i], name, nodeNames, 'node'));
    if (role.address !== undefined && networkOf(lab, role.address) === undefined) report(['roles', index, 'address'], `address "${role.address}" is on none of the lab's networks`);
  });
}

function checkVm(lab: LabFile, report: Report, index: number): void {
  const vm = lab.vms[index];
  if (vm === undefined) return;
  const nodeNames = lab.nodes.map((n) => n.name);
  const csv = lab.cluster?.csv ?? [];
  if (vm.host !== undefined) checkReference(report, ['vms', index, 'host'], vm.host, nodeNames, 'node');
  vm.preferredOwners.forEach((name, i) => checkReference(report, ['vms', index, 'preferredOwners', i], name, nodeNames, 'node'));
  if (vm.storage !== undefined && vm.storage !== 'local' && !hasName(csv, vm.storage)) {
    report(['vms', index, 'storage'], `storage "${vm.storage}" is neither local nor a Cluster Shared Volume (the lab's CSVs: ${listNames(csv)})`);
  }
  (vm.adapters ?? []).forEach((adapter, i) => checkReference(report, ['vms', index, 'adapters', i, 'switch'], adapter.switch, lab.networks.map((n) => n.name), 'network'));
  if (vm.workingSetGiB !== undefined && vm.workingSetGiB > vm.memoryGiB) {
    report(['vms', index, 'workingSetGiB'], `working set ${vm.workingSetGiB} GiB is larger than the VM's memory (${vm.memoryGiB} GiB)`);
  }
  const host = lab.nodes.find((n) => n.name.toLowerCase() === (vm.host ?? '').toLowerCase());
  if (host !== undefined && vm.configVersion !== undefined) {
    const version = typeof vm.configVersion === 'number' ? vm.configVersion.toFixed(1) : vm.configVersion;
    const range = configVersionRange[host.osVersion];
    if (compareConfigVersions(version, range.lowest) < 0 || compareConfigVersions(version, range.highest) > 0) {
      report(['vms', index, 'configVersion'], `configuration version ${version} is not supported by ${host.name} (Windows Server ${host.osVersion}: ${range.lowest}–${range.highest})`);
    }
  }
}

function checkVms(lab: LabFile, report: Report): void {
  checkUnique(report, ['vms'], lab.vms.map((v) => v.name), 'VM');
  lab.vms.forEach((_, index) => checkVm(lab, report, index));
}

/** Every cross-reference problem of a schema-valid lab found at `at` in `source`. */
export function checkLab(lab: LabFile, source: YamlSource, at: KeyPath): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const report: Report = (path, message, options) => issues.push(source.issue([...at, ...path], message, options));
  checkNetworks(lab, report);
  checkMachines(lab, report);
  checkNodes(lab, report);
  checkStorageTarget(lab, report);
  checkCluster(lab, report);
  checkRoles(lab, report);
  checkVms(lab, report);
  return issues;
}
