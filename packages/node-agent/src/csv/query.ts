// Get-ClusterSharedVolumeState [-Name] [-Node] (facts §13 [S2]): one object per CSV per node,
// answered on any node. Each node's state is its own (how it reaches the LUN right now), so the
// node that runs the cmdlet asks the other members over the cluster network and answers once all
// have replied or csvTiming.queryTimeoutMs has passed; a node that is down or silent is left out.
// (The alternative, every node publishing its state through the GUM, would put each direct ↔
// redirected flip through the cluster-wide update order for a value only this cmdlet reads.)
import { ownValue, type CmdletError, type NodeMessage } from '@wsfc-lab/protocol';
import { notInCluster, namesOf } from '../cluster/cmdlet-support.js';
import type { CmdletCall } from '../subsystem.js';
import { csvErrors } from './errors.js';
import { blockRedirectedReasonOf, csvSubsystemName, type CsvHost, type CsvState, type StateQuery } from './state.js';
import { csvLimits, csvTiming } from './timing.js';
import { sharedVolumesOf, volumeFriendlyName, volumeGuidPath, type SharedVolumeRecord } from './volumes.js';

type StateReply = Extract<NodeMessage, { type: 'CsvStateReply' }>;
type VolumeAnswer = StateReply['volumes'][number];

/** This node's answer: its state of every CSV the database has. */
export function ownAnswer(csv: CsvState, host: CsvHost): VolumeAnswer[] {
  return sharedVolumesOf(host.cluster.gum.copy.entries).map((record) => {
    const volume = csv.volumes[record.disk];
    return { disk: record.disk, StateInfo: volume?.StateInfo ?? 'Unavailable', BlockRedirectedIOReason: volume ? blockRedirectedReasonOf(volume) : 'NotBlockRedirected' };
  });
}

function stateObject(record: SharedVolumeRecord, node: string, answer: VolumeAnswer | undefined) {
  return {
    Name: record.disk,
    VolumeName: volumeGuidPath(record.disk),
    Node: node,
    StateInfo: answer?.StateInfo ?? 'Unavailable',
    VolumeFriendlyName: volumeFriendlyName(record.volumeNumber),
    FileSystemRedirectedIOReason: 'NotFileSystemRedirected',
    BlockRedirectedIOReason: answer?.BlockRedirectedIOReason ?? 'NotBlockRedirected',
  };
}

function finish(csv: CsvState, host: CsvHost, query: StateQuery): void {
  delete csv.queries[query.requestId];
  host.io.cancelTimer(query.timerId);
  const records = sharedVolumesOf(host.cluster.gum.copy.entries).filter((r) => query.disks === null || query.disks.includes(r.disk));
  const output = records.flatMap((record) => query.nodes.filter((node) => query.answers[node] !== undefined).map((node) => stateObject(record, node, query.answers[node]?.find((a) => a.disk === record.disk))));
  host.io.reply(query.requestId, { ok: true, output });
}

/** Which CSVs and nodes the call names, or the error to answer with. */
function selection(host: CsvHost, call: CmdletCall): { disks: string[] | null; nodes: string[] } | CmdletError {
  const identity = host.cluster.identity!;
  const records = sharedVolumesOf(host.cluster.gum.copy.entries);
  const names = namesOf(call, 'InputObject') ?? namesOf(call);
  const disks: string[] = [];
  for (const name of names ?? []) {
    const record = records.find((r) => r.disk.toLowerCase() === name.toLowerCase());
    if (!record) return csvErrors.notSharedVolume('Get-ClusterSharedVolumeState', name);
    disks.push(record.disk);
  }
  const wanted = namesOf(call, 'Node');
  for (const node of wanted ?? []) if (!identity.nodes.some((n) => n.name.toLowerCase() === node.toLowerCase())) return csvErrors.nodeNotFound(node);
  const members = new Set(host.cluster.view?.members.map((m) => m.name) ?? [host.io.self]);
  const nodes = identity.nodes
    .map((n) => n.name)
    .filter((n) => members.has(n) && (wanted === undefined || wanted.some((w) => w.toLowerCase() === n.toLowerCase())));
  return { disks: names === undefined ? null : disks, nodes };
}

export function getClusterSharedVolumeState(csv: CsvState, call: CmdletCall, host: CsvHost): void {
  if (!host.cluster.identity) return host.io.reply(call.requestId, { ok: false, error: notInCluster(host.io.self) });
  const inFlight = Object.keys(csv.queries).length;
  if (inFlight >= csvLimits.queriesInFlightMax) return host.io.reply(call.requestId, { ok: false, error: csvErrors.tooManyQueries(inFlight) });
  const chosen = selection(host, call);
  if ('message' in chosen) return host.io.reply(call.requestId, { ok: false, error: chosen });
  const timerId = host.io.setTimer(csvTiming.queryTimeoutMs, { subsystem: csvSubsystemName, type: 'QueryDeadline', requestId: call.requestId });
  const query: StateQuery = { requestId: call.requestId, disks: chosen.disks, nodes: chosen.nodes, answers: {}, timerId };
  csv.queries[call.requestId] = query;
  for (const node of chosen.nodes) {
    if (node === host.io.self) {
      query.answers[node] = ownAnswer(csv, host);
      continue;
    }
    const network = host.networksTo(node)[0];
    if (network !== undefined) host.io.send(node, network, { type: 'CsvStateQuery', requestId: call.requestId });
  }
  if (chosen.nodes.every((n) => query.answers[n] !== undefined)) finish(csv, host, query);
}

/** Another node's answer; the query ends once every node asked has answered. */
export function onStateReply(csv: CsvState, host: CsvHost, from: string, message: StateReply): void {
  const query = ownValue(csv.queries, message.requestId);
  if (!query || !query.nodes.includes(from)) return;
  query.answers[from] = message.volumes;
  if (query.nodes.every((n) => query.answers[n] !== undefined)) finish(csv, host, query);
}

export function onQueryDeadline(csv: CsvState, host: CsvHost, requestId: string): void {
  const query = ownValue(csv.queries, requestId);
  if (query) finish(csv, host, query);
}
