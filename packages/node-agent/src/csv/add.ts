// Making a Physical Disk a Cluster Shared Volume (Add-ClusterSharedVolume, and the lab file's
// `cluster.csv` at bootstrap): the disk leaves Available Storage for a hidden group of its own
// (volumes.ts), owned by the node that owned Available Storage, which stays its coordinator; the
// disk keeps its state, so a disk online there stays online. A disk witness, a disk in a role and
// anything that is not a Physical Disk are refused (csvErrors).
import { assert } from '@wsfc-lab/protocol';
import { availableStorageName, clusterGroupName, groupDefaults, newResource, ok, refused, type ClusterGroup, type ClusterObjects, type Result } from '../resources/mod.js';
import { csvErrors } from './errors.js';
import { mountPathOf, nextVolumeNumber, sharedVolumeGroupName, sharedVolumeGroupType, volumeNumberParameter } from './volumes.js';

function volumeNumbersIn(objects: ClusterObjects): number[] {
  return objects.resources.flatMap((r) => {
    const n = r.parameters[volumeNumberParameter];
    return typeof n === 'number' ? [n] : [];
  });
}

function sharedVolumeGroup(o: { name: string; disk: string; ownerNode: string | undefined; state: ClusterGroup['state'] }): ClusterGroup {
  return {
    name: o.name,
    groupType: sharedVolumeGroupType,
    isCoreGroup: false,
    ownerNode: o.ownerNode,
    state: o.state,
    preferredOwners: [],
    resources: [o.disk],
    properties: { ...groupDefaults, AntiAffinityClassNames: [], PersistentState: 1 },
  };
}

/**
 * The objects with `disk` made a CSV. A disk the objects do not have yet (the lab leaves the
 * lab's CSV disks out of `disks`) is created as a new Physical Disk resource in its CSV group.
 */
export function makeSharedVolume(objects: ClusterObjects, disk: string): Result<ClusterObjects> {
  const storage = objects.groups.find((g) => g.name === availableStorageName);
  const existing = objects.resources.find((r) => r.name.toLowerCase() === disk.toLowerCase());
  if (existing !== undefined) {
    const volume = existing.parameters[volumeNumberParameter];
    if (typeof volume === 'number') return refused(csvErrors.alreadyShared(existing.name, mountPathOf(volume)));
    if (existing.resourceType !== 'Physical Disk') return refused(csvErrors.notPhysicalDisk(existing.name, existing.resourceType));
    if (existing.ownerGroup === clusterGroupName) return refused(csvErrors.diskWitness(existing.name));
    if (existing.ownerGroup !== availableStorageName) return refused(csvErrors.inRole(existing.name, existing.ownerGroup));
  }
  const name = existing?.name ?? disk;
  const volumeNumber = nextVolumeNumber(volumeNumbersIn(objects));
  const groupName = sharedVolumeGroupName(name);
  const resource = existing ?? newResource({ name, resourceType: 'Physical Disk', ownerGroup: groupName });
  const moved = { ...resource, ownerGroup: groupName, parameters: { ...resource.parameters, [volumeNumberParameter]: volumeNumber } };
  const group = sharedVolumeGroup({ name: groupName, disk: name, ownerNode: storage?.ownerNode, state: existing?.state === 'Online' ? 'Online' : 'Offline' });
  return ok({
    groups: [...objects.groups.map((g) => (g.name === availableStorageName ? { ...g, resources: g.resources.filter((r) => r !== name) } : g)), group],
    resources: existing ? objects.resources.map((r) => (r === existing ? moved : r)) : [...objects.resources, moved],
  });
}

/** Bootstrap: the lab's `cluster.csv` disks, in order (Volume1, Volume2…). */
export function addSharedVolumes(objects: ClusterObjects, disks: readonly string[]): Result<ClusterObjects> {
  let out: Result<ClusterObjects> = ok(objects);
  for (const disk of disks) {
    if (!out.ok) return out;
    out = makeSharedVolume(out.value, disk);
  }
  if (out.ok) assert(new Set(volumeNumbersIn(out.value)).size === volumeNumbersIn(out.value).length, 'two Cluster Shared Volumes share a volume number');
  return out;
}
