// What the history tells about why a role is not online, gathered once for the liveness checker:
// each node's fate (killed, crashed, powered off, started again), quorum it lost and did not get
// back, the last failure of each group and resource, lost disk arbitrations and reservations, the
// disks' final reservations, and each VM's last state and failed migration.
import type { HistoryEntry } from '@wsfc-lab/protocol';
import { entriesOf, nameKey, wholeMs, type EntryOf } from './_history.js';
import { finalReservations, type DiskReservation } from './final-reservations.js';

export interface NodeFate {
  dead: boolean;
  /** "killed at 4081 ms", "started again at 29083 ms". */
  words: string;
}

export interface LivenessFacts {
  nodeFates: Map<string, NodeFate>;
  /** Nodes that lost quorum (or halted) and installed no view since: node → words. */
  withoutQuorum: Map<string, string>;
  groupFailures: Map<string, string[]>;
  resourceFailures: Map<string, { group: string; resourceType: string; words: string }>;
  diskTroubles: Map<string, string[]>;
  reservations: Map<string, DiskReservation>;
  vms: Map<string, string[]>;
}

const at = (entry: { atMs: number }) => `at ${wholeMs(entry.atMs)} ms`;

/** Keeps the latest line of each kind per key, in the order the kinds first appeared. */
function push(map: Map<string, Map<string, string>>, o: { key: string; kind: string; words: string }): void {
  const lines = map.get(o.key) ?? new Map<string, string>();
  lines.set(o.kind, o.words);
  map.set(o.key, lines);
}

const flatten = (map: Map<string, Map<string, string>>): Map<string, string[]> => new Map([...map].map(([key, lines]) => [key, [...lines.values()]]));

function nodeFacts(history: readonly HistoryEntry[]): Pick<LivenessFacts, 'nodeFates' | 'withoutQuorum'> {
  const nodeFates = new Map<string, NodeFate>();
  const withoutQuorum = new Map<string, string>();
  for (const entry of entriesOf(history, ['ActorKilled', 'ActorCrashed', 'ActorStarted', 'MachinePoweredOff', 'ClusterQuorumLost', 'ClusterMembershipHalted', 'RegroupViewInstalled'])) {
    const { event, source } = entry;
    if (event.type === 'ActorKilled') nodeFates.set(nameKey(event.actor), { dead: true, words: `its worker was killed ${at(entry)} and not started again` });
    else if (event.type === 'ActorCrashed') nodeFates.set(nameKey(event.actor), { dead: true, words: `its worker crashed ${at(entry)} (${event.error}) and was not started again` });
    else if (event.type === 'MachinePoweredOff') nodeFates.set(nameKey(event.node), { dead: true, words: `it was shut down ${at(entry)} (Stop-Computer)` });
    else if (event.type === 'ActorStarted' && event.kind === 'node') nodeFates.set(nameKey(source), { dead: false, words: `started ${at(entry)}` });
    else if (event.type === 'ClusterQuorumLost') withoutQuorum.set(nameKey(event.node), `lost quorum ${at(entry)} (1177: ${event.detail}) and has not rejoined`);
    else if (event.type === 'ClusterMembershipHalted') withoutQuorum.set(nameKey(event.node), `its cluster service halted ${at(entry)} (1006) and it has not rejoined`);
    else if (event.type === 'RegroupViewInstalled' && event.members.some((m) => nameKey(m) === nameKey(source))) withoutQuorum.delete(nameKey(source));
  }
  return { nodeFates, withoutQuorum };
}

type FailureEntry = EntryOf<'GroupTerminalFailure' | 'GroupFailedOnlineOffline' | 'ResourceFailed' | 'DiskArbitrationEnded' | 'DiskReservationLost'>;

function failureFacts(history: readonly HistoryEntry[]): Pick<LivenessFacts, 'groupFailures' | 'resourceFailures' | 'diskTroubles'> {
  const groupFailures = new Map<string, Map<string, string>>();
  const resourceFailures = new Map<string, { group: string; resourceType: string; words: string }>();
  const diskTroubles = new Map<string, Map<string, string>>();
  const failures: FailureEntry[] = entriesOf(history, ['GroupTerminalFailure', 'GroupFailedOnlineOffline', 'ResourceFailed', 'DiskArbitrationEnded', 'DiskReservationLost']);
  for (const entry of failures) {
    const { event } = entry;
    if (event.type === 'GroupTerminalFailure') push(groupFailures, { key: nameKey(event.group), kind: 'terminal', words: `exceeded its failover threshold (${event.failoverThreshold} in ${event.failoverPeriodHours} h) on ${event.node} ${at(entry)} (1254)` });
    else if (event.type === 'GroupFailedOnlineOffline') push(groupFailures, { key: nameKey(event.group), kind: 'online', words: `failed to come online on ${event.node} ${at(entry)} (1205)` });
    else if (event.type === 'ResourceFailed') resourceFailures.set(nameKey(event.resource), { group: event.group, resourceType: event.resourceType, words: `resource '${event.resource}' (${event.resourceType}) failed on ${event.node} ${at(entry)} (1069)` });
    else if (event.type === 'DiskArbitrationEnded' && event.outcome === 'Lost' && event.purpose === 'Resource') push(diskTroubles, { key: nameKey(event.disk), kind: `arbitration ${event.node}`, words: `${event.node} lost the arbitration for "${event.disk}" ${at(entry)}: ${event.reason}` });
    else if (event.type === 'DiskReservationLost') push(diskTroubles, { key: nameKey(event.disk), kind: `reservation ${event.node}`, words: `${event.node} lost the reservation of "${event.disk}" ${at(entry)} (1038, ${event.cause}: ${event.detail})` });
  }
  return { groupFailures: flatten(groupFailures), resourceFailures, diskTroubles: flatten(diskTroubles) };
}

function vmFacts(history: readonly HistoryEntry[]): Map<string, string[]> {
  const vms = new Map<string, Map<string, string>>();
  for (const entry of entriesOf(history, ['VmStateChanged', 'MigrationFailed'])) {
    const { event } = entry;
    if (event.type === 'VmStateChanged') push(vms, { key: nameKey(event.vm), kind: 'state', words: `VM '${event.vm}' went ${event.State} on ${event.node} ${at(entry)} (${event.cause})` });
    else push(vms, { key: nameKey(event.vm), kind: 'migration', words: `${event.migrationType.toLowerCase()} migration from ${event.source} to ${event.destination} failed ${at(entry)}: ${event.reason}` });
  }
  return flatten(vms);
}

export function livenessFacts(history: readonly HistoryEntry[]): LivenessFacts {
  return { ...nodeFacts(history), ...failureFacts(history), reservations: finalReservations(history), vms: vmFacts(history) };
}
