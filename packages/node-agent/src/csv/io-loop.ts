// Each node's periodic CSV I/O and what it decides (facts §13, §3.2):
//
// - The coordinator (the owner of the CSV's group, holding the reservation) writes directly.
// - Every other node registers its own key on the LUN (READ KEYS, then REGISTER AND IGNORE
//   EXISTING KEY), since under Write Exclusive – Registrants Only only registrants may write, and
//   then writes directly too: StateInfo Direct. The coordinator's defence fences only the keys of
//   nodes outside the membership, so these registrations stay.
// - A node whose direct command fails or goes unanswered (its storage path is down) turns
//   BlockRedirected (5121) and sends its writes to the coordinator over the cluster network
//   (redirect.ts); each tick it probes the LUN, and once a probe answers it is Direct again.
// - While the volume has no coordinator online (the coordinator left the membership, or the disk
//   is coming online on a new one), its I/O is paused (5120); it resumes once the coordinator is.
// A node only registers while its own arbitration leaves the disk alone (the arbitration's release
// unregisters this node's key: the registration is per initiator, not per key).
import type { ReservationKey } from '@wsfc-lab/protocol';
import type { StorageCompletion } from '../storage/mod.js';
import { readKeys, registerAndIgnoreExistingKey, writeBlocks } from '../storage/mod.js';
import { heartbeatBlock, heartbeatLba } from './_blocks.js';
import { redirectWrite } from './redirect.js';
import { csvSubsystemName, type CsvHost, type CsvState, type DirectOp, type VolumeState } from './state.js';
import { csvTiming } from './timing.js';
import type { SharedVolumeRecord } from './volumes.js';
import { volumeFriendlyName } from './volumes.js';
import { toBlockRedirected, toDirect, toPaused, resume } from './transitions.js';

function selfKeyOf(host: CsvHost): ReservationKey | undefined {
  return host.cluster.arbitration?.selfKey;
}

function issueDirect(csv: CsvState, host: CsvHost, volume: VolumeState, kind: DirectOp['kind']): void {
  const token = `csv-d${csv.nextToken++}`;
  const request = { disk: { name: volume.disk }, tag: { subsystem: csvSubsystemName, token } };
  const key = selfKeyOf(host);
  if (kind === 'Write') {
    const lba = heartbeatLba(host, volume.disk);
    if (lba === undefined) return;
    volume.direct = { token, kind, issuedAtMs: host.io.now() };
    writeBlocks(host.storage, host.io, { ...request, lba, data: heartbeatBlock(host.io.self, host.io.now()) });
    return;
  }
  if (kind === 'Register' && key === undefined) return;
  volume.direct = { token, kind, issuedAtMs: host.io.now() };
  if (kind === 'Register') registerAndIgnoreExistingKey(host.storage, host.io, { ...request, newKey: key! });
  else readKeys(host.storage, host.io, request);
}

/** A direct command failed or went unanswered: the path is down from here. */
function directFailed(csv: CsvState, host: CsvHost, o: { volume: VolumeState; record: SharedVolumeRecord | undefined; detail: string; redirect: boolean }): void {
  const { volume } = o;
  csv.counters.directFailures++;
  volume.pathUp = false;
  volume.lastFailure = o.detail;
  const coordinator = o.record?.coordinator;
  if (coordinator === host.io.self) return toPaused(host, volume, 'STATUS_IO_TIMEOUT(c00000b5)');
  if (coordinator === undefined || o.record?.resourceState !== 'Online') return toPaused(host, volume, 'STATUS_DEVICE_NOT_CONNECTED(c000009d)');
  if (volume.StateInfo === 'Paused') return;
  toBlockRedirected(host, volume, { coordinator, detail: o.detail });
  if (o.redirect && volume.redirected === null) redirectWrite(csv, host, volume, coordinator);
}

/** Direct and redirected I/O that has waited longer than ioTimeoutMs has failed. */
function expire(csv: CsvState, host: CsvHost, volume: VolumeState, record: SharedVolumeRecord): void {
  const nowMs = host.io.now();
  if (volume.redirected !== null && nowMs - volume.redirected.issuedAtMs >= csvTiming.ioTimeoutMs) {
    volume.redirected = null;
    volume.writesFailed++;
    csv.counters.redirectedFailures++;
  }
  if (volume.direct !== null && nowMs - volume.direct.issuedAtMs >= csvTiming.ioTimeoutMs) {
    const kind = volume.direct.kind;
    volume.direct = null;
    directFailed(csv, host, { volume, record, detail: `a direct ${kind.toLowerCase()} had no answer from the LUN in ${csvTiming.ioTimeoutMs} ms`, redirect: false });
  }
}

function stepCoordinator(csv: CsvState, host: CsvHost, volume: VolumeState): void {
  // The database says so before this node's resource monitor has the disk: wait for it.
  if (host.cluster.rcm.hosted[volume.disk]?.state !== 'Online') return;
  volume.registered = true;
  if (volume.StateInfo !== 'Direct' && volume.pathUp) toDirect(host, volume);
  if (volume.direct === null) issueDirect(csv, host, volume, 'Write');
}

function stepMember(csv: CsvState, host: CsvHost, volume: VolumeState, coordinator: string): void {
  const arbitrating = (host.cluster.arbitration?.disks[volume.disk]?.role.role ?? 'Offline') !== 'Offline';
  // Lost the coordinator role here: the arbitration's release unregistered this node's key.
  if (arbitrating) volume.registered = false;
  if (!arbitrating && volume.direct === null) issueDirect(csv, host, volume, volume.registered && volume.pathUp && volume.StateInfo === 'Direct' ? 'Write' : 'Probe');
  if (volume.StateInfo === 'BlockRedirected' && volume.redirected === null) redirectWrite(csv, host, volume, coordinator);
}

/** One tick of one volume. */
export function stepVolume(csv: CsvState, host: CsvHost, volume: VolumeState, record: SharedVolumeRecord): void {
  expire(csv, host, volume, record);
  const cluster = host.cluster;
  if (cluster.view === null || cluster.arbitration === undefined) {
    volume.StateInfo = 'Unavailable';
    volume.registered = false;
    return;
  }
  const members = cluster.view.members.map((m) => m.name);
  const coordinator = record.coordinator;
  const present = coordinator !== undefined && members.includes(coordinator);
  if (!present || record.resourceState !== 'Online') {
    return toPaused(host, volume, present ? 'STATUS_DEVICE_NOT_CONNECTED(c000009d)' : 'STATUS_CONNECTION_DISCONNECTED(c000020c)');
  }
  if (volume.StateInfo === 'Paused') resume(volume);
  if (coordinator === host.io.self) return stepCoordinator(csv, host, volume);
  stepMember(csv, host, volume, coordinator);
}

/** A direct command of this node answered. */
export function onDirectCompletion(csv: CsvState, host: CsvHost, o: { volume: VolumeState; record: SharedVolumeRecord | undefined; op: DirectOp; completion: StorageCompletion }): void {
  const { volume, op } = o;
  const result = o.completion.result;
  volume.direct = null;
  const fail = (detail: string, redirect: boolean) => directFailed(csv, host, { volume, record: o.record, detail, redirect });
  const isCoordinator = o.record?.coordinator === host.io.self;
  if (op.kind === 'Probe') {
    if (result.type !== 'Keys') return fail(`READ KEYS on ${volumeFriendlyName(volume.volumeNumber)}: ${describe(result)}`, false);
    volume.pathUp = true;
    const key = selfKeyOf(host);
    volume.registered = key !== undefined && result.keys.includes(key);
    if (!volume.registered) return issueDirect(csv, host, volume, 'Register');
    return isCoordinator || o.record?.resourceState !== 'Online' ? undefined : toDirect(host, volume);
  }
  if (op.kind === 'Register') {
    if (result.type !== 'Done') return fail(`REGISTER: ${describe(result)}`, false);
    volume.registered = true;
    volume.pathUp = true;
    return toDirect(host, volume);
  }
  if (result.type === 'Done') {
    volume.writesDirect++;
    volume.pathUp = true;
    if (isCoordinator || volume.StateInfo === 'BlockRedirected') toDirect(host, volume);
    return;
  }
  if (result.type === 'ReservationConflict' && !isCoordinator) {
    // This node's key is not on the LUN (it was fenced, or released with the coordinator role).
    volume.registered = false;
    if (o.record?.coordinator !== undefined) redirectWrite(csv, host, volume, o.record.coordinator);
    return;
  }
  fail(`WRITE: ${describe(result)}`, true);
}

function describe(result: StorageCompletion['result']): string {
  return result.type === 'Failed' ? `${result.reason}: ${result.detail}` : result.type === 'CheckCondition' ? `CHECK CONDITION ${result.text}` : result.type;
}
