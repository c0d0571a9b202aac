// One swarm seed (issue 7 item 3): the seed draws its world and schedule (plan.ts), runs in sim,
// and comes back as a small record the pool can pass between threads.
import type { Violation } from '../scenario/report.js';
import { planRun } from './plan.js';
import { runChaos, type FaultSiteCoverage } from './run.js';
import type { ChaosBudget } from './schedule.js';

export interface SwarmTask {
  seed: number;
  budget: ChaosBudget;
  boundMs: number;
}

export interface SwarmSeedResult {
  seed: number;
  drawn: string;
  faults: number;
  kills: number;
  killsSurvived: number;
  worstRecoveryMs: number | null;
  writesAcknowledged: number;
  faultSites: FaultSiteCoverage[];
  violations: Violation[];
  historyHash: string;
  simulatedMs: number;
  wallMs: number;
}

export async function runSwarmSeed(task: SwarmTask): Promise<SwarmSeedResult> {
  const plan = planRun({ seed: task.seed, budget: task.budget });
  const result = await runChaos({ spec: plan.spec, runtime: 'sim', seed: task.seed, schedule: plan.schedule, boundMs: task.boundMs, timeScale: 1, lossPercent: plan.lossPercent });
  return {
    seed: task.seed,
    drawn: plan.drawn,
    faults: plan.schedule.length,
    kills: result.kills,
    killsSurvived: result.killsSurvived,
    worstRecoveryMs: result.worstRecoveryMs,
    writesAcknowledged: result.writesAcknowledged,
    faultSites: result.faultSites,
    violations: result.violations,
    historyHash: result.historyHash,
    simulatedMs: result.simulatedMs,
    wallMs: result.wallMs,
  };
}
