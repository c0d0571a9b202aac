// A highly available VM as the cluster holds it (facts §4.1): a role (group type VirtualMachine)
// named after the VM, with its "Virtual Machine Configuration <vm>" resource (the configuration
// files, on shared storage) and its "Virtual Machine <vm>" resource depending on it. A VM on a
// clustered disk takes the disk into its role, and the configuration depends on it; a VM on a
// Cluster Shared Volume needs no disk in its role (every node reaches the volume).
import { availableStorageName, newGroup, newResource, type ClusterObjects } from './default-groups.js';
import { resourceErrors } from './errors.js';
import type { ClusterResource, ParameterValue } from './model.js';
import { ok, refused, type Result } from './result.js';
import type { VmConfig } from '../hyperv/types.js';

export const vmResourceName = (vm: string) => `Virtual Machine ${vm}`;
export const vmConfigurationResourceName = (vm: string) => `Virtual Machine Configuration ${vm}`;

/** What the Virtual Machine resource keeps of the VM: its configuration (the host's VmConfig), whose storage is a cluster disk. */
export type VmRoleVm = Omit<VmConfig, 'clustered'>;

export interface VmRoleInput {
  vm: VmRoleVm;
  ownerNode: string;
  /** Group priority (3000 High, 2000 Medium, 1000 Low, 0 NoAutoStart). */
  priority: number;
  preferredOwners: readonly string[];
  /** The VM's storage is a clustered disk (not a CSV): it joins the role. */
  diskJoinsRole: boolean;
  /** The VM runs now: the role is online. */
  running: boolean;
}

export function vmParameters(vm: VmRoleVm): Record<string, ParameterValue> {
  return {
    VmName: vm.name,
    // StartMemory is the real resource's startup memory in MB; the bytes keep the exact figure.
    StartMemory: Math.round(vm.memoryStartupBytes / 1024 ** 2),
    MemoryStartupBytes: vm.memoryStartupBytes,
    WorkingSetBytes: vm.workingSetBytes,
    DirtyRateBytesPerSec: vm.dirtyRateBytesPerSec,
    ProcessorCount: vm.processorCount,
    Version: vm.version,
    Path: vm.path,
    Storage: vm.storage,
    ProcessorCompatibility: vm.processorCompatibility ?? 'None',
    // Cluster-controlled offline action: 1 = Save (the default).
    OfflineAction: 1,
  };
}

export function vmOfParameters(resource: Pick<ClusterResource, 'parameters'>): VmRoleVm {
  const p = resource.parameters;
  const memory = Number(p.MemoryStartupBytes ?? 1024 ** 3);
  return {
    name: String(p.VmName ?? ''),
    memoryStartupBytes: memory,
    workingSetBytes: Number(p.WorkingSetBytes ?? memory),
    dirtyRateBytesPerSec: Number(p.DirtyRateBytesPerSec ?? 0),
    processorCount: Number(p.ProcessorCount ?? 1),
    version: String(p.Version ?? '10.0'),
    path: String(p.Path ?? ''),
    storage: String(p.Storage ?? ''),
    processorCompatibility: p.ProcessorCompatibility === 'MinimumFeatureSet' || p.ProcessorCompatibility === 'CommonClusterFeatureSet' ? p.ProcessorCompatibility : 'None',
  };
}

export function addVirtualMachineRole(objects: ClusterObjects, input: VmRoleInput): Result<ClusterObjects> {
  const { vm } = input;
  const name = vm.name;
  if (objects.groups.some((g) => g.name.toLowerCase() === name.toLowerCase())) return refused(resourceErrors.objectExists({ kind: 'group', name }));
  for (const resourceName of [vmResourceName(name), vmConfigurationResourceName(name)]) {
    if (objects.resources.some((r) => r.name.toLowerCase() === resourceName.toLowerCase())) return refused(resourceErrors.objectExists({ kind: 'resource', name: resourceName }));
  }
  if (input.diskJoinsRole) {
    const disk = objects.resources.find((r) => r.name === vm.storage && r.resourceType === 'Physical Disk');
    if (disk?.ownerGroup !== availableStorageName) return refused(resourceErrors.diskNotAvailable({ disk: vm.storage, group: disk?.ownerGroup }));
  }
  const configuration = newResource({
    name: vmConfigurationResourceName(name),
    resourceType: 'Virtual Machine Configuration',
    ownerGroup: name,
    dependencies: input.diskJoinsRole ? [[vm.storage]] : [],
    parameters: { VmName: name, ConfigStoreRootPath: vm.path },
  });
  const machine = newResource({ name: vmResourceName(name), resourceType: 'Virtual Machine', ownerGroup: name, dependencies: [[configuration.name]], parameters: vmParameters(vm) });
  const members = [...(input.diskJoinsRole ? [vm.storage] : []), configuration.name, machine.name];
  const group = newGroup({ name, groupType: 'VirtualMachine', isCoreGroup: false, ownerNode: input.ownerNode, resources: members });
  Object.assign(group, { preferredOwners: [...input.preferredOwners], properties: { ...group.properties, Priority: input.priority, PersistentState: input.running ? 1 : 0 } });
  return ok({
    groups: [...objects.groups.map((g) => (input.diskJoinsRole && g.name === availableStorageName ? { ...g, resources: g.resources.filter((r) => r !== vm.storage) } : g)), group],
    resources: [...objects.resources.map((r) => (input.diskJoinsRole && r.name === vm.storage ? { ...r, ownerGroup: name } : r)), configuration, machine],
  });
}
