// Who holds each disk's reservation at the end of the history, as the target last reported it:
// the state each completed PERSISTENT RESERVE OUT left behind, reset when the target restarts and
// set again by the reservations it restored (APTPL). Liveness uses it to say "Cluster Disk 2
// reserved by a dead node's key".
import type { HistoryEntry } from '@wsfc-lab/protocol';
import { entriesOf, nameKey, nodesByInitiator } from './_history.js';

export interface DiskReservation {
  disk: string;
  /** The holder's node (null for an all-registrants type), and its IQN and key as the target reported them. */
  node: string | null;
  holder: string | null;
  holderKey: string | null;
  reservationType: string;
  sinceMs: number;
}

/** disk (lower case) → its reservation at the end, for disks that have one. */
export function finalReservations(history: readonly HistoryEntry[]): Map<string, DiskReservation> {
  const nodes = nodesByInitiator(history);
  const held = new Map<string, DiskReservation>();
  for (const entry of entriesOf(history, ['PersistentReserveOut', 'PersistentReservationsRestored', 'PersistentReservationsDiscarded', 'ActorStarted'])) {
    const { event } = entry;
    if (event.type === 'ActorStarted') {
      if (event.kind === 'storage' && event.incarnation > 0) held.clear();
      continue;
    }
    if (event.type === 'PersistentReserveOut' && event.status !== 'Good') continue;
    const key = nameKey(event.disk);
    if (event.type === 'PersistentReservationsDiscarded' || event.reservationType === null) {
      held.delete(key);
      continue;
    }
    const holderKey = event.type === 'PersistentReserveOut' ? event.holderKey : null;
    const node = event.holder === null ? null : (nodes.get(event.holder) ?? event.holder);
    held.set(key, { disk: event.disk, node, holder: event.holder, holderKey, reservationType: event.reservationType, sinceMs: entry.atMs });
  }
  return held;
}
