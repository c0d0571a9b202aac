// The checker of "never a write accepted from a node whose key was preempted" (DESIGN "What the
// lab checks", facts §3.2): once a PERSISTENT RESERVE OUT that completed with GOOD removed an
// initiator's registration from a disk (PREEMPT when a challenger takes the disk or the owner fences
// a node that left the membership; CLEAR), the target must refuse that initiator's WRITEs to the disk
// until it registers a key again (a live owner's defence, or a later arbitration). The target
// enforces this on every WRITE (storage-target block-io.ts); this checker holds it to it over the
// history (STYLE 8: the same rule on both sides of the boundary).
//
// It reads the target's PersistentReserveOut (`removed`, and REGISTER / REGISTER AND IGNORE
// EXISTING KEY with a non-zero key, which ends the fence) and ScsiWrite (status Good). A fence
// outlives a target restart: the fenced node has not registered again, whatever the target forgot.
import { zeroReservationKey } from '@wsfc-lab/protocol';
import type { HistoryEntry } from '@wsfc-lab/protocol';
import type { Violation } from '../scenario/report.js';
import { entriesOf, nameKey, wholeMs, type EntryOf } from './_history.js';

export const noWriteAfterPreemptionRule = 'no-write-after-preemption';

interface Fence {
  disk: string;
  initiator: string;
  key: string;
  atMs: number;
  /** The node whose command removed the key, and the service action. */
  by: string;
  serviceAction: string;
  /** One violation per fence: the first WRITE accepted through it. */
  reported: boolean;
}

const fenceKey = (disk: string, initiator: string): string => `${nameKey(disk)}\u0000${initiator}`;

function breach(fence: Fence, write: EntryOf<'ScsiWrite'>): Violation {
  const w = write.event;
  return {
    rule: noWriteAfterPreemptionRule,
    detail:
      `"${w.disk}" accepted a WRITE at LBA ${w.lba} from ${w.node} (${w.initiator}) at ${wholeMs(write.atMs)} ms, although ${fence.by}'s ${fence.serviceAction} ` +
      `removed its key ${fence.key} at ${wholeMs(fence.atMs)} ms and it had not registered again (reservation ${w.reservationType ?? 'none'}, PRgeneration ${w.generation})`,
    atMs: wholeMs(write.atMs),
    evidence: { disk: w.disk, node: w.node, initiator: w.initiator, lba: w.lba, writeAtMs: wholeMs(write.atMs), removedKey: fence.key, removedBy: fence.by, serviceAction: fence.serviceAction, removedAtMs: wholeMs(fence.atMs), generation: w.generation },
  };
}

/** Every fenced initiator whose WRITE the target accepted before it registered again. */
export function checkNoWriteAfterPreemption(history: readonly HistoryEntry[]): Violation[] {
  const fences = new Map<string, Fence>();
  const violations: Violation[] = [];
  for (const entry of entriesOf(history, ['PersistentReserveOut', 'ScsiWrite'])) {
    const { event } = entry;
    if (event.status !== 'Good') continue;
    if (event.type === 'ScsiWrite') {
      const fence = fences.get(fenceKey(event.disk, event.initiator));
      if (fence && !fence.reported) {
        fence.reported = true;
        violations.push(breach(fence, entry as EntryOf<'ScsiWrite'>));
      }
      continue;
    }
    const registers = event.serviceAction === 'Register' || event.serviceAction === 'RegisterAndIgnoreExistingKey';
    if (registers && event.serviceActionKey !== zeroReservationKey) fences.delete(fenceKey(event.disk, event.initiator));
    for (const removed of event.removed) {
      fences.set(fenceKey(event.disk, removed.initiator), { disk: event.disk, initiator: removed.initiator, key: removed.key, atMs: entry.atMs, by: event.node, serviceAction: event.serviceAction, reported: false });
    }
  }
  return violations;
}
