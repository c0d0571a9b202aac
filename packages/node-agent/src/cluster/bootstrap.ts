// The cluster database a cluster starts with: what New-Cluster writes (and what a lab file's
// `cluster:` describes as already done). Every node builds the same first copy from the same
// input, so a lab that starts with a cluster starts with identical copies everywhere.
import { assert } from '@wsfc-lab/protocol';
import { emptyCopy, type DatabaseCopy, type DbChange, type DbValue } from '../gum/mod.js';
import { sequenceUpdate } from '../gum/database.js';
import { witnessResourceNames, cloudWitnessEndpointDefault, type Witness } from '../quorum/mod.js';
import { addFileServerRole, addVirtualMachineRole, type VmRoleVm, clusterGroupName, newClusterObjects, type ClusterObjects, type Result, type StaticAddress } from '../resources/mod.js';
import { commonPropertyDefaults, encodeIdentity, type ClusterIdentity, type CommonProperties } from './identity.js';
import { encodeObjects } from './schema.js';
import { witnessResource } from './cmdlets-quorum.js';
import { addSharedVolumes } from '../csv/add.js';
import { vmResourceName } from '../resources/mod.js';
import { withAdapterParameter } from './protected-network-adapters.js';

export type WitnessChoice = { type: 'None' } | { type: 'Disk'; disk: string } | { type: 'FileShare'; path: string } | { type: 'Cloud'; accountName: string };

export interface RoleBootstrap {
  name: string;
  disk: string;
  address: StaticAddress;
  preferredOwners: string[];
  priority: number;
}

export interface ClusterBootstrap {
  name: string;
  domain: string;
  /** The node that formed the cluster: it owns the core groups first. */
  formedBy: string;
  nodes: { name: string; id: number }[];
  /** The cluster's administrative access point, on a ClusterAndClient network. */
  addresses: StaticAddress[];
  /** Shared disks visible to every node, by name. */
  disks: string[];
  /** Disks added as Cluster Shared Volumes (lab `cluster.csv`), in Volume1, Volume2… order. */
  csv?: string[];
  witness: WitnessChoice;
  /** Common properties by their real names. */
  settings: Record<string, number | string>;
  roles: RoleBootstrap[];
  /** Highly available VMs (lab `vms:` on a CSV), running on their host. */
  vms?: VmBootstrap[];
}

export interface VmBootstrap {
  vm: VmRoleVm;
  host: string;
  priority: number;
  preferredOwners: string[];
}

function witnessOf(choice: WitnessChoice): Witness {
  switch (choice.type) {
    case 'None':
      return { type: 'None' };
    case 'Disk':
      return { type: 'Disk', resource: choice.disk, diskOnly: false };
    case 'FileShare':
      return { type: 'FileShare', resource: witnessResourceNames.FileShare, sharePath: choice.path };
    case 'Cloud':
      return { type: 'Cloud', resource: witnessResourceNames.Cloud, accountName: choice.accountName, endpoint: cloudWitnessEndpointDefault };
  }
}

/** A file share or cloud witness is a core resource of the Cluster Group, as the cluster creates it. */
function addWitnessResource(objects: ClusterObjects, witness: Extract<Witness, { type: 'FileShare' | 'Cloud' }>): Result<ClusterObjects> {
  const resource = witnessResource(witness);
  return {
    ok: true,
    value: {
      groups: objects.groups.map((g) => (g.name === clusterGroupName ? { ...g, resources: [...g.resources, resource.name] } : g)),
      resources: [...objects.resources, resource],
    },
  };
}

function propertiesOf(settings: Record<string, number | string>): CommonProperties {
  const properties = { ...commonPropertyDefaults } as Record<string, unknown>;
  for (const [key, value] of Object.entries(settings)) if (key in properties && typeof value === 'number') properties[key] = value;
  return properties as unknown as CommonProperties;
}

/** The groups and resources of the new cluster, its roles added; a refusal names what is wrong. */
export function bootstrapObjects(input: ClusterBootstrap): Result<ClusterObjects> {
  const witnessDisk = input.witness.type === 'Disk' ? input.witness.disk : undefined;
  let objects = newClusterObjects({ clusterName: input.name, ownerNode: input.formedBy, addresses: input.addresses, disks: input.disks, ...(witnessDisk === undefined ? {} : { witnessDisk }) });
  const witness = witnessOf(input.witness);
  if (objects.ok && (witness.type === 'FileShare' || witness.type === 'Cloud')) objects = addWitnessResource(objects.value, witness);
  for (const role of input.roles) {
    if (!objects.ok) return objects;
    objects = addFileServerRole(objects.value, { name: role.name, address: role.address, disk: role.disk });
    if (objects.ok) {
      const group = objects.value.groups.find((g) => g.name === role.name);
      if (group) Object.assign(group, { preferredOwners: role.preferredOwners, properties: { ...group.properties, Priority: role.priority } });
    }
  }
  if (objects.ok) objects = addSharedVolumes(objects.value, input.csv ?? []);
  for (const entry of input.vms ?? []) {
    if (!objects.ok) return objects;
    objects = addVirtualMachineRole(objects.value, { vm: entry.vm, ownerNode: entry.host, priority: entry.priority, preferredOwners: entry.preferredOwners, diskJoinsRole: false, running: true });
    // Its network adapters travel in the Virtual Machine resource (protected-network-adapters.ts).
    if (objects.ok) objects = { ok: true, value: { ...objects.value, resources: objects.value.resources.map((r) => (r.name === vmResourceName(entry.vm.name) ? withAdapterParameter(r, entry.vm.adapters) : r)) } };
  }
  return objects;
}

export function bootstrapIdentity(input: ClusterBootstrap): ClusterIdentity {
  return {
    name: input.name,
    domain: input.domain,
    nodes: input.nodes.map((n) => ({ name: n.name, id: n.id, NodeWeight: 1 })),
    witness: witnessOf(input.witness),
    properties: propertiesOf(input.settings),
  };
}

/** Every entry of the first copy, sorted by path. */
export function bootstrapEntries(input: ClusterBootstrap): Result<Record<string, DbValue>> {
  const objects = bootstrapObjects(input);
  if (!objects.ok) return objects;
  const entries = { ...encodeIdentity(bootstrapIdentity(input)), ...encodeObjects(objects.value) };
  return { ok: true, value: Object.fromEntries(Object.entries(entries).sort(([a], [b]) => (a < b ? -1 : 1))) };
}

const genesisChunk = 48;

/**
 * The first copy: the entries as a chain of updates from the forming node's incarnation 0, in
 * epoch 0. The cluster service's own requests count incarnations from 1 (service.ts), so none is
 * taken for a duplicate of these.
 */
export function genesisCopy(formedBy: string, entries: Record<string, DbValue>): DatabaseCopy {
  const changes: DbChange[] = Object.entries(entries).map(([path, value]) => ({ op: 'SetValue', path, value }));
  let copy = emptyCopy();
  for (let i = 0; i * genesisChunk < changes.length; i++) {
    const next = sequenceUpdate(copy, { epoch: 0, origin: formedBy, incarnation: 0, requestNumber: i + 1, changes: changes.slice(i * genesisChunk, (i + 1) * genesisChunk) });
    assert(next.ok, `the first cluster database does not apply: ${next.ok ? '' : next.reason}`);
    copy = next.copy;
  }
  return copy;
}

