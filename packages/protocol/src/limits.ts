// Every queue, map and in-flight window has a named bound here (STYLE 7). When a bound is hit,
// the item is dropped, counted and reported as an event; nothing grows without limit.
import { assert } from './assert.js';

export const limits = {
  /** Largest frame the codec accepts, in bytes. Block I/O (at most `blockIoBytesMax`) plus its envelope fits. */
  frameBytesMax: 1024 * 1024 + 64 * 1024,
  /** Largest payload of one READ or WRITE, in bytes (2048 blocks of 512 bytes). */
  blockIoBytesMax: 2048 * 512,
  /** Frames waiting for an actor before newer ones are dropped (threads: per worker port). */
  mailboxDepthMax: 65_536,
  /** Timers one actor may have pending at once. */
  timersPerActorMax: 4096,
  /** Events the coordinator keeps in one run's history. */
  historyEventsMax: 2_000_000,
  /** Events in flight in the sim scheduler's queue at once. */
  schedulerQueueMax: 4_000_000,
  /** Steps a sim run may take before it is declared stuck (a bounded loop). */
  simStepsMax: 200_000_000,
  /** Wall-clock wait for a worker to answer a lab command, in ms. */
  commandReplyTimeoutWallMs: 10_000,
  /** Simulated wait for an actor to answer a lab command, in ms. */
  commandReplyTimeoutMs: 30_000,
  /** Nodes a lab may have. */
  nodesMax: 64,
  /** Networks a lab may have. */
  networksMax: 16,
  /** Entries kept per route in the heartbeat route history (RouteHistoryLength max, facts §1.1). */
  routeHistoryLengthMax: 40,
  /** Rejected-frame events emitted per actor before they are only counted. */
  rejectEventsPerActorMax: 1000,
} as const;

assert(limits.blockIoBytesMax < limits.frameBytesMax, 'block I/O must fit in a frame');
assert(limits.timersPerActorMax > 0 && limits.mailboxDepthMax > 0, 'limits must be positive');
