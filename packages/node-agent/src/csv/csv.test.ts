// The CSV subsystem: the database model (a CSV is a disk in a hidden group of its own, Volume N),
// Add-ClusterSharedVolume's refusals, and each node's I/O decisions: direct when registered,
// block redirected through the coordinator when its path fails, Direct again when a probe answers,
// paused while there is no coordinator; the coordinator serves redirected writes.
import test from 'ava';
import type { NodeMessage } from '@wsfc-lab/protocol';
import { decodeObjects, encodeObjects } from '../cluster/schema.js';
import { bootstrapEntries } from '../cluster/bootstrap.js';
import { takeCompletions } from '../storage/mod.js';
import { completionOf, csvObjects, emitted, fixture, keyOf, sent } from './_fixtures.js';
import { makeSharedVolume, addSharedVolumes } from './add.js';
import { onCsvCompletions, onCsvMessage, onCsvTick } from './subsystem.js';
import { getClusterSharedVolumeState } from './query.js';
import { csvAccessible } from './state.js';
import { csvVolumePath, isSharedVolume, sharedVolumeGroupName, sharedVolumesOf } from './volumes.js';
import { csvTiming } from './timing.js';

const disk = 'Cluster Disk 2';

test('a CSV is its disk in a hidden group of its own, owned by the Available Storage owner, mounted as Volume1', (t) => {
  const objects = csvObjects();
  const entries = encodeObjects(objects);
  const group = objects.groups.find((g) => g.name === sharedVolumeGroupName(disk));
  t.like(group, { groupType: 'ClusterSharedVolume', ownerNode: 'node01', resources: [disk] });
  t.false(objects.groups.find((g) => g.name === 'Available Storage')!.resources.includes(disk));
  t.true(isSharedVolume(entries, disk));
  t.false(isSharedVolume(entries, 'Cluster Disk 1'));
  t.is(csvVolumePath(entries, disk), 'C:\\ClusterStorage\\Volume1');
  t.is(csvVolumePath(entries, 'Cluster Disk 1'), undefined);
  t.like(sharedVolumesOf(entries)[0], { disk, volumeNumber: 1, coordinator: 'node01' });
  // It survives a round trip through the database, as every change the cluster makes goes.
  t.deepEqual(decodeObjects(entries).resources.find((r) => r.name === disk)?.parameters, { CsvVolumeNumber: 1 });
});

test('volume numbers follow the order the CSVs were added in; a disk the objects lack is created in its CSV group', (t) => {
  const more = addSharedVolumes(csvObjects(), ['Cluster Disk 1 copy', 'Cluster Disk 9']);
  if (!more.ok) return t.fail(more.error.message);
  const entries = encodeObjects(more.value);
  t.deepEqual(sharedVolumesOf(entries).map((v) => [v.disk, v.volumeNumber]), [[disk, 1], ['Cluster Disk 1 copy', 2], ['Cluster Disk 9', 3]]);
  t.like(more.value.resources.find((r) => r.name === 'Cluster Disk 9'), { resourceType: 'Physical Disk', ownerGroup: sharedVolumeGroupName('Cluster Disk 9') });
});

test('Add-ClusterSharedVolume refuses the disk witness, a disk in a role, a CSV and a non-disk, naming them', (t) => {
  const objects = csvObjects();
  const refusal = (name: string) => {
    const result = makeSharedVolume(objects, name);
    return result.ok ? 'accepted' : result.error.message;
  };
  t.regex(refusal('Witness'), /Available Storage group.*'Witness' is the disk witness/);
  t.regex(refusal(disk), /already a Cluster Shared Volume \(C:\\ClusterStorage\\Volume1\)/);
  t.regex(refusal('Cluster Name'), /'Cluster Name' is a Network Name resource/);
  const withRole = { ...objects, resources: objects.resources.map((r) => (r.name === 'Cluster Disk 1' ? { ...r, ownerGroup: 'FS01' } : r)) };
  const role = makeSharedVolume(withRole, 'Cluster Disk 1');
  t.regex(role.ok ? '' : role.error.message, /in the clustered role 'FS01'/);
  t.true(makeSharedVolume(objects, 'Cluster Disk 1').ok);
});

/** node02, a non-coordinator, starts Direct: a probe finds its key missing, it registers. */
function directMember() {
  const f = fixture('node02');
  onCsvTick(f.csv, f.host);
  t_like(f.csv.volumes[disk]?.direct?.kind, 'Probe');
  onCsvCompletions(f.csv, [completionOf(f, { type: 'Keys', generation: 3, keys: [keyOf(1)] })], f.host);
  t_like(f.csv.volumes[disk]?.direct?.kind, 'Register');
  onCsvCompletions(f.csv, [completionOf(f, { type: 'Done' })], f.host);
  f.effects();
  return f;
}

function t_like(actual: unknown, expected: unknown): void {
  if (actual !== expected) throw new Error(`expected ${String(expected)}, got ${String(actual)}`);
}

test('a non-coordinator registers its own key and is Direct; its periodic I/O is a direct write', (t) => {
  const f = directMember();
  const volume = f.csv.volumes[disk]!;
  t.like(volume, { StateInfo: 'Direct', registered: true, pathUp: true });
  t.true(csvAccessible(f.csv, disk));
  f.clock.nowMs += csvTiming.ioIntervalMs;
  onCsvTick(f.csv, f.host);
  t.is(volume.direct?.kind, 'Write');
});

test('a failed direct write makes the node BlockRedirected (5121) and its write goes to the coordinator', (t) => {
  const f = directMember();
  f.clock.nowMs += csvTiming.ioIntervalMs;
  onCsvTick(f.csv, f.host);
  onCsvCompletions(f.csv, [completionOf(f, { type: 'Failed', reason: 'SessionLost', detail: 'the session was lost' })], f.host);
  const effects = f.effects();
  t.like(emitted(effects).find((e) => e.type === 'CsvBlockRedirected'), { node: 'node02', disk, volume: 'Volume1', coordinator: 'node01' });
  t.like(sent(effects)[0], { destination: 'node01', network: 'Cluster', message: { type: 'CsvRedirectedIo', disk } });
  t.like(f.csv.volumes[disk], { StateInfo: 'BlockRedirected', pathUp: false });
  t.true(csvAccessible(f.csv, disk), 'a redirected volume is still usable: the VMs keep running');
  const requestId = f.csv.volumes[disk]!.redirected!.requestId;
  onCsvMessage(f.csv, { source: 'node01', network: 'Cluster', message: { type: 'CsvRedirectedIoReply', requestId, disk, status: 'Done', detail: '' } }, f.host);
  t.is(f.csv.volumes[disk]!.writesRedirected, 1);
});

test('an unanswered direct write times out into BlockRedirected; a probe that answers makes it Direct again', (t) => {
  const f = directMember();
  f.clock.nowMs += csvTiming.ioIntervalMs;
  onCsvTick(f.csv, f.host);
  for (let i = 0; i < 3; i++) {
    f.clock.nowMs += csvTiming.ioIntervalMs;
    onCsvTick(f.csv, f.host);
  }
  t.is(f.csv.volumes[disk]!.StateInfo, 'BlockRedirected');
  t.is(emitted(f.effects()).filter((e) => e.type === 'CsvBlockRedirected').length, 1, '5121 once');
  f.clock.nowMs += csvTiming.ioIntervalMs;
  onCsvTick(f.csv, f.host);
  t.is(f.csv.volumes[disk]!.direct?.kind, 'Probe', 'a redirected node probes its path every tick');
  onCsvCompletions(f.csv, [completionOf(f, { type: 'Keys', generation: 4, keys: [keyOf(1), keyOf(2)] })], f.host);
  t.is(f.csv.volumes[disk]!.StateInfo, 'Direct');
  t.like(emitted(f.effects()).find((e) => e.type === 'CsvDirectIoResumed'), { node: 'node02', volume: 'Volume1' });
});

test('the coordinator writes directly and stays Direct; it serves a redirected write on the LUN', (t) => {
  const f = fixture('node01');
  onCsvTick(f.csv, f.host);
  t.is(f.csv.volumes[disk]?.direct?.kind, 'Write');
  onCsvCompletions(f.csv, [completionOf(f, { type: 'Done' })], f.host);
  t.is(f.csv.volumes[disk]!.StateInfo, 'Direct');
  takeCompletions(f.host.storage);
  const message: NodeMessage = { type: 'CsvRedirectedIo', requestId: 'csv-r9', disk, lba: 100, data: new Uint8Array(512) };
  t.true(onCsvMessage(f.csv, { source: 'node02', network: 'Cluster', message }, f.host));
  t.is(f.csv.servedCount, 1);
  const [write] = takeCompletions(f.host.storage);
  onCsvCompletions(f.csv, [{ ...write!, result: { type: 'Done' } }], f.host);
  t.like(sent(f.effects()).at(-1), { destination: 'node02', message: { type: 'CsvRedirectedIoReply', requestId: 'csv-r9', status: 'Done' } });
  t.is(f.csv.servedCount, 0);
});

test('a node that is not the coordinator answers a redirected write NotCoordinator', (t) => {
  const f = directMember();
  onCsvMessage(f.csv, { source: 'node03', network: 'Cluster', message: { type: 'CsvRedirectedIo', requestId: 'x1', disk, lba: 100, data: new Uint8Array(512) } }, f.host);
  t.like(sent(f.effects())[0], { destination: 'node03', message: { type: 'CsvRedirectedIoReply', status: 'NotCoordinator' } });
});

test('the coordinator leaving the membership pauses the volume (5120); the new coordinator online resumes it Direct', (t) => {
  const f = directMember();
  f.cluster.view = { ...f.cluster.view!, members: f.cluster.view!.members.filter((m) => m.name !== 'node01') };
  f.clock.nowMs += csvTiming.ioIntervalMs;
  onCsvTick(f.csv, f.host);
  t.like(emitted(f.effects()).find((e) => e.type === 'CsvPaused'), { node: 'node02', status: 'STATUS_CONNECTION_DISCONNECTED(c000020c)' });
  t.false(csvAccessible(f.csv, disk));
  f.setVolume({ owner: 'node03', state: 'Online' });
  f.clock.nowMs += csvTiming.ioIntervalMs;
  onCsvTick(f.csv, f.host);
  t.is(f.csv.volumes[disk]!.direct?.kind, 'Probe', 'its key may have been fenced meanwhile: it checks first');
  onCsvCompletions(f.csv, [completionOf(f, { type: 'Keys', generation: 9, keys: [keyOf(3), keyOf(2)] })], f.host);
  t.is(f.csv.volumes[disk]!.StateInfo, 'Direct');
  t.like(emitted(f.effects()).find((e) => e.type === 'CsvResumed'), { node: 'node02', StateInfo: 'Direct' });
});

test('Get-ClusterSharedVolumeState asks the other members and answers one object per node', (t) => {
  const f = directMember();
  getClusterSharedVolumeState(f.csv, { requestId: 'q1', parameters: { Name: disk } }, f.host);
  t.deepEqual(sent(f.effects()).map((s) => s.destination), ['node01', 'node03']);
  for (const [node, StateInfo] of [['node01', 'Direct'], ['node03', 'BlockRedirected']] as const) {
    const BlockRedirectedIOReason = StateInfo === 'Direct' ? 'NotBlockRedirected' : 'NoDiskConnectivity';
    onCsvMessage(f.csv, { source: node, network: 'Cluster', message: { type: 'CsvStateReply', requestId: 'q1', volumes: [{ disk, StateInfo, BlockRedirectedIOReason }] } }, f.host);
  }
  const reply = f.effects().find((e) => e.type === 'Reply');
  const output = reply?.type === 'Reply' && reply.reply.ok ? (reply.reply.output as Record<string, unknown>[]) : [];
  t.deepEqual(
    output.map((o) => [o.Node, o.StateInfo, o.BlockRedirectedIOReason, o.VolumeFriendlyName]),
    [
      ['node01', 'Direct', 'NotBlockRedirected', 'Volume1'],
      ['node02', 'Direct', 'NotBlockRedirected', 'Volume1'],
      ['node03', 'BlockRedirected', 'NoDiskConnectivity', 'Volume1'],
    ],
  );
});

test('Get-ClusterSharedVolumeState refuses a disk that is not a CSV and an unknown node', (t) => {
  const f = directMember();
  getClusterSharedVolumeState(f.csv, { requestId: 'q2', parameters: { Name: 'Cluster Disk 1' } }, f.host);
  getClusterSharedVolumeState(f.csv, { requestId: 'q3', parameters: { Node: 'node09' } }, f.host);
  const errors = f.effects().flatMap((e) => (e.type === 'Reply' && !e.reply.ok ? [e.reply.error.message] : []));
  t.is(errors.length, 2);
  t.regex(errors[0]!, /'Cluster Disk 1' is not a Cluster Shared Volume/);
  t.regex(errors[1]!, /no cluster node named 'node09'/);
});

test('the lab file’s cluster.csv makes its disks CSVs in the first database (bootstrap)', (t) => {
  const entries = bootstrapEntries({
    name: 'wsfc-cluster',
    domain: 'wsfc.local',
    formedBy: 'node02',
    nodes: [
      { name: 'node01', id: 1 },
      { name: 'node02', id: 2 },
    ],
    addresses: [],
    disks: ['Cluster Disk 1', 'Witness'],
    csv: ['Cluster Disk 3', 'Cluster Disk 2'],
    witness: { type: 'Disk', disk: 'Witness' },
    settings: {},
    roles: [],
  });
  if (!entries.ok) return t.fail(entries.error.message);
  t.deepEqual(sharedVolumesOf(entries.value).map((v) => [v.disk, v.volumeNumber, v.coordinator]), [
    ['Cluster Disk 3', 1, 'node02'],
    ['Cluster Disk 2', 2, 'node02'],
  ]);
});
