// Local time of day inside the simulation. The failback window is set in hours of the day
// (facts §4.4), so the lab needs a clock that says what hour it is at a simulated instant. A
// run starts at a configured time of day; simulated ms then advance it.

export const dayMs = 86_400_000;

/** Milliseconds since local midnight at simulated instant `atMs`. */
export type TimeOfDay = (atMs: number) => number;

const mod = (value: number, by: number): number => ((value % by) + by) % by;

/** A clock whose simulated time 0 is `startTimeOfDayMs` after local midnight. */
export function timeOfDayFrom(options: { startTimeOfDayMs: number }): TimeOfDay {
  return (atMs) => mod(options.startTimeOfDayMs + atMs, dayMs);
}

/** The hour of the day 0–23 of a time of day in ms. */
export function hourOfDay(msSinceMidnight: number): number {
  return Math.floor(mod(msSinceMidnight, dayMs) / 3_600_000);
}

/** Milliseconds from `msSinceMidnight` until the next time the clock reads `hour`:00 (0 if it reads it now). */
export function msUntilHour(msSinceMidnight: number, hour: number): number {
  return mod(hour * 3_600_000 - msSinceMidnight, dayMs);
}
