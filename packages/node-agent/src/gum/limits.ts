// Bounds and timing defaults of the Global Update Manager (STYLE 7). They live here until they
// are merged into protocol's limits module. Every queue, table and message array of the GUM has a
// named bound; sizes are chosen so that the largest message (a snapshot chunk or a state report
// carrying the last update) stays well inside `limits.frameBytesMax`.
import { assert, limits } from '@wsfc-lab/protocol';

export const gumLimits = {
  /** Characters in a database path such as `Groups/VM1/OwnerNode`. */
  pathCharsMax: 256,
  /** Characters in a string value. */
  stringValueCharsMax: 1024,
  /** Items in an array value (PossibleOwners, PreferredOwners...). */
  arrayItemsMax: 16,
  /** Characters in one string item of an array value. */
  arrayItemCharsMax: 128,
  /** Changes in one update (one GUM update is applied atomically). */
  changesPerUpdateMax: 64,
  /** Entries (paths with a value) in one copy of the cluster database. */
  databaseEntriesMax: 16_384,
  /** Entries in one snapshot chunk. */
  snapshotChunkEntriesMax: 128,
  /** Origins remembered for duplicate suppression; the least recent is forgotten first. */
  originsMax: 2 * limits.nodesMax,
  /** Requests waiting at the locker (each origin has at most one outstanding). */
  lockerQueueMax: 2 * limits.nodesMax,
  /** Local requests waiting on a node for their turn to be sent to the locker. */
  pendingRequestsMax: 256,
  /** Characters in a caller's request id and in a node name. */
  nameCharsMax: 64,
} as const;

/** Worst-case characters of one entry: the path plus the largest value (plus msgpack framing). */
const entryCharsMax = gumLimits.pathCharsMax + Math.max(gumLimits.stringValueCharsMax, gumLimits.arrayItemsMax * (gumLimits.arrayItemCharsMax + 3)) + 16;
/** UTF-8 takes up to 3 bytes for a UTF-16 code unit. */
const bytesPerCharMax = 3;
assert(gumLimits.snapshotChunkEntriesMax * entryCharsMax * bytesPerCharMax < limits.frameBytesMax, 'a snapshot chunk must fit in a frame');
assert(gumLimits.changesPerUpdateMax * entryCharsMax * bytesPerCharMax < limits.frameBytesMax / 2, 'an update must fit in half a frame (GumState carries one)');
assert(gumLimits.lockerQueueMax >= limits.nodesMax, 'the locker queue must hold one request per node');

/** Timing of the GUM. Inside the code every duration is in simulated ms. */
export interface GumSettings {
  /**
   * RequestReplyTimeout: how long the locker waits for a member to answer a global update before
   * reporting it for removal, in ms. Cluster property in minutes, 5–1440, default 60 (facts §1.5).
   */
  requestReplyTimeoutMs: number;
  /**
   * How long a sender waits before sending an unanswered GUM message again, in ms. Lab choice: the
   * real GUM rides on TCP connections, which retransmit for it; our fabric may drop frames.
   */
  retryIntervalMs: number;
}

export const gumDefaults: GumSettings = {
  requestReplyTimeoutMs: 60 * 60_000,
  retryIntervalMs: 1000,
};

/** RequestReplyTimeout's range in minutes (facts §1.5). */
export const requestReplyTimeoutMinutesRange = [5, 1440] as const;
