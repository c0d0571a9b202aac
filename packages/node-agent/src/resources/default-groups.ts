// The groups a new cluster has, and the File Server role, with the real object names (facts
// §16.3, §4.1, §14):
// - "Cluster Group" (core): "Cluster IP Address" (one more "Cluster IP Address <address>" per
//   extra subnet), "Cluster Name" depending on any of them (OR), and the witness disk if any.
// - "Available Storage" (core): every eligible shared disk not used as witness or by a role.
//   Disk resources take the lab disk's name ("Cluster Disk 1"; scenario-format).
// - A File Server role "<name>": Network Name "<name>" on "IP Address <address>", the disk moved
//   out of Available Storage, and "File Server (\\<name>)" depending on both [inferred: the
//   dependency of the File Server resource on the disk].
// New objects start Offline with PersistentState 1: the cluster brings them online next.
// [UNCONFIRMED: the name of the extra subnets' cluster IP resources.]
import { resourceErrors } from './errors.js';
import { groupDefaults } from './group-properties.js';
import type { ClusterGroup, ClusterResource, DependencyExpression, GroupType } from './model.js';
import { resourceDefaults } from './resource-properties.js';
import type { ResourceType } from './resource-type.js';
import { ok, refused, type Result } from './result.js';

export const clusterGroupName = 'Cluster Group';
export const availableStorageName = 'Available Storage';
export const clusterNameResource = 'Cluster Name';
export const clusterIpAddressResource = 'Cluster IP Address';

export interface StaticAddress {
  Address: string;
  SubnetMask: string;
  /** The cluster network's name, e.g. "Cluster Network 1". */
  Network: string;
}

export interface ClusterObjects {
  groups: ClusterGroup[];
  resources: ClusterResource[];
}

interface ResourceSpec {
  name: string;
  resourceType: ResourceType;
  ownerGroup: string;
  dependencies?: DependencyExpression;
  parameters?: ClusterResource['parameters'];
  isCoreResource?: boolean;
}

export const newResource = (spec: ResourceSpec): ClusterResource => ({
  name: spec.name,
  resourceType: spec.resourceType,
  ownerGroup: spec.ownerGroup,
  state: 'Offline',
  dependencies: spec.dependencies ?? [],
  properties: { ...resourceDefaults, PersistentState: 1 },
  parameters: spec.parameters ?? {},
  isCoreResource: spec.isCoreResource ?? false,
});

export const newGroup = (spec: { name: string; groupType: GroupType; isCoreGroup: boolean; ownerNode: string | undefined; resources: string[] }): ClusterGroup => ({
  ...spec,
  state: 'Offline',
  preferredOwners: [],
  properties: { ...groupDefaults, AntiAffinityClassNames: [], PersistentState: 1 },
});

const ipParameters = (a: StaticAddress) => ({ Address: a.Address, SubnetMask: a.SubnetMask, Network: a.Network, EnableDhcp: 0 });

export interface NewClusterInput {
  clusterName: string;
  /** The node that forms the cluster; it owns both core groups at first. */
  ownerNode: string;
  /** One static address per client subnet; the first is "Cluster IP Address". */
  addresses: readonly StaticAddress[];
  /** The shared disks eligible for the cluster (not CSVs), by name. */
  disks: readonly string[];
  /** One of `disks`, for a disk witness. */
  witnessDisk?: string;
}

export function newClusterObjects(input: NewClusterInput): Result<ClusterObjects> {
  const { witnessDisk } = input;
  if (witnessDisk !== undefined && !input.disks.includes(witnessDisk)) return refused(resourceErrors.diskNotAvailable({ disk: witnessDisk, group: undefined }));
  const ipNames = input.addresses.map((a, i) => (i === 0 ? clusterIpAddressResource : `${clusterIpAddressResource} ${a.Address}`));
  const core = { ownerGroup: clusterGroupName, isCoreResource: true };
  const ips = input.addresses.map((a, i) => newResource({ ...core, name: ipNames[i] as string, resourceType: 'IP Address', parameters: ipParameters(a) }));
  const name = newResource({
    ...core,
    name: clusterNameResource,
    resourceType: 'Network Name',
    dependencies: ipNames.length === 0 ? [] : [ipNames],
    parameters: { Name: input.clusterName, DnsName: input.clusterName },
  });
  const witness = witnessDisk === undefined ? [] : [newResource({ ...core, name: witnessDisk, resourceType: 'Physical Disk' })];
  const storage = input.disks.filter((d) => d !== witnessDisk).map((d) => newResource({ name: d, resourceType: 'Physical Disk', ownerGroup: availableStorageName }));
  const coreResources = [...ips, name, ...witness];
  return ok({
    groups: [
      newGroup({ name: clusterGroupName, groupType: 'Cluster', isCoreGroup: true, ownerNode: input.ownerNode, resources: coreResources.map((r) => r.name) }),
      newGroup({ name: availableStorageName, groupType: 'AvailableStorage', isCoreGroup: true, ownerNode: input.ownerNode, resources: storage.map((r) => r.name) }),
    ],
    resources: [...coreResources, ...storage],
  });
}

export interface FileServerRoleInput {
  /** The client access point name; also the group's name. */
  name: string;
  address: StaticAddress;
  /** A disk now in Available Storage. */
  disk: string;
}

/** The service resource a client access point role is made for. */
interface RoleService {
  resourceName: string;
  resourceType: ResourceType;
  groupType: GroupType;
  parameters?: ClusterResource['parameters'];
}

/** A role with a client access point: its Network Name on an IP address, its disk, and its service depending on both. */
function addClientAccessRole(objects: ClusterObjects, input: FileServerRoleInput, service: RoleService): Result<ClusterObjects> {
  const { name, disk } = input;
  const ipName = `IP Address ${input.address.Address}`;
  if (objects.groups.some((g) => g.name.toLowerCase() === name.toLowerCase())) return refused(resourceErrors.objectExists({ kind: 'group', name }));
  for (const resourceName of [name, ipName, service.resourceName]) {
    if (objects.resources.some((r) => r.name.toLowerCase() === resourceName.toLowerCase())) return refused(resourceErrors.objectExists({ kind: 'resource', name: resourceName }));
  }
  const diskResource = objects.resources.find((r) => r.name === disk && r.resourceType === 'Physical Disk');
  if (diskResource?.ownerGroup !== availableStorageName) return refused(resourceErrors.diskNotAvailable({ disk, group: diskResource?.ownerGroup }));
  const storageOwner = objects.groups.find((g) => g.name === availableStorageName)?.ownerNode;
  const added = [
    newResource({ name: ipName, resourceType: 'IP Address', ownerGroup: name, parameters: ipParameters(input.address) }),
    newResource({ name, resourceType: 'Network Name', ownerGroup: name, dependencies: [[ipName]], parameters: { Name: name, DnsName: name } }),
    newResource({ name: service.resourceName, resourceType: service.resourceType, ownerGroup: name, dependencies: [[disk], [name]], ...(service.parameters ? { parameters: service.parameters } : {}) }),
  ];
  const role = newGroup({ name, groupType: service.groupType, isCoreGroup: false, ownerNode: storageOwner, resources: [name, ipName, disk, service.resourceName] });
  return ok({
    groups: [
      ...objects.groups.map((g) => (g.name === availableStorageName ? { ...g, resources: g.resources.filter((r) => r !== disk) } : g)),
      role,
    ],
    resources: [...objects.resources.map((r) => (r.name === disk ? { ...r, ownerGroup: name } : r)), ...added],
  });
}

/** Add-ClusterFileServerRole: returns the cluster's objects with the new role added. */
export function addFileServerRole(objects: ClusterObjects, input: FileServerRoleInput): Result<ClusterObjects> {
  return addClientAccessRole(objects, input, { resourceName: `File Server (\\\\${input.name})`, resourceType: 'File Server', groupType: 'FileServer' });
}

/** Add-ClusterGenericServiceRole: the service (its resource takes the service's name) with a client access point and a disk. */
export function addGenericServiceRole(objects: ClusterObjects, input: FileServerRoleInput & { serviceName: string }): Result<ClusterObjects> {
  return addClientAccessRole(objects, input, { resourceName: input.serviceName, resourceType: 'Generic Service', groupType: 'GenericService', parameters: { ServiceName: input.serviceName } });
}
