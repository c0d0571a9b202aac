// Shared disks and the cluster: Get-ClusterAvailableDisk lists the disks this node sees at the
// target that are not yet cluster disks; Add-ClusterDisk adds one (by name, or piped from
// Get-ClusterAvailableDisk) to Available Storage as a Physical Disk resource, which its owner then
// brings online by winning it at the target. A disk already in the cluster or not seen is refused
// by name.
import { blockSizeBytes } from '@wsfc-lab/protocol';
import { proposeAndWait } from './propose-and-wait.js';
import { availableStorageName, newResource, type ClusterObjects } from '../resources/mod.js';
import type { CmdletCall } from '../subsystem.js';
import { namesOf, readCluster, readClusterForChange, type ClusterCmdlet } from './cmdlet-support.js';
import { objectChanges } from './schema.js';
import type { ClusterHost, ClusterState } from './types.js';

/** How long Add-ClusterDisk waits for the disk to be online (PendingTimeout's default). */
const addWaitMs = 180_000;

function availableDisks(state: ClusterState, host: ClusterHost, objects: ClusterObjects) {
  const clustered = new Set(objects.resources.filter((r) => r.resourceType === 'Physical Disk').map((r) => r.name));
  return host.storage.disks
    .filter((d) => d.present && !clustered.has(d.name))
    .map((d) => ({ Cluster: state.identity?.name ?? '', Name: d.name, Number: d.number, Size: d.sizeBlocks * blockSizeBytes, Partitions: d.layout?.partitions.length ?? 0, Id: d.serialNumber }));
}

export const getClusterAvailableDisk: ClusterCmdlet = (state, call, host) => {
  const read = readCluster(state, call, host);
  if (read) host.io.reply(call.requestId, { ok: true, output: availableDisks(state, host, read.objects) });
};

function diskNames(call: CmdletCall): string[] | undefined {
  return namesOf(call, 'InputObject') ?? namesOf(call);
}

export const addClusterDisk: ClusterCmdlet = (state, call, host) => {
  const names = diskNames(call);
  const read = readClusterForChange(state, call, host);
  if (!read) return;
  const refuse = (message: string) => host.io.reply(call.requestId, { ok: false, error: { category: 'InvalidArgument', errorId: 'AddClusterDiskFailed', message: `Add-ClusterDisk : ${message}` } });
  if (names === undefined || names.length !== 1) return refuse('specify one disk: pipe it from Get-ClusterAvailableDisk, or give its name.');
  const wanted = names[0]!;
  if (read.objects.resources.some((r) => r.name.toLowerCase() === wanted.toLowerCase())) return refuse(`the disk '${wanted}' is already a cluster resource.`);
  const disk = availableDisks(state, host, read.objects).find((d) => d.Name.toLowerCase() === wanted.toLowerCase());
  if (!disk) return refuse(`no disk '${wanted}' that the cluster can use is visible to '${state.config.name}'.`);
  const resource = newResource({ name: disk.Name, resourceType: 'Physical Disk', ownerGroup: availableStorageName });
  const after: ClusterObjects = {
    groups: read.objects.groups.map((g) => (g.name === availableStorageName ? { ...g, resources: [...g.resources, resource.name], properties: { ...g.properties, PersistentState: 1 } } : g)),
    resources: [...read.objects.resources, resource],
  };
  const output = { Name: resource.name, State: 'Online', OwnerGroup: availableStorageName, ResourceType: 'Physical Disk' };
  proposeAndWait(state, host, call.requestId, objectChanges(state.gum.copy.entries, after), { kind: 'ResourceOnline', object: resource.name, output }, addWaitMs);
};
