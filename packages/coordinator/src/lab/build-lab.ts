// Turns a lab file into the actors a runtime starts and the fabric's first rules. Every node gets
// a NIC on each network it has an address on; the directory and the storage target on the network
// whose subnet holds their address.
import { dnsLabelOf, heartbeatDefaults, inSubnet, parseSharePath, type CompressionFigures, type HeartbeatSettings, type NodeConfig } from '@wsfc-lab/node-agent';
import type { DirectoryConfig } from '@wsfc-lab/directory';
import { storageTargetConfigFromLab } from '@wsfc-lab/storage-target';
import type { LabSpec } from '../config/mod.js';
import type { FabricRules } from '../fabric/rules.js';
import type { ActorSpec } from '../runtime/runtime.js';
import { nodeDirectoryConfig } from './directory-config.js';
import { nodeStorageConfig } from './storage-config.js';
import { clusterBootstrap, vmRoleVm } from './cluster-config.js';
import { configVersionRange } from '../config/lab-defaults.js';

export interface BuiltLab {
  actors: ActorSpec[];
  fabric: FabricRules;
  nodes: string[];
  /** `storage` and `directory` as fault targets, and every machine by its own name. */
  machines: Map<string, string>;
  storageTarget: string;
  directory: string;
}

function networksHolding(lab: LabSpec, address: string): string[] {
  return lab.networks.filter((n) => inSubnet(address, n.subnet)).map((n) => n.name);
}

function heartbeatSettings(lab: LabSpec): HeartbeatSettings {
  const settings = { ...heartbeatDefaults };
  for (const key of Object.keys(heartbeatDefaults) as (keyof HeartbeatSettings)[]) {
    const value = lab.cluster?.settings?.[key];
    if (typeof value === 'number') settings[key] = value;
  }
  return settings;
}

/** The lab's `startTime` as the nodes' wall clock: the instant, and the offset it was written with. */
export function wallClockOf(lab: LabSpec): { labEpochMs: number; utcOffsetMinutes: number } {
  const offset = /([+-])(\d\d):(\d\d)$/.exec(lab.startTime);
  const utcOffsetMinutes = offset ? (offset[1] === '-' ? -1 : 1) * (Number(offset[2]) * 60 + Number(offset[3])) : 0;
  return { labEpochMs: Date.parse(lab.startTime), utcOffsetMinutes };
}

function nodeConfig(lab: LabSpec, index: number, compression?: CompressionFigures): NodeConfig {
  const node = lab.nodes[index]!;
  return {
    name: node.name,
    id: index + 1,
    ...(lab.cluster ? { clusterName: lab.cluster.name, cluster: clusterBootstrap(lab)! } : {}),
    // rdma: for the Hyper-V host's SMB Direct (node-agent hyperv/migration-networks-smb.ts).
    networks: lab.networks.map((n) => ({ name: n.name, subnet: n.subnet, role: n.role, bandwidthGbps: n.bandwidthGbps, ...(n.rdma === true ? { rdma: true } : {}) })),
    addresses: { ...node.addresses },
    peers: lab.nodes.flatMap((peer, j) => (j === index ? [] : [{ name: peer.name, id: j + 1, addresses: { ...peer.addresses } }])),
    settings: heartbeatSettings(lab),
    clock: wallClockOf(lab),
    directory: nodeDirectoryConfig(lab, node),
    storage: nodeStorageConfig(lab, index),
    // Every lab node is a Hyper-V host (a processor with SLAT), joined to the lab's domain; the lab file
    // has no installation option, and seed 000's servers have the Desktop Experience.
    inventory: {
      domain: lab.domain,
      osRelease: node.osVersion,
      installationOption: 'Server with Desktop Experience',
      processor: { manufacturer: node.cpu.vendor, logicalProcessors: node.logicalProcessors, slat: true },
      memoryBytes: Math.round(node.memoryGiB * 1024 ** 3),
      hyperVInstalled: true,
    },
    hyperv: {
      defaultVersion: configVersionRange[node.osVersion].highest,
      cpu: { vendor: node.cpu.vendor, featureLevel: node.cpu.features },
      ...(compression ? { compression } : {}),
      // The lab's VMs on local storage run on their host from the start; the clustered ones are the cluster's.
      vms: lab.vms.filter((vm) => vm.storage === 'local' && vm.host === node.name).map((vm) => ({ config: { ...vmRoleVm(lab, vm), clustered: false }, running: true })),
    },
  };
}

/** At start every node is joined and registered in DNS, as seed 000 leaves them. */
function directoryConfig(lab: LabSpec): DirectoryConfig {
  const holdsDirectory = (address: string) => lab.networks.some((n) => inSubnet(address, n.subnet) && inSubnet(lab.directory.address, n.subnet));
  return {
    name: lab.directory.name,
    address: lab.directory.address,
    domain: lab.domain,
    machines: lab.nodes.map((node) => ({
      name: node.name,
      address: Object.values(node.addresses).find(holdsDirectory) ?? Object.values(node.addresses)[0] ?? '0.0.0.0',
      joined: true,
    })),
    // A lab that starts with a cluster starts with the accounts New-Cluster and its roles made.
    ...(lab.cluster ? { clusterAccounts: [{ cno: dnsLabelOf(lab.cluster.name), vcos: lab.roles.map((r) => dnsLabelOf(r.name)) }] } : {}),
  };
}

/** A file share witness on the storage target's host (`\\host\witness`): the host serves that share. */
function witnessShares(lab: LabSpec): string[] {
  const witness = lab.cluster?.witness;
  if (witness?.type !== 'FileShare') return [];
  const share = parseSharePath(witness.path);
  return share && share.server.toLowerCase() === lab.storageTarget.name.toLowerCase() ? [share.share] : [];
}

/** `compression`: the lab's measurement of live-migration compression (absent: the nodes' default figures). */
export function buildLab(lab: LabSpec, compression?: CompressionFigures): BuiltLab {
  const nodes = lab.nodes.map((n) => n.name);
  const actors: ActorSpec[] = [
    { id: lab.directory.name, kind: 'directory', config: directoryConfig(lab) },
    { id: lab.storageTarget.name, kind: 'storage', config: storageTargetConfigFromLab(lab.storageTarget, 'wsfc', witnessShares(lab)) },
    ...lab.nodes.map((_, i): ActorSpec => ({ id: nodes[i]!, kind: 'node', config: nodeConfig(lab, i, compression) })),
  ];
  const attachments: Record<string, string[]> = {
    [lab.directory.name]: networksHolding(lab, lab.directory.address),
    [lab.storageTarget.name]: networksHolding(lab, lab.storageTarget.address),
  };
  for (const node of lab.nodes) attachments[node.name] = Object.keys(node.addresses);
  const fabric: FabricRules = {
    networks: lab.networks.map((n) => ({ name: n.name, role: n.role, bandwidthGbps: n.bandwidthGbps, latencyMs: n.latencyMs, lossPercent: 0 })),
    attachments,
    nicsDown: [],
    partitions: [],
    pathsDown: [],
    tcpEndpoints: [lab.storageTarget.name],
  };
  const machines = new Map<string, string>([
    ['storage', lab.storageTarget.name],
    ['directory', lab.directory.name],
    ...actors.map((a): [string, string] => [a.id, a.id]),
  ]);
  return { actors, fabric, nodes, machines, storageTarget: lab.storageTarget.name, directory: lab.directory.name };
}
