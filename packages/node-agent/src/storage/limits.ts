// Bounds of the initiator's tables (STYLE 7). A bound that is hit drops the newest item, counts it
// and records a probe; nothing grows without limit.
import { assert, limits } from '@wsfc-lab/protocol';

export const storageLimits = {
  /** Requests in flight at once: the Microsoft initiator's MaxPendingRequests default, 255. */
  pendingRequestsMax: 255,
  /** Completions waiting for node.ts to route them to the subsystem that asked. */
  completionsQueuedMax: 1024,
  /** Completions settled in one step before the rest wait for the next one (a bounded loop). */
  completionsSettledPerStepMax: 4096,
  /** Discovery portals (Get-IscsiTargetPortal). */
  targetPortalsMax: 64,
  /** Targets known from discovery, favourites and sessions. */
  knownTargetsMax: 256,
  /** Favourite targets. */
  persistentTargetsMax: 64,
  /** Sessions, one per target. */
  sessionsMax: 64,
  /** iSCSI disks remembered (present or not), by serial number. */
  disksMax: 256,
  /** Disk-management cmdlets queued behind the one running. */
  diskOperationsQueuedMax: 32,
  /** READ rounds to read one disk's layout (partition table, then boot sectors, then $Volume). */
  layoutReadRoundsMax: 8,
  /** READs issued in one round of a layout read. */
  layoutReadsPerRoundMax: 16,
  /** Volumes the mount manager's database remembers. */
  mountEntriesMax: 1024,
} as const;

// Every pending request has a timer, every session up to two more; they must fit in the actor's.
assert(storageLimits.pendingRequestsMax + 2 * storageLimits.sessionsMax < limits.timersPerActorMax, 'storage timers must fit in timersPerActorMax');
assert(storageLimits.layoutReadsPerRoundMax * 4 <= storageLimits.pendingRequestsMax, 'a layout read must not fill the pending table');
