// The chaos run's printed lines: one per fault, the summary, and the violations with their details.
import type { Violation } from '../scenario/report.js';
import type { ChaosRunResult } from './run.js';
import { describeFault } from './schedule.js';

const seconds = (ms: number | null): string => (ms === null ? 'not measured' : `${(ms / 1000).toFixed(1)} s`);

export function faultLines(result: ChaosRunResult): string[] {
  return result.faults.map((f, i) => {
    const recovery = f.recoveryMs === null ? 'recovery not seen before the next fault ended (counted at the heal)' : `recovered ${seconds(f.recoveryMs)} after it ended`;
    return `fault ${i + 1}: ${describeFault(f.scheduled.fault)} at +${seconds(f.scheduled.atMs)} for ${seconds(f.scheduled.durationMs)}: ${f.detail}; ${recovery}`;
  });
}

export function violationLines(violations: readonly Violation[]): string[] {
  return violations.map((v) => `VIOLATION ${v.rule} at ${v.atMs} ms: ${v.detail}`);
}

export function summaryLine(result: ChaosRunResult): string {
  return (
    `${result.violations.length === 0 ? 'PASS' : 'FAIL'} seed=${result.seed} runtime=${result.runtime}: ${result.faults.length} faults applied, ` +
    `${result.killsSurvived} of ${result.kills} worker kills survived, heal → recovered ${seconds(result.healRecoveryMs)}, ` +
    `worst recovery ${seconds(result.worstRecoveryMs)}, ${result.violations.length} violations; ${result.simulatedMs} simulated ms in ${result.wallMs} wall ms`
  );
}
