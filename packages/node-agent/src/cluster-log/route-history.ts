// The route-history dump the interface manager writes when a route fails (facts §16.2, from the
// real samples): one line per remembered heartbeat message, newest first,
//
//   [IM] Route history 1: Old: 05.936, Message: Response, Route sequence: 150415, Received sequence:
//        150415, Heartbeats counter/threshold: 5/5, Error: Success, NtStatus: 0 Timestamp:
//        2014/06/10-07:54:28.000, Ticks since last sending: 4
//
// RouteHistoryLength sets how many entries a route keeps (membership/route.ts). What the samples
// show is reproduced; what they do not define is a documented lab rule [inferred]:
// - "Old" is the age of the entry in seconds with milliseconds (SS.mmm).
// - "Route sequence" is the newest request sent up to that entry; "Received sequence" the newest
//   request answered up to it (0 before any answer is remembered).
// - "Heartbeats counter" counts down from the threshold by the requests sent since the last
//   answer, not counting the one just sent (the samples show 5/5 on a healthy route).
// - "Ticks since last sending" is the ms from the latest request sent before that entry.
import type { RouteHistoryEntry } from '../membership/route.js';
import { formatLogTimestamp, pad3, wallTimeOf, type WallClock } from './wall-clock.js';

export interface RouteHistoryDump {
  history: readonly RouteHistoryEntry[];
  /** SameSubnetThreshold or CrossSubnetThreshold of the route. */
  threshold: number;
  /** When the dump is written (the route just went down). */
  nowMs: number;
  clock: WallClock;
}

interface EntryState {
  entry: RouteHistoryEntry;
  routeSequence: number;
  receivedSequence: number;
  unanswered: number;
  sinceSendingMs: number;
}

/** Walks the history oldest first, carrying what was sent and answered so far. */
function statesOf(history: readonly RouteHistoryEntry[]): EntryState[] {
  let routeSequence = 0;
  let receivedSequence = 0;
  let requestsSinceResponse = 0;
  let lastRequestAtMs: number | undefined;
  const states: EntryState[] = [];
  for (const entry of history) {
    // For a request: since the request before it; for a response: since the request it answers.
    const sinceSendingMs = lastRequestAtMs === undefined ? 0 : entry.atMs - lastRequestAtMs;
    routeSequence = Math.max(routeSequence, entry.sequence);
    if (entry.message === 'Request') {
      requestsSinceResponse++;
      lastRequestAtMs = entry.atMs;
    } else {
      receivedSequence = Math.max(receivedSequence, entry.sequence);
      requestsSinceResponse = 0;
    }
    states.push({ entry, routeSequence, receivedSequence, unanswered: Math.max(0, requestsSinceResponse - 1), sinceSendingMs });
  }
  return states;
}

function formatAge(ageMs: number): string {
  const clamped = Math.max(0, Math.floor(ageMs));
  return `${String(Math.floor(clamped / 1000)).padStart(2, '0')}.${pad3(clamped % 1000)}`;
}

/** The dump's messages (component IM), newest entry first, numbered from 1. */
export function routeHistoryDumpLines(dump: RouteHistoryDump): string[] {
  return statesOf(dump.history)
    .reverse()
    .map((s, index) => {
      const counter = Math.max(0, dump.threshold - s.unanswered);
      return (
        `Route history ${index + 1}: Old: ${formatAge(dump.nowMs - s.entry.atMs)}, Message: ${s.entry.message}, Route sequence: ${s.routeSequence}, ` +
        `Received sequence: ${s.receivedSequence}, Heartbeats counter/threshold: ${counter}/${dump.threshold}, Error: Success, NtStatus: 0 ` +
        `Timestamp: ${formatLogTimestamp(wallTimeOf(dump.clock, s.entry.atMs))}, Ticks since last sending: ${Math.max(0, s.sinceSendingMs)}`
      );
    });
}
