// How long a Test-Cluster run waits, and the bounds of the running subsystem's own tables. The real
// validation's timeouts are not published; these are lab rules [lab rule], chosen so that a whole
// run, even with a server that stops answering, ends well inside the lab's wait for a cmdlet's reply
// (limits.commandReplyTimeoutMs, 30 s): an administrator sees the real error text, not a lost call.
import { assert, limits, subsystemLimits } from '@wsfc-lab/protocol';
import type { WallClock } from '../cluster-log/wall-clock.js';

export const validationTiming = {
  /** A path (node, peer, network) is unreachable when none of its pings is echoed within this. */
  pingTimeoutMs: 1000,
  /** Pings sent on each path at once; one echo is enough (a lost frame is not an unreachable path). */
  pingsPerPath: 3,
  /** A node answers its facts without the keys of a disk whose READ KEYS is still out after this. */
  diskKeysTimeoutMs: 5000,
  /** A server that has not answered the facts request after this is unreachable (WMI's failure text). */
  factsReplyTimeoutMs: 10_000,
  /** A storage-test step not answered within this is recorded as timed out, and its node as silent. */
  stageTimeoutMs: 5000,
} as const;

/** Bounds of the running subsystem (STYLE 7; to move into protocol's `subsystemLimits.validation`). */
export const validationRunLimits = {
  /** Facts requests one node serves at once: one per node running Test-Cluster. */
  factsJobsMax: limits.nodesMax,
  /** Storage-test steps one node runs at once: no more than its initiator can have in flight. */
  stepJobsMax: subsystemLimits.iscsiInitiator.pendingRequestsMax,
  /** Messages a node sends itself (its own facts and steps) waiting for the next step. */
  loopbackQueueMax: 4096,
  /** Storage completions waiting for the next step. */
  completionsQueuedMax: subsystemLimits.iscsiInitiator.completionsQueuedMax,
  /** Messages and completions handled in one step before the rest wait for the next one. */
  handledPerStepMax: 4096,
  /** Reports kept in a node's store (C:\Windows\Cluster\Reports); the oldest is emptied first. */
  reportsKeptMax: 32,
} as const;

/**
 * The wall clock reports and the console show: the lab has no clock of its own yet, so simulated 0
 * is seed 000's date, 7 February 2024 10:15 in Tokyo (UTC+9). To come from the lab file.
 */
export const validationWallClock: WallClock = { labEpochMs: Date.UTC(2024, 1, 7, 1, 15, 0, 0), utcOffsetMinutes: 540 };

assert(validationTiming.pingTimeoutMs < validationTiming.factsReplyTimeoutMs, 'pings must be judged before the runner gives up on the facts');
assert(validationTiming.diskKeysTimeoutMs < validationTiming.factsReplyTimeoutMs, 'a node must answer without its keys before the runner gives up on it');
assert(validationTiming.factsReplyTimeoutMs + validationTiming.stageTimeoutMs < limits.commandReplyTimeoutMs, 'an unreachable server must be reported before the lab stops waiting for the cmdlet');
assert(validationTiming.pingsPerPath >= 1, 'a path needs at least one ping');
