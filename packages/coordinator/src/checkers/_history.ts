// What every checker needs from the history: the entries of a few event types, in simulated-time
// order. In threads each worker stamps its own events, and they can reach the coordinator's history
// in another order than they happened; one actor's events keep their order (seq breaks ties).
import type { HistoryEntry, LabEvent } from '@wsfc-lab/protocol';

export type EventOf<T extends LabEvent['type']> = Extract<LabEvent, { type: T }>;

export type EntryOf<T extends LabEvent['type']> = Omit<HistoryEntry, 'event'> & { event: EventOf<T> };

/** The entries whose event type is one of `types`, sorted by atMs then seq. */
export function entriesOf<T extends LabEvent['type']>(history: readonly HistoryEntry[], types: readonly T[]): EntryOf<T>[] {
  const wanted: ReadonlySet<string> = new Set(types);
  return history.filter((e): e is EntryOf<T> => wanted.has(e.event.type)).sort((a, b) => a.atMs - b.atMs || a.seq - b.seq);
}

/** Cluster object names (nodes, disks, roles, VMs) compare without case, as Windows compares them. */
export const nameKey = (name: string): string => name.toLowerCase();

export const wholeMs = (atMs: number): number => Math.round(atMs);

/** The node each iSCSI initiator name belongs to, as the target saw it (sessions, PR commands, writes). */
export function nodesByInitiator(history: readonly HistoryEntry[]): Map<string, string> {
  const nodes = new Map<string, string>();
  for (const { event } of history) {
    if (event.type === 'IscsiSessionEstablished' || event.type === 'PersistentReserveOut' || event.type === 'ScsiWrite') nodes.set(event.initiator, event.node);
  }
  return nodes;
}
