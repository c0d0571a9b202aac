// `pnpm chaos` (issue 7 items 1 and 3):
//   pnpm chaos [--lab FILE] [--runtime threads|sim] [--seed N] [--kills N | --duration 60s] [--bound 120s]
//   pnpm chaos --runtime sim --seeds 50 [--seed FIRST]      a swarm: each seed draws its own world
//   pnpm chaos --runtime sim --world --seed N               one swarm seed again (its replay)
// Prints the plan drawn from the seed, a line per fault and a summary; on a violation it prints the
// replay command and exits 1. In sim a failing run is shrunk to fewer faults and written out as a
// scenario file (chaos-seed-N.yaml).
import { writeFileSync } from 'node:fs';
import { Command, InvalidArgumentError, Option } from 'commander';
import { parseDurationMs } from '@wsfc-lab/protocol';
import { nonNegativeInteger, positiveNumber } from '../cli/arguments.js';
import { defaultLab, formatIssue, loadLabFile, type LabSpec } from '../config/mod.js';
import { faultLines, faultSitesLine, summaryLine, swarmCoverageLine, violationLines } from './format.js';
import { planRun, type ChaosPlan } from './plan.js';
import { runChaos, type ChaosRunResult } from './run.js';
import type { ChaosBudget } from './schedule.js';
import { scenarioText } from './scenario-yaml.js';
import { shrinkSchedule } from './shrink.js';
import { runSwarm } from './swarm.js';
import { worldLabFile, drawWorld } from './world.js';

interface CliOptions {
  lab?: string;
  runtime: 'threads' | 'sim';
  seed: number;
  kills?: number;
  duration?: number;
  bound: number;
  timeScale: number;
  seeds?: number;
  world?: boolean;
  workers?: number;
  recheck: number;
  shrinkRuns: number;
}

const duration = (value: string): number => {
  const ms = parseDurationMs(value);
  if (ms === undefined || ms <= 0) throw new InvalidArgumentError(`must be a duration such as 60s or 2m, got "${value}"`);
  return ms;
};
const out = (line: string) => process.stdout.write(`${line}\n`);

const budgetOf = (o: CliOptions): ChaosBudget => (o.kills !== undefined ? { kind: 'kills', kills: o.kills } : { kind: 'duration', durationMs: o.duration ?? 60_000 });
const budgetFlag = (o: CliOptions): string => (o.kills !== undefined ? `--kills ${o.kills}` : `--duration ${(o.duration ?? 60_000) / 1000}s`);

function replayCommand(o: CliOptions, seed: number, runtime: string): string {
  const lab = o.lab !== undefined ? ` --lab ${o.lab}` : o.world || o.seeds !== undefined ? ' --world' : '';
  return `pnpm chaos --runtime ${runtime} --seed ${seed}${lab} ${budgetFlag(o)} --bound ${o.bound / 1000}s`;
}

function labOf(o: CliOptions): LabSpec | undefined {
  if (o.world) return undefined;
  if (o.lab === undefined) return defaultLab();
  const loaded = loadLabFile(o.lab);
  if (!loaded.ok) throw new InvalidArgumentError(`--lab ${o.lab}:\n${loaded.errors.map(formatIssue).join('\n')}`);
  return loaded.value;
}

/** Shrinks a failing sim run's schedule and writes it out as a scenario file. */
async function shrinkAndWrite(o: CliOptions, plan: ChaosPlan, result: ChaosRunResult): Promise<void> {
  const rules = new Set(result.violations.map((v) => v.rule));
  const fails = async (schedule: typeof plan.schedule) => {
    const again = await runChaos({ spec: plan.spec, runtime: 'sim', seed: result.seed, schedule, boundMs: o.bound, timeScale: 1, lossPercent: plan.lossPercent });
    return again.violations.some((v) => rules.has(v.rule));
  };
  const shrunk = await shrinkSchedule(plan.schedule, { fails, runsMax: o.shrinkRuns });
  out(`shrunk ${plan.schedule.length} faults to ${shrunk.schedule.length} in ${shrunk.runs} runs${shrunk.exhausted ? ' (run budget spent; not minimal)' : ''}`);
  const lab = o.lab ?? (o.world || o.seeds !== undefined ? worldLabFile(drawWorld(result.seed)) : 'default');
  const roles = ['Cluster Group', ...plan.spec.roles.map((r) => r.name), ...plan.spec.vms.filter((v) => v.storage !== 'local').map((v) => v.name)];
  const file = `chaos-seed-${result.seed}.yaml`;
  const text = scenarioText({ name: `chaos seed ${result.seed}, shrunk`, lab, seed: result.seed, schedule: shrunk.schedule, faultsStartMs: result.faultsStartMs, boundMs: o.bound, lossPercent: plan.lossPercent, nodes: plan.topology.nodes, networks: plan.topology.networks, roles });
  writeFileSync(file, text);
  out(`wrote ${file}: pnpm lab run ${file}`);
}

async function single(o: CliOptions): Promise<number> {
  const plan = planRun({ seed: o.seed, ...(labOf(o) ? { spec: labOf(o)! } : {}), budget: budgetOf(o) });
  out(`${plan.drawn} runtime=${o.runtime} boundMs=${o.bound}${o.runtime === 'threads' ? ` timeScale=${o.timeScale}` : ''}`);
  const result = await runChaos({ spec: plan.spec, runtime: o.runtime, seed: o.seed, schedule: plan.schedule, boundMs: o.bound, timeScale: o.timeScale, lossPercent: plan.lossPercent, onLine: out });
  for (const line of [...faultLines(result), faultSitesLine(result.faultSites), ...violationLines(result.violations), summaryLine(result)]) out(line);
  if (result.violations.length === 0) return 0;
  out(`replay: ${replayCommand(o, o.seed, o.runtime)}`);
  if (o.runtime === 'sim') await shrinkAndWrite(o, plan, result);
  return 1;
}

async function swarm(o: CliOptions): Promise<number> {
  const count = o.seeds ?? 0;
  const tasks = Array.from({ length: count }, (_, i) => ({ seed: o.seed + i, budget: budgetOf(o), boundMs: o.bound }));
  const swarmResult = await runSwarm({
    tasks,
    recheck: Math.min(o.recheck, count),
    ...(o.workers !== undefined ? { workers: o.workers } : {}),
    report: (r) => {
      out(`${r.violations.length === 0 ? 'ok  ' : 'FAIL'} ${r.drawn}: ${r.killsSurvived}/${r.kills} kills survived, worst recovery ${r.worstRecoveryMs ?? '-'} ms, ${r.writesAcknowledged} writes acknowledged, ${r.wallMs} wall ms`);
      for (const line of violationLines(r.violations)) out(`  ${line}`);
      if (r.violations.length > 0) out(`  replay: ${replayCommand(o, r.seed, 'sim')}`);
    },
  });
  const failed = swarmResult.results.filter((r) => r.violations.length > 0);
  out(swarmCoverageLine(swarmResult.results));
  for (const n of swarmResult.nondeterministic) out(`NONDETERMINISTIC seed=${n.seed}: history hash ${n.first.slice(0, 12)} then ${n.second.slice(0, 12)}`);
  const kills = swarmResult.results.reduce((sum, r) => sum + r.kills, 0);
  const worst = Math.max(0, ...swarmResult.results.map((r) => r.worstRecoveryMs ?? 0));
  const writes = swarmResult.results.reduce((sum, r) => sum + r.writesAcknowledged, 0);
  out(`swarm: ${count} seeds, ${failed.length} with violations (${failed.map((r) => r.seed).join(', ') || 'none'}), ${kills} worker kills, worst recovery ${worst} ms, ${writes} workload writes acknowledged; determinism: ${swarmResult.rechecked} seeds re-run, ${swarmResult.nondeterministic.length} differ; ${(swarmResult.wallMs / 1000).toFixed(1)} s wall`);
  return failed.length > 0 || swarmResult.nondeterministic.length > 0 ? 1 : 0;
}

const program = new Command('chaos')
  .description('Inject faults drawn from a seed, heal, and check that the cluster stayed safe and recovered')
  .option('--lab <file>', 'a lab file (default: the embedded default lab)')
  .addOption(new Option('--runtime <runtime>', 'threads | sim').choices(['threads', 'sim']).default('threads'))
  .option('--seed <n>', 'seed of the run (first seed of a swarm)', nonNegativeInteger, 1)
  .option('--kills <n>', 'budget: this many worker kills', nonNegativeInteger)
  .option('--duration <d>', 'budget: faults for this long (simulated; default 60s)', duration)
  .option('--bound <d>', 'simulated time the cluster has after the heal', duration, 120_000)
  .option('--time-scale <x>', 'threads: wall ms per simulated ms', positiveNumber, 1)
  .option('--seeds <n>', 'sim: a swarm of this many seeds, each drawing its own world', nonNegativeInteger)
  .option('--world', 'draw the world (nodes, VMs, latency, loss, fault rates) from the seed')
  .option('--workers <n>', 'swarm: threads in the pool (default: one per core)', nonNegativeInteger)
  .option('--recheck <n>', 'swarm: seeds re-run for the determinism check', nonNegativeInteger, 3)
  .option('--shrink-runs <n>', 'sim: re-runs the shrinker may spend', nonNegativeInteger, 40);
program.parse();
const options = program.opts<CliOptions>();
if (options.seeds !== undefined && options.runtime !== 'sim') program.error('--seeds runs in sim only: add --runtime sim');
process.exitCode = options.seeds !== undefined ? await swarm(options) : await single(options);
