// The CSV subsystem's entry points for node.ts: its periodic tick, its messages, the completions of
// its storage commands, its cmdlet, and its invariants. It reads the cluster service's state (the
// database, the view, the resource monitor's and the arbitration's view of each disk) and never
// changes it: what the cluster decides (who coordinates, where the disk moves) it only follows.
import { assert, type NodeMessage } from '@wsfc-lab/protocol';
import type { StorageCompletion } from '../storage/mod.js';
import type { CmdletCall, FrameIn } from '../subsystem.js';
import { onDirectCompletion, stepVolume } from './io-loop.js';
import { getClusterSharedVolumeState, onQueryDeadline, onStateReply, ownAnswer } from './query.js';
import { onRedirectedIoReply, onServedCompletion, serveRedirectedIo } from './redirect.js';
import { csvSubsystemName, initCsvState, newVolumeState, type CsvHost, type CsvState, type CsvTimer } from './state.js';
import { csvLimits, csvTiming } from './timing.js';
import { sharedVolumesOf } from './volumes.js';
import type { ActorIo } from '@wsfc-lab/protocol';

export function initCsv(node: string, io: ActorIo<CsvTimer>): CsvState {
  io.setTimer(csvTiming.ioIntervalMs, { subsystem: csvSubsystemName, type: 'IoTick' });
  return initCsvState(node);
}

/** Follows the database: a volume for every CSV, none for a disk that is no longer one. */
function syncVolumes(csv: CsvState, host: CsvHost) {
  const records = sharedVolumesOf(host.cluster.gum.copy.entries).slice(0, csvLimits.volumesMax);
  for (const disk of Object.keys(csv.volumes)) if (!records.some((r) => r.disk === disk)) delete csv.volumes[disk];
  for (const record of records) {
    const volume = (csv.volumes[record.disk] ??= newVolumeState(record.disk, record.volumeNumber));
    volume.volumeNumber = record.volumeNumber;
  }
  return records;
}

export function onCsvTick(csv: CsvState, host: CsvHost): void {
  host.io.setTimer(csvTiming.ioIntervalMs, { subsystem: csvSubsystemName, type: 'IoTick' });
  for (const record of syncVolumes(csv, host)) stepVolume(csv, host, csv.volumes[record.disk]!, record);
}

export function onCsvTimer(csv: CsvState, timer: CsvTimer, host: CsvHost): void {
  switch (timer.type) {
    case 'IoTick':
      return onCsvTick(csv, host);
    case 'QueryDeadline':
      return onQueryDeadline(csv, host, timer.requestId);
  }
}

export function isCsvMessage(message: NodeMessage): boolean {
  return message.type.startsWith('Csv');
}

/** Handles the frame if it is a CSV message, and says whether it was. */
export function onCsvMessage(csv: CsvState, frame: FrameIn, host: CsvHost): boolean {
  const message = frame.message;
  switch (message.type) {
    case 'CsvRedirectedIo':
      serveRedirectedIo(csv, host, frame.source, message);
      return true;
    case 'CsvRedirectedIoReply':
      onRedirectedIoReply(csv, message);
      return true;
    case 'CsvStateQuery': {
      const network = host.networksTo(frame.source)[0] ?? frame.network;
      host.io.send(frame.source, network, { type: 'CsvStateReply', requestId: message.requestId, volumes: ownAnswer(csv, host) });
      return true;
    }
    case 'CsvStateReply':
      onStateReply(csv, host, frame.source, message);
      return true;
    default:
      return false;
  }
}

/** The completions of this subsystem's storage commands (by their tag); the rest are not its. */
export function onCsvCompletions(csv: CsvState, completions: readonly StorageCompletion[], host: CsvHost): void {
  const records = sharedVolumesOf(host.cluster.gum.copy.entries);
  for (const completion of completions) {
    if (completion.tag.subsystem !== csvSubsystemName) continue;
    const token = completion.tag.token;
    if (csv.served[token]) {
      onServedCompletion(csv, host, token, completion);
      continue;
    }
    const volume = Object.values(csv.volumes).find((v) => v.direct?.token === token);
    if (!volume || !volume.direct) {
      csv.counters.lateCompletions++;
      continue;
    }
    onDirectCompletion(csv, host, { volume, record: records.find((r) => r.disk === volume.disk), op: volume.direct, completion });
  }
}

export const csvCmdlets: Readonly<Record<string, (csv: CsvState, call: CmdletCall, host: CsvHost) => void>> = {
  'Get-ClusterSharedVolumeState': getClusterSharedVolumeState,
};

export function checkCsvInvariants(csv: CsvState): void {
  const served = Object.keys(csv.served).length;
  assert(served === csv.servedCount, `${csv.node}: ${served} redirected writes are being served but servedCount is ${csv.servedCount}`);
  assert(csv.servedCount <= csvLimits.servedWritesMax, `${csv.node}: ${csv.servedCount} redirected writes served at once, more than servedWritesMax ${csvLimits.servedWritesMax}`);
  for (const volume of Object.values(csv.volumes)) {
    assert(volume.StateInfo !== 'Direct' || volume.pathUp, `${csv.node}: '${volume.disk}' is Direct while its last direct command failed`);
  }
}
