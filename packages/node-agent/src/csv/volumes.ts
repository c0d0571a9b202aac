// How a Cluster Shared Volume lives in the cluster database (facts §13). A CSV is a Physical Disk
// resource the cluster moved out of Available Storage into a hidden group of its own (GroupType
// ClusterSharedVolume, as the real product keeps one group per CSV), so it fails over on its own:
// the group's owner is the volume's coordinator, which holds the disk's reservation, and the
// placement leader gives the group a new owner when the coordinator dies, as for any group.
//
// Lab rules (the real product keeps these details to itself):
// - The hidden group is named by a GUID derived from the disk's name (CRC-32 of salted names),
//   so every node that builds or reads the database names it alike.
// - The volume's number N (mounted as C:\ClusterStorage\VolumeN on every node) is the disk
//   resource's private property CsvVolumeNumber: the lowest number no other CSV has, so N follows
//   the order the CSVs were added in. It lives with the resource so it travels through every
//   change the cluster makes to its objects.
import { perVersion, type DbValue } from '../gum/mod.js';
import { crc32 } from '../arbitration/crc32.js';
import type { GroupType } from '../resources/mod.js';

type Entries = Readonly<Record<string, DbValue>>;

/** The disk resource's private property holding the volume number (lab rule above). */
export const volumeNumberParameter = 'CsvVolumeNumber';
/** CLUSGROUP_TYPE ClusterGroupTypeSharedVolume (4), as Get-ClusterGroup shows it. */
export const sharedVolumeGroupType: GroupType = 'ClusterSharedVolume';
/** Where every node mounts its CSVs (facts §13). */
export const clusterStorageRoot = 'C:\\ClusterStorage';

const hex8 = (text: string): string => crc32(new TextEncoder().encode(text)).toString(16).padStart(8, '0');

/** A GUID-shaped name derived from `seed`: the same on every node. */
export function derivedGuid(seed: string): string {
  const h = [0, 1, 2, 3].map((i) => hex8(`${i}:${seed.toLowerCase()}`)).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** The hidden group that holds the CSV made of `disk`. */
export function sharedVolumeGroupName(disk: string): string {
  return derivedGuid(`csv-group:${disk}`);
}

/** The volume's \\?\Volume{guid}\ name (Get-ClusterSharedVolumeState VolumeName). */
export function volumeGuidPath(disk: string): string {
  return `\\\\?\\Volume{${derivedGuid(`csv-volume:${disk}`)}}\\`;
}

/** "Volume1": VolumeFriendlyName, the last part of the mount path. */
export function volumeFriendlyName(volumeNumber: number): string {
  return `Volume${volumeNumber}`;
}

export function mountPathOf(volumeNumber: number): string {
  return `${clusterStorageRoot}\\${volumeFriendlyName(volumeNumber)}`;
}

/** The volume number of a CSV disk, or undefined when `disk` is not a CSV. */
export function volumeNumberOf(entries: Entries, disk: string): number | undefined {
  const value = entries[`Resources/${disk}/Parameters/${volumeNumberParameter}`];
  return typeof value === 'number' && Number.isInteger(value) && value >= 1 ? value : undefined;
}

/** The disk is a Cluster Shared Volume (for the VM work: a VM's storage must be one). */
export function isSharedVolume(entries: Entries, disk: string): boolean {
  return volumeNumberOf(entries, disk) !== undefined;
}

/** C:\ClusterStorage\VolumeN for a CSV disk, undefined for any other. */
export function csvVolumePath(entries: Entries, disk: string): string | undefined {
  const n = volumeNumberOf(entries, disk);
  return n === undefined ? undefined : mountPathOf(n);
}

/** One CSV as the database has it. */
export interface SharedVolumeRecord {
  disk: string;
  volumeNumber: number;
  group: string;
  /** The owner of its group: the coordinator node (undefined until placed). */
  coordinator: string | undefined;
  /** The disk resource's state as its owner published it. */
  resourceState: string;
}

const volumeSuffix = `/Parameters/${volumeNumberParameter}`;

/** Every CSV in the database, by volume number. */
export function sharedVolumesOf(entries: Entries): SharedVolumeRecord[] {
  return perVersion(entries, 'sharedVolumes', () => readSharedVolumes(entries)).map((record) => ({ ...record }));
}

function readSharedVolumes(entries: Entries): SharedVolumeRecord[] {
  const out: SharedVolumeRecord[] = [];
  for (const path of Object.keys(entries)) {
    if (!path.startsWith('Resources/') || !path.endsWith(volumeSuffix)) continue;
    const disk = path.slice('Resources/'.length, path.length - volumeSuffix.length);
    const volumeNumber = volumeNumberOf(entries, disk);
    if (volumeNumber === undefined || disk.includes('/')) continue;
    const group = String(entries[`Resources/${disk}/OwnerGroup`] ?? '');
    const owner = entries[`Groups/${group}/OwnerNode`];
    out.push({ disk, volumeNumber, group, coordinator: typeof owner === 'string' ? owner : undefined, resourceState: String(entries[`Resources/${disk}/State`] ?? 'Offline') });
  }
  return out.sort((a, b) => a.volumeNumber - b.volumeNumber || (a.disk < b.disk ? -1 : 1));
}

/** The lowest volume number not in use. */
export function nextVolumeNumber(used: readonly number[]): number {
  let n = 1;
  while (used.includes(n)) n++;
  return n;
}
