// Block-redirected I/O (facts §13): a node that cannot reach the LUN sends its write to the
// coordinator over the cluster network (cluster networks first), the coordinator performs it on
// the LUN with its own initiator (it holds the reservation) and answers with the outcome. A node
// that is not (or no longer) the coordinator answers NotCoordinator; the sender tries again on its
// next tick, with the coordinator the database names then.
import type { NodeMessage } from '@wsfc-lab/protocol';
import { writeBlocks, type StorageCompletion } from '../storage/mod.js';
import { heartbeatBlock, heartbeatLba } from './_blocks.js';
import { csvSubsystemName, type CsvHost, type CsvState, type VolumeState } from './state.js';
import { csvLimits } from './timing.js';
import { sharedVolumesOf } from './volumes.js';

type RedirectedIo = Extract<NodeMessage, { type: 'CsvRedirectedIo' }>;
type RedirectedIoReply = Extract<NodeMessage, { type: 'CsvRedirectedIoReply' }>;

/** Sends this node's periodic write for `volume` to `coordinator`. */
export function redirectWrite(csv: CsvState, host: CsvHost, volume: VolumeState, coordinator: string): void {
  const lba = heartbeatLba(host, volume.disk);
  const network = host.networksTo(coordinator)[0];
  if (lba === undefined || network === undefined) {
    volume.writesFailed++;
    csv.counters.redirectedFailures++;
    return;
  }
  const requestId = `csv-r${csv.nextToken++}`;
  volume.redirected = { requestId, coordinator, issuedAtMs: host.io.now() };
  host.io.send(coordinator, network, { type: 'CsvRedirectedIo', requestId, disk: volume.disk, lba, data: heartbeatBlock(host.io.self, host.io.now()) });
}

function reply(host: CsvHost, to: string, message: RedirectedIoReply): void {
  const network = host.networksTo(to)[0];
  if (network !== undefined) host.io.send(to, network, message);
}

/** The coordinator's side: perform the write on the LUN, or say why not. */
export function serveRedirectedIo(csv: CsvState, host: CsvHost, from: string, message: RedirectedIo): void {
  const refuse = (status: 'NotCoordinator' | 'Busy', detail: string) => {
    csv.counters.servedRefused++;
    reply(host, from, { type: 'CsvRedirectedIoReply', requestId: message.requestId, disk: message.disk, status, detail });
  };
  const record = sharedVolumesOf(host.cluster.gum.copy.entries).find((v) => v.disk === message.disk);
  if (record?.coordinator !== host.io.self || host.cluster.rcm.hosted[message.disk]?.state !== 'Online') {
    return refuse('NotCoordinator', `${host.io.self} is not the coordinator of '${message.disk}' (the database names ${record?.coordinator ?? 'none'})`);
  }
  if (csv.servedCount >= csvLimits.servedWritesMax) return refuse('Busy', `${csv.servedCount} redirected writes are in flight on ${host.io.self} (servedWritesMax)`);
  const token = `csv-s${csv.nextToken++}`;
  csv.served[token] = { from, requestId: message.requestId, disk: message.disk };
  csv.servedCount++;
  writeBlocks(host.storage, host.io, { disk: { name: message.disk }, tag: { subsystem: csvSubsystemName, token }, lba: message.lba, data: message.data });
}

/** The coordinator's write for another node answered: pass the outcome on. */
export function onServedCompletion(csv: CsvState, host: CsvHost, token: string, completion: StorageCompletion): void {
  const served = csv.served[token];
  if (!served) return;
  delete csv.served[token];
  csv.servedCount--;
  csv.counters.servedWrites++;
  const result = completion.result;
  const detail = result.type === 'Failed' ? `${result.reason}: ${result.detail}` : result.type;
  reply(host, served.from, { type: 'CsvRedirectedIoReply', requestId: served.requestId, disk: served.disk, status: result.type === 'Done' ? 'Done' : 'Failed', detail });
}

/** The sender's side: the coordinator answered. */
export function onRedirectedIoReply(csv: CsvState, message: RedirectedIoReply): void {
  const volume = csv.volumes[message.disk];
  if (volume === undefined || volume.redirected?.requestId !== message.requestId) {
    csv.counters.lateCompletions++;
    return;
  }
  volume.redirected = null;
  if (message.status === 'Done') volume.writesRedirected++;
  else {
    volume.writesFailed++;
    csv.counters.redirectedFailures++;
  }
}
