// Simulated milliseconds to wall-clock time. Inside the lab time is simulated ms from the start of
// the run (DESIGN "Time"); the logs and reports an administrator reads show dates. The lab epoch
// (the wall-clock date at simulated 0) is a parameter, so the same seed prints the same dates.
// Timestamps are UTC unless a local offset is given (Get-ClusterLog -UseLocalTime, facts §16.2).
import { assert } from '@wsfc-lab/protocol';

export interface WallClock {
  /** Wall-clock time at simulated 0, in ms since 1970-01-01 UTC. */
  labEpochMs: number;
  /** Minutes to add to UTC for local time (Tokyo is 540); 0 for UTC. */
  utcOffsetMinutes?: number;
}

export interface WallTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
}

const yearMax = 9999;

export function checkWallClock(clock: WallClock): void {
  assert(Number.isSafeInteger(clock.labEpochMs) && clock.labEpochMs >= 0, `labEpochMs must be a non-negative integer, got ${clock.labEpochMs}`);
  const offset = clock.utcOffsetMinutes ?? 0;
  assert(Number.isInteger(offset) && Math.abs(offset) <= 14 * 60, `utcOffsetMinutes must be an integer within ±840, got ${offset}`);
}

/** The wall-clock time of simulated `atMs` (UTC, or local when the clock has an offset). */
export function wallTimeOf(clock: WallClock, atMs: number): WallTime {
  const wallMs = clock.labEpochMs + Math.floor(atMs) + (clock.utcOffsetMinutes ?? 0) * 60_000;
  const date = new Date(wallMs);
  assert(Number.isFinite(date.getTime()) && date.getUTCFullYear() <= yearMax, `simulated time ${atMs} ms is outside the calendar with lab epoch ${clock.labEpochMs}`);
  return {
    year: date.getUTCFullYear(),
    month: date.getUTCMonth() + 1,
    day: date.getUTCDate(),
    hour: date.getUTCHours(),
    minute: date.getUTCMinutes(),
    second: date.getUTCSeconds(),
    millisecond: date.getUTCMilliseconds(),
  };
}

export const pad2 = (n: number): string => String(n).padStart(2, '0');
export const pad3 = (n: number): string => String(n).padStart(3, '0');

/** cluster.log's timestamp: `2014/06/10-07:54:34.099`. */
export function formatLogTimestamp(t: WallTime): string {
  return `${t.year}/${pad2(t.month)}/${pad2(t.day)}-${pad2(t.hour)}:${pad2(t.minute)}:${pad2(t.second)}.${pad3(t.millisecond)}`;
}
