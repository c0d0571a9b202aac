// Add-ClusterSharedVolume and Get-ClusterSharedVolume (facts §13, §16.3: default columns Name,
// State, Node). Both read this node's copy of the cluster database; Add proposes its change
// through the GUM, as the other cluster cmdlets do, and answers once the disk is online in its
// CSV group. Get-ClusterSharedVolumeState, which needs every node's own state, is in query.ts.
import type { DbValue } from '../gum/mod.js';
import { namesOf, readCluster, readClusterForChange, type ClusterCmdlet } from '../cluster/cmdlet-support.js';
import { proposeAndWait } from '../cluster/propose-and-wait.js';
import { objectChanges } from '../cluster/schema.js';
import { encodeObjects } from '../cluster/schema.js';
import { makeSharedVolume } from './add.js';
import { csvErrors } from './errors.js';
import { mountPathOf, sharedVolumesOf, volumeGuidPath, type SharedVolumeRecord } from './volumes.js';

/** How long Add-ClusterSharedVolume waits for the disk to be online (PendingTimeout's default). */
const addWaitMs = 180_000;

/** A ClusterSharedVolume object as Get-ClusterSharedVolume shows it. */
export function sharedVolumeObject(record: SharedVolumeRecord, cluster: string) {
  return {
    Name: record.disk,
    State: record.resourceState,
    Node: record.coordinator ?? null,
    OwnerNode: record.coordinator ?? null,
    Id: record.group,
    Cluster: cluster,
    SharedVolumeInfo: [
      {
        FriendlyVolumeName: mountPathOf(record.volumeNumber),
        Partition: { Name: volumeGuidPath(record.disk), FileSystem: 'CSVFS' },
        PartitionNumber: 2,
        MaintenanceMode: false,
        RedirectedAccess: false,
        FaultState: 'NoFaults',
      },
    ],
  };
}

export const getClusterSharedVolume: ClusterCmdlet = (state, call, host) => {
  const read = readCluster(state, call, host);
  if (!read) return;
  const records = sharedVolumesOf(state.gum.copy.entries);
  const names = namesOf(call, 'InputObject') ?? namesOf(call);
  const chosen: SharedVolumeRecord[] = [];
  for (const name of names ?? records.map((r) => r.disk)) {
    const record = records.find((r) => r.disk.toLowerCase() === name.toLowerCase());
    if (!record) return host.io.reply(call.requestId, { ok: false, error: csvErrors.notSharedVolume('Get-ClusterSharedVolume', name) });
    chosen.push(record);
  }
  host.io.reply(call.requestId, { ok: true, output: chosen.map((r) => sharedVolumeObject(r, read.identity.name)) });
};

export const addClusterSharedVolume: ClusterCmdlet = (state, call, host) => {
  const names = namesOf(call, 'InputObject') ?? namesOf(call);
  const read = readClusterForChange(state, call, host);
  if (!read) return;
  if (names === undefined || names.length !== 1) return host.io.reply(call.requestId, { ok: false, error: csvErrors.oneDisk(names?.length ?? 0) });
  const wanted = names[0]!;
  const resource = read.objects.resources.find((r) => r.name.toLowerCase() === wanted.toLowerCase());
  if (!resource) return host.io.reply(call.requestId, { ok: false, error: csvErrors.diskNotFound('Add-ClusterSharedVolume', wanted) });
  const after = makeSharedVolume(read.objects, resource.name);
  if (!after.ok) return host.io.reply(call.requestId, { ok: false, error: after.error });
  const entries: Record<string, DbValue> = { ...state.gum.copy.entries, ...encodeObjects(after.value) };
  const record = sharedVolumesOf(entries).find((r) => r.disk === resource.name)!;
  const output = sharedVolumeObject({ ...record, resourceState: 'Online' }, read.identity.name);
  proposeAndWait(state, host, call.requestId, objectChanges(state.gum.copy.entries, after.value), { kind: 'ResourceOnline', object: resource.name, output }, addWaitMs);
};
