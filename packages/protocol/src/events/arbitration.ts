// Disk arbitration through the storage target (facts §3.2, issue 5 item 6): a node challenging for
// a clustered disk (a Physical Disk resource or the disk witness), defending the reservation it
// holds, fencing the keys of nodes that left the membership, and losing a disk. Only the loss has
// a System-log ID: 1038 RES_DISK_RESERVATION_LOST (facts §16.1); the rest are cluster.log lines
// under RES, where the real cluster.log logs its Physical Disk resources ("Physical Disk <name>:").
import type { Catalog } from './catalog.js';

/** What the arbitration was for: a Physical Disk resource coming online, or the witness for a regroup. */
export type ArbitrationPurpose = 'Resource' | 'Witness';

/** How a node found out it lost a disk. */
export type ReservationLossCause =
  /** A member of this node's view preempted its key (the cluster moved the disk). */
  | 'Preempted'
  /** Its key was gone and the time it may still defend in (its lease) had run out. */
  | 'LeaseExpired'
  /** Its checks could not reach the disk for longer than the lease. */
  | 'CheckFailed'
  /** Its attempt to restore its key failed. */
  | 'DefenceFailed';

export type ArbitrationEvent =
  | { type: 'DiskArbitrationStarted'; node: string; disk: string; purpose: ArbitrationPurpose; members: string[] }
  | {
      type: 'DiskArbitrationEnded';
      node: string;
      disk: string;
      purpose: ArbitrationPurpose;
      outcome: 'Won' | 'Lost';
      /** Why, in words ("the owner defended its key", "the witness tag refuses view 7"...). */
      reason: string;
      durationMs: number;
    }
  /** Keys removed with PREEMPT: the holder a challenger took the disk from, or nodes that left the membership. */
  | { type: 'DiskKeysPreempted'; node: string; disk: string; keys: string[]; holders: string[] }
  /** The owner found its key gone and restored it, taking the reservation back from `preemptor`. */
  | { type: 'DiskReservationDefended'; node: string; disk: string; preemptor: string }
  | { type: 'DiskReservationLost'; node: string; disk: string; cause: ReservationLossCause; preemptor: string | null; detail: string };

export const arbitrationCatalog: Catalog<ArbitrationEvent> = {
  DiskArbitrationStarted: {
    level: 'Information',
    component: 'RES',
    message: (e) => `Physical Disk <${e.disk}>: ${e.node} starts arbitration (${e.purpose === 'Witness' ? 'witness for' : 'online with'} members ${e.members.join(', ')})`,
  },
  DiskArbitrationEnded: {
    level: (e) => (e.outcome === 'Won' ? 'Information' : 'Warning'),
    component: 'RES',
    message: (e) => `Physical Disk <${e.disk}>: arbitration by ${e.node} ${e.outcome === 'Won' ? 'succeeded' : 'failed'} after ${e.durationMs} ms: ${e.reason}`,
  },
  DiskKeysPreempted: {
    level: 'Information',
    component: 'RES',
    message: (e) => `Physical Disk <${e.disk}>: ${e.node} preempted reservation keys ${e.keys.join(', ')} (${e.holders.join(', ')})`,
  },
  DiskReservationDefended: {
    level: 'Warning',
    component: 'RES',
    message: (e) => `Physical Disk <${e.disk}>: ${e.node} found its reservation key preempted by ${e.preemptor} and restored it`,
  },
  DiskReservationLost: {
    Id: 1038,
    level: 'Error',
    component: 'RES',
    message: (e) =>
      `Ownership of cluster disk '${e.disk}' has been unexpectedly lost by this node. Run the Validate a Configuration wizard to check your storage configuration. (${e.cause}: ${e.detail})`,
  },
};
