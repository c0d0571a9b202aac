// Bounds and timing defaults of the Global Update Manager. The bounds are named in protocol's limits
// module (STYLE 7); every queue, table and message array of the GUM has one, sized so that the
// largest message (a snapshot chunk or a state report carrying the last update) stays well inside
// `limits.frameBytesMax`, as asserted here.
import { assert, limits, subsystemLimits } from '@wsfc-lab/protocol';

export const gumLimits = subsystemLimits.gum;

/** Worst-case characters of one entry: the path plus the largest value (plus msgpack framing). */
const entryCharsMax = gumLimits.pathCharsMax + Math.max(gumLimits.stringValueCharsMax, gumLimits.arrayItemsMax * (gumLimits.arrayItemCharsMax + 3)) + 16;
/** UTF-8 takes up to 3 bytes for a UTF-16 code unit. */
const bytesPerCharMax = 3;
assert(gumLimits.snapshotChunkEntriesMax * entryCharsMax * bytesPerCharMax < limits.frameBytesMax, 'a snapshot chunk must fit in a frame');
assert(gumLimits.changesPerUpdateMax * entryCharsMax * bytesPerCharMax < limits.frameBytesMax / 2, 'an update must fit in half a frame (GumState carries one)');

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
