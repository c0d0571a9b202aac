// Reading a lab: YAML with positions, then the schema, then the cross-checks, then the defaults
// that depend on the rest of the lab. Each stage reports every issue it finds; a later stage
// runs only on what the earlier ones accepted, so one mistake does not echo as several.
import { readFileSync } from 'node:fs';
import { inSubnet } from '@wsfc-lab/node-agent';
import { checkLab } from './lab-check.js';
import { configVersionRange, labDefaults } from './lab-defaults.js';
import { labSchema, type LabFile } from './lab-schema.js';
import type { ClusterNetworkRole, ClusterSpec, LabSpec, NetworkSpec, VmSpec } from './lab-types.js';
import { sortIssues, type ConfigIssue, type ConfigResult } from './issues.js';
import { canonicalName, clusterProperties } from './properties.js';
import { validate } from './zod-issues.js';
import { YamlSource, type KeyPath } from './yaml-source.js';

/** The declared spelling of a name written with other casing (names compare without case). */
function canonical(typed: string, names: readonly string[]): string {
  return canonicalName(typed, names) ?? typed;
}

/** Facts §12: gateway → ClusterAndClient; the storage target's network (when there are others) →
 * None; any other network → ClusterOnly. An explicit role always wins. */
function defaultNetworkRole(lab: LabFile, network: LabFile['networks'][number]): ClusterNetworkRole {
  if (network.gateway !== undefined) return 'ClusterAndClient';
  if (lab.networks.length > 1 && inSubnet(lab.storageTarget.address, network.subnet)) return 'None';
  return 'ClusterOnly';
}

function normaliseNetworks(lab: LabFile): NetworkSpec[] {
  return lab.networks.map((network) => {
    const spec: NetworkSpec = {
      name: network.name,
      subnet: network.subnet,
      role: network.role ?? defaultNetworkRole(lab, network),
      bandwidthGbps: network.bandwidthGbps,
      latencyMs: network.latencyMs,
    };
    if (network.gateway !== undefined) spec.gateway = network.gateway;
    if (network.rdma === true) spec.rdma = true;
    return spec;
  });
}

function normaliseCluster(lab: LabFile): ClusterSpec | undefined {
  const cluster = lab.cluster;
  if (cluster === undefined) return undefined;
  const diskNames = lab.storageTarget.disks.map((d) => d.name);
  const settings: Record<string, number | string> = {};
  for (const [name, value] of Object.entries(cluster.settings)) settings[canonical(name, clusterProperties)] = value;
  const witness = cluster.witness.type === 'Disk' ? { type: 'Disk' as const, disk: canonical(cluster.witness.disk, diskNames) } : cluster.witness;
  return { name: cluster.name, address: cluster.address, witness, csv: cluster.csv.map((d) => canonical(d, diskNames)), settings };
}

function normaliseVms(lab: LabFile, networks: NetworkSpec[]): VmSpec[] {
  const nodeNames = lab.nodes.map((n) => n.name);
  const csv = lab.cluster?.csv ?? [];
  const clientNetwork = (networks.find((n) => n.role === 'ClusterAndClient') ?? networks[0])?.name ?? '';
  let roundRobin = 0;
  return lab.vms.map((vm) => {
    const preferredOwners = vm.preferredOwners.map((n) => canonical(n, nodeNames));
    const host = vm.host !== undefined ? canonical(vm.host, nodeNames) : (preferredOwners[0] ?? nodeNames[roundRobin++ % nodeNames.length] ?? '');
    const hostOs = lab.nodes.find((n) => n.name === host)?.osVersion ?? labDefaults.node.osVersion;
    const configVersion =
      vm.configVersion === undefined ? configVersionRange[hostOs].highest : typeof vm.configVersion === 'number' ? vm.configVersion.toFixed(1) : vm.configVersion;
    return {
      name: vm.name,
      memoryGiB: vm.memoryGiB,
      dirtyRateMBps: vm.dirtyRateMBps,
      workingSetGiB: vm.workingSetGiB ?? vm.memoryGiB,
      storage: vm.storage === undefined || vm.storage === 'local' ? 'local' : canonical(vm.storage, csv),
      preferredOwners,
      host,
      priority: vm.priority,
      adapters: (vm.adapters ?? [{ switch: clientNetwork, clusterMonitored: labDefaults.vm.clusterMonitored }]).map((a) => ({
        switch: canonical(a.switch, networks.map((n) => n.name)),
        clusterMonitored: a.clusterMonitored,
      })),
      processorCompatibility: vm.processorCompatibility,
      configVersion,
    };
  });
}

/** A schema-valid, cross-checked lab file with every default filled in. */
function normaliseLab(lab: LabFile): LabSpec {
  const nodeNames = lab.nodes.map((n) => n.name);
  const diskNames = lab.storageTarget.disks.map((d) => d.name);
  const networks = normaliseNetworks(lab);
  const spec: LabSpec = {
    domain: lab.domain,
    startTime: lab.startTime,
    networks,
    directory: { ...lab.directory },
    storageTarget: {
      name: lab.storageTarget.name,
      address: lab.storageTarget.address,
      allowedInitiators: lab.storageTarget.allowedInitiators.map((n) => canonical(n, nodeNames)),
      disks: lab.storageTarget.disks.map((d) => ({ ...d })),
    },
    nodes: lab.nodes.map((node) => ({ ...node, addresses: { ...node.addresses }, cpu: { ...node.cpu } })),
    roles: lab.roles.map((role) => {
      const out = { ...role, disk: canonical(role.disk, diskNames), preferredOwners: role.preferredOwners.map((n) => canonical(n, nodeNames)) };
      if (out.address === undefined) delete out.address;
      return out;
    }),
    vms: normaliseVms(lab, networks),
  };
  const cluster = normaliseCluster(lab);
  if (cluster !== undefined) spec.cluster = cluster;
  return spec;
}

/** Validates a lab found at `at` in `source` (the whole file, or a scenario's inline `lab:`). */
export function labFromSource(source: YamlSource, data: unknown, at: KeyPath): ConfigResult<LabSpec> {
  const parsed = validate(labSchema, data, source, at);
  if (!parsed.ok) return { ok: false, errors: sortIssues(parsed.errors) };
  const errors = checkLab(parsed.value, source, at);
  if (errors.length > 0) return { ok: false, errors: sortIssues(errors) };
  return { ok: true, value: normaliseLab(parsed.value) };
}

export function parseLabText(text: string, fileName: string): ConfigResult<LabSpec> {
  const { source, syntaxIssues } = YamlSource.parse(text, fileName);
  if (syntaxIssues.length > 0) return { ok: false, errors: syntaxIssues };
  return labFromSource(source, source.data(), []);
}

/** Reads a whole file as text, or gives the issue that says why it could not. */
export function readConfigFile(path: string): { ok: true; text: string } | { ok: false; issue: ConfigIssue } {
  try {
    return { ok: true, text: readFileSync(path, 'utf8') };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { ok: false, issue: { file: path, line: 0, key: '', value: path, message: `cannot read the file: ${reason}` } };
  }
}

export function loadLabFile(path: string): ConfigResult<LabSpec> {
  const read = readConfigFile(path);
  return read.ok ? parseLabText(read.text, path) : { ok: false, errors: [read.issue] };
}
