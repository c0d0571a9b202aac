// `pnpm bench detect`: measured detection time ÷ (SameSubnetDelay × SameSubnetThreshold) for labs
// of 2, 16 and 64 nodes, in threads at the requested timeScale and in sim (which also gives the
// sim speed, simulated ms ÷ wall ms). The goal is a max ratio ≤ 1.10. A threads lab that
// cannot keep up at the requested timeScale (heartbeats are 2·n·(n−1)·networks frames per
// simulated second) is measured as it is, and then the smallest timeScale on a ladder that meets
// the goal is searched for, within a wall-clock budget; both are reported, never one for the other.
import { detectionBoundMs, runDetectTrial, type DetectTrial } from './detect-trial.js';
import { wallNowMs } from './lab-helpers.js';

export interface DetectBenchOptions {
  nodeCounts: number[];
  simNodeCounts: number[];
  timeScale: number;
  seed: number;
  /** threads: wall ms to wait for all Up, and for removals, before giving up. */
  graceWallMs: number;
  /** Wall ms the whole benchmark may spend; no search trial starts that would likely pass it. */
  budgetWallMs: number;
  /** Search for the smallest timeScale that meets the goal when the requested one does not. */
  search: boolean;
}

export const detectDefaults: DetectBenchOptions = {
  nodeCounts: [2, 16, 64],
  simNodeCounts: [2, 16, 64],
  timeScale: 0.01,
  seed: 1,
  graceWallMs: 5000,
  budgetWallMs: 75_000,
  search: true,
};

/** The goal: detection within 1.10 × SameSubnetDelay × SameSubnetThreshold. */
export const detectGoalRatioMax = 1.1;
/** The timeScales a search may try, in wall ms per simulated ms. */
export const timeScaleLadder = [0.02, 0.05, 0.1, 0.2, 0.5, 1, 2] as const;
/** The rungs a search climbs first, a decade at a time, before it refines between two of them. */
const coarseRungs = [0.1, 1] as const;
/** Simulated ms a trial runs once started: all Up, settling and phase, detection, and slack. */
const trialSimulatedMs = 18_000;

/**
 * The next timeScale to try, or undefined when the bracket is closed. Below the first rung known to
 * meet the goal the search climbs the coarse rungs (cheap low rungs first, since a trial's wall
 * time grows with timeScale), then refines upward from the largest rung known to miss.
 */
export function nextTimeScale(largestMissing: number, smallestMeeting: number | null): number | undefined {
  const coarseTop = coarseRungs[coarseRungs.length - 1] ?? 0;
  if (smallestMeeting === null) return coarseRungs.find((rung) => rung > largestMissing) ?? timeScaleLadder.find((rung) => rung > Math.max(largestMissing, coarseTop));
  return timeScaleLadder.find((rung) => rung > largestMissing && rung < smallestMeeting);
}

export interface ThreadsDetectRow {
  nodeCount: number;
  requested: DetectTrial;
  /** Why the requested timeScale misses the goal, or null when it meets it. */
  requestedMisses: string | null;
  /** Search trials in the order run, each with its verdict. */
  search: { trial: DetectTrial; misses: string | null }[];
  /** The smallest ladder timeScale seen to meet the goal (null: none tried did). */
  smallestMeeting: number | null;
  /** The largest timeScale seen to miss it. */
  largestMissing: number | null;
  /** Why the search stopped where it did. */
  searchNote: string;
}

export interface DetectBenchResult {
  benchmark: 'detect';
  options: DetectBenchOptions;
  boundMs: number;
  goalRatioMax: number;
  threads: ThreadsDetectRow[];
  sim: { trial: DetectTrial; misses: string | null }[];
}

/** Null when the trial meets the goal, else the reason it does not (STYLE 15). */
export function detectMisses(trial: DetectTrial): string | null {
  const crash = trial.firstCrash === null ? '' : ` (first crash ${trial.firstCrash.slice(0, 100)})`;
  if (trial.error !== null) return `failed: ${trial.error}${crash}`;
  if (trial.crashes > 0) return `${trial.crashes} workers crashed${crash}`;
  if (!trial.allUp) return 'the nodes were never all Up at once';
  if (trial.detected < trial.survivors) return `${trial.survivors - trial.detected} of ${trial.survivors} survivors never logged 1135 for ${trial.victim}`;
  if (trial.falseRemovals > 0) return `${trial.falseRemovals} false removals of live nodes`;
  if (trial.ratioMax > detectGoalRatioMax) return `max ratio ${trial.ratioMax.toFixed(3)} > ${detectGoalRatioMax}`;
  return null;
}

async function searchTimeScale(row: ThreadsDetectRow, options: DetectBenchOptions, startedAtMs: number): Promise<void> {
  // A trial costs about what the requested one took to start, plus its simulated span at its scale.
  const startupWallMs = row.requested.wallMs;
  for (;;) {
    const timeScale = nextTimeScale(row.largestMissing ?? options.timeScale, row.smallestMeeting);
    if (timeScale === undefined) {
      row.searchNote = row.smallestMeeting === null ? `no timeScale up to ${timeScaleLadder.at(-1)} meets the goal` : 'bracketed by adjacent rungs of the ladder';
      return;
    }
    const estimateWallMs = startupWallMs + trialSimulatedMs * timeScale;
    if (wallNowMs() - startedAtMs + estimateWallMs > options.budgetWallMs) {
      row.searchNote = `stopped by the wall budget of ${options.budgetWallMs / 1000} s before trying ${timeScale} (about ${(estimateWallMs / 1000).toFixed(0)} s)`;
      return;
    }
    const trial = await runDetectTrial({ runtime: 'threads', nodeCount: row.nodeCount, timeScale, seed: options.seed, graceWallMs: options.graceWallMs });
    const misses = detectMisses(trial);
    row.search.push({ trial, misses });
    if (misses === null) row.smallestMeeting = timeScale;
    else row.largestMissing = timeScale;
  }
}

export async function detectBench(options: DetectBenchOptions): Promise<DetectBenchResult> {
  const startedAtMs = wallNowMs();
  const sim: DetectBenchResult['sim'] = [];
  for (const nodeCount of options.simNodeCounts) {
    const trial = await runDetectTrial({ runtime: 'sim', nodeCount, timeScale: options.timeScale, seed: options.seed, graceWallMs: options.graceWallMs });
    sim.push({ trial, misses: detectMisses(trial) });
  }
  // Every requested trial runs (the figures the benchmark exists for); the searches then share what
  // is left of the budget, smallest labs first: their trials are cheap.
  const threads: ThreadsDetectRow[] = [];
  for (const nodeCount of options.nodeCounts) {
    const requested = await runDetectTrial({ runtime: 'threads', nodeCount, timeScale: options.timeScale, seed: options.seed, graceWallMs: options.graceWallMs });
    const requestedMisses = detectMisses(requested);
    const row: ThreadsDetectRow = {
      nodeCount,
      requested,
      requestedMisses,
      search: [],
      smallestMeeting: requestedMisses === null ? options.timeScale : null,
      largestMissing: requestedMisses === null ? null : options.timeScale,
      searchNote: requestedMisses === null ? 'the requested timeScale meets the goal' : 'not searched (--no-search)',
    };
    threads.push(row);
  }
  if (options.search) {
    for (const row of threads) if (row.requestedMisses !== null) await searchTimeScale(row, options, startedAtMs);
  }
  return { benchmark: 'detect', options, boundMs: detectionBoundMs, goalRatioMax: detectGoalRatioMax, threads, sim };
}
