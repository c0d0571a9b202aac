// The failback window (facts §4.4 [R3] MSCS:groups-failbackwindowstart/end): failback may happen
// only from hour FailbackWindowStart up to, not including, hour FailbackWindowEnd, local time.
// Both must be 0–23 for a window to exist; −1 in either means "fail back at once". A window with
// Start > End wraps midnight (22 → 6 is 22:00–05:59). Start = End is an empty window here, so
// the group never fails back automatically [lab choice: the product does not document it].
import { hourOfDay, msUntilHour } from './time-of-day.js';
import type { GroupCommonProperties } from './group-properties.js';

export type FailbackWindowProperties = Pick<GroupCommonProperties, 'FailbackWindowStart' | 'FailbackWindowEnd'>;

export type FailbackWindowState =
  | { kind: 'NoWindow' }
  | { kind: 'Open' }
  | { kind: 'Closed'; opensInMs: number }
  | { kind: 'Empty' };

const isHour = (value: number) => Number.isInteger(value) && value >= 0 && value <= 23;

export function failbackWindowState(window: FailbackWindowProperties, msSinceMidnight: number): FailbackWindowState {
  const { FailbackWindowStart: start, FailbackWindowEnd: end } = window;
  if (!isHour(start) || !isHour(end)) return { kind: 'NoWindow' };
  if (start === end) return { kind: 'Empty' };
  const hour = hourOfDay(msSinceMidnight);
  const open = start < end ? hour >= start && hour < end : hour >= start || hour < end;
  return open ? { kind: 'Open' } : { kind: 'Closed', opensInMs: msUntilHour(msSinceMidnight, start) };
}
