// Shrinking a failing schedule (issue 7 item 3): delta debugging (Zeller's ddmin) over the fault
// list. `fails` re-runs the world with a subset of the faults (same seed, same lab) and says whether
// the same rule still breaks; the result is a smaller list that still fails, 1-minimal when the run
// budget allows. Each re-run costs a whole sim run, so the number of runs is bounded.
import type { ScheduledFault } from './schedule.js';

export interface ShrinkResult {
  schedule: ScheduledFault[];
  runs: number;
  /** Whether the budget ran out before the list was 1-minimal. */
  exhausted: boolean;
}

export async function shrinkSchedule(schedule: readonly ScheduledFault[], o: { fails: (candidate: ScheduledFault[]) => Promise<boolean>; runsMax: number }): Promise<ShrinkResult> {
  let current = [...schedule];
  let parts = 2;
  let runs = 0;
  while (current.length >= 2) {
    const size = Math.ceil(current.length / parts);
    const chunks = Array.from({ length: Math.ceil(current.length / size) }, (_, i) => current.slice(i * size, (i + 1) * size));
    let reduced = false;
    // Try each chunk alone, then each complement.
    const candidates = [...chunks, ...(chunks.length > 2 ? chunks.map((_, i) => chunks.filter((__, j) => j !== i).flat()) : [])];
    for (const candidate of candidates) {
      if (runs >= o.runsMax) return { schedule: current, runs, exhausted: true };
      runs++;
      if (await o.fails(candidate)) {
        current = candidate;
        parts = chunks.includes(candidate) ? 2 : Math.max(parts - 1, 2);
        reduced = true;
        break;
      }
    }
    if (!reduced) {
      if (parts >= current.length) break;
      parts = Math.min(current.length, parts * 2);
    }
  }
  return { schedule: current, runs, exhausted: false };
}
