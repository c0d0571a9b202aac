// The schedule as the runner walks it: each fault's start and end, in time order. At equal times an
// end comes before a start, so a fault ends before the next one on the same machine begins.
import type { ScheduledFault } from './schedule.js';

export interface TimelineAction {
  atMs: number;
  index: number;
  edge: 'start' | 'end';
}

export function timelineOf(schedule: readonly ScheduledFault[]): TimelineAction[] {
  const actions = schedule.flatMap((s, index): TimelineAction[] => [
    { atMs: s.atMs, index, edge: 'start' },
    { atMs: s.atMs + s.durationMs, index, edge: 'end' },
  ]);
  return actions.sort((a, b) => a.atMs - b.atMs || (a.edge === b.edge ? a.index - b.index : a.edge === 'end' ? -1 : 1));
}
