// Running the storage probes, as a pure state machine the integration drives: ask `nextStage` what
// to issue, issue every step of it through the storage API (each on its node), and when every
// answer is in, give them to `recordStage`. After a stage fails its verdict, the rest of that probe
// is skipped except its cleanup stages. When `nextStage` returns undefined, `results` is what the
// judge reads.
import { assert } from '@wsfc-lab/protocol';
import type { StorageResult } from '../storage/commands.js';
import { stageVerdict, type ProbeStep, type StageResults, type StorageProbe } from './probe.js';

export interface ProbeRun {
  probes: StorageProbe[];
  /** results[probe][stage]. */
  results: StageResults[][];
  probeIndex: number;
  stageIndex: number;
  /** The current probe has had a failed stage. */
  probeFailed: boolean;
}

export function startProbeRun(probes: StorageProbe[]): ProbeRun {
  return { probes, results: probes.map(() => []), probeIndex: 0, stageIndex: 0, probeFailed: false };
}

/** Moves past finished probes and skipped stages; returns the stage to issue next, if any. */
export function nextStage(run: ProbeRun): { probe: number; stage: number; steps: ProbeStep[] } | undefined {
  while (run.probeIndex < run.probes.length) {
    const probe = run.probes[run.probeIndex]!;
    if (run.stageIndex >= probe.stages.length) {
      run.probeIndex++;
      run.stageIndex = 0;
      run.probeFailed = false;
      continue;
    }
    const stage = probe.stages[run.stageIndex]!;
    if (run.probeFailed && !stage.cleanup) {
      run.results[run.probeIndex]!.push(null);
      run.stageIndex++;
      continue;
    }
    return { probe: run.probeIndex, stage: run.stageIndex, steps: stage.steps };
  }
  return undefined;
}

/** The answers to the stage `nextStage` returned, aligned with its steps. */
export function recordStage(run: ProbeRun, results: StorageResult[]): void {
  const probe = run.probes[run.probeIndex];
  const stage = probe?.stages[run.stageIndex];
  assert(probe !== undefined && stage !== undefined, `no probe stage is waiting for results (probe ${run.probeIndex}, stage ${run.stageIndex})`);
  assert(results.length === stage.steps.length, `stage ${run.stageIndex} of ${probe.test} has ${stage.steps.length} steps but ${results.length} results were recorded`);
  run.results[run.probeIndex]!.push(results);
  if (!stage.cleanup && !stageVerdict(stage, results).ok) run.probeFailed = true;
  run.stageIndex++;
}
