// The chaos run's printed lines: one per fault, the summary, and the violations with their details.
import type { Violation } from '../scenario/report.js';
import type { ChaosRunResult, FaultSiteCoverage } from './run.js';
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
    `worst recovery ${seconds(result.worstRecoveryMs)}, ${result.writesAcknowledged} workload writes acknowledged and ${result.blocksReadBack} blocks read back, ${result.violations.length} violations; ${result.simulatedMs} simulated ms in ${result.wallMs} wall ms`
  );
}

/** The fault sites one run met: fired (how often), active but not fired, or inactive for this seed. */
export function faultSitesLine(sites: readonly FaultSiteCoverage[]): string {
  if (sites.length === 0) return 'fault sites: none met (threads, or no actor reached one)';
  const words = sites.map((s) => (s.fired > 0 ? `${s.site} fired ${s.fired}×` : s.active ? `${s.site} active, not fired` : `${s.site} inactive`));
  return `fault sites: ${words.join(', ')}`;
}

/** A swarm's coverage of the fault sites: per site, the seeds that met it, activated it and saw it fire. */
export function swarmCoverageLine(runs: readonly { faultSites: readonly FaultSiteCoverage[] }[]): string {
  const bySite = new Map<string, { met: number; active: number; firedSeeds: number; fired: number }>();
  for (const run of runs) {
    for (const s of run.faultSites) {
      const c = bySite.get(s.site) ?? { met: 0, active: 0, firedSeeds: 0, fired: 0 };
      c.met++;
      if (s.active) c.active++;
      if (s.fired > 0) c.firedSeeds++;
      c.fired += s.fired;
      bySite.set(s.site, c);
    }
  }
  if (bySite.size === 0) return 'fault sites: none met';
  const words = [...bySite].sort(([a], [b]) => a.localeCompare(b)).map(([site, c]) => `${site} met in ${c.met}, active in ${c.active}, fired in ${c.firedSeeds} seeds (${c.fired}×)`);
  return `fault sites: ${words.join('; ')}`;
}
