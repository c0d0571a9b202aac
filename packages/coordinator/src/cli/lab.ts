// `pnpm lab`: the interactive lab, and `pnpm lab run SCENARIO.yaml` (spec "Running").
// Exit codes: 0 every step held, 1 a step failed or an invariant broke, 2 the file is invalid.
import { Command, CommanderError, InvalidArgumentError } from 'commander';
import { defaultLab, formatIssue, loadLabFile, loadScenarioFile, type ConfigIssue, type RuntimeKind } from '../config/mod.js';
import { labCompression } from '../lab/compression.js';
import { createLab } from '../lab/start-lab.js';
import { runScenario } from '../scenario/run.js';
import type { ScenarioReport } from '../scenario/report.js';
import { runInteractive } from './interactive.js';

export const exitCodes = { ok: 0, failed: 1, invalid: 2 } as const;

const parseRuntime = (value: string): RuntimeKind => {
  if (value !== 'threads' && value !== 'sim') throw new InvalidArgumentError(`--runtime must be threads or sim, got "${value}"`);
  return value;
};
const parseSeed = (value: string): number => {
  const seed = Number(value);
  if (!Number.isSafeInteger(seed) || seed < 0) throw new InvalidArgumentError(`--seed must be a whole number >= 0, got "${value}"`);
  return seed;
};
const parseTimeScale = (value: string): number => {
  const scale = Number(value);
  if (!Number.isFinite(scale) || scale <= 0) throw new InvalidArgumentError(`--time-scale must be a number > 0 (wall ms per simulated ms), got "${value}"`);
  return scale;
};

function printIssues(issues: ConfigIssue[]): void {
  for (const issue of issues) process.stderr.write(`${formatIssue(issue)}\n`);
}

function printReport(report: ScenarioReport): void {
  const out = process.stdout;
  out.write(`\n${report.ok ? 'PASS' : 'FAIL'} ${report.scenario} (${report.runtime}, seed ${report.seed}): ${report.simulatedMs} simulated ms in ${report.wallMs} wall ms\n`);
  for (const violation of report.violations) out.write(`  violation ${violation.rule} at ${violation.atMs} ms: ${violation.detail}\n`);
  if (report.replay) out.write(`replay: ${report.replay}\n`);
}

interface RunFlags {
  runtime?: RuntimeKind;
  seed?: number;
  timeScale?: number;
  json?: boolean;
  keepData?: boolean;
}

async function runCommand(file: string, flags: RunFlags): Promise<number> {
  const loaded = loadScenarioFile(file);
  if (!loaded.ok) {
    printIssues(loaded.errors);
    return exitCodes.invalid;
  }
  const scenario = loaded.value;
  const runtimeKind = flags.runtime ?? scenario.runtime;
  const seed = flags.seed ?? scenario.seed;
  const compression = await labCompression(scenario.lab, runtimeKind);
  const lab = createLab(scenario.lab, { runtime: runtimeKind, seed, timeScale: flags.timeScale ?? scenario.timeScale, keepData: flags.keepData ?? false, ...(compression ? { compression } : {}) });
  if (!flags.json) process.stdout.write(`seed=${seed} runtime=${runtimeKind} scenario="${scenario.name}"\n`);
  await lab.runtime.start();
  let report: ScenarioReport;
  try {
    report = await runScenario({
      scenario,
      file,
      lab: lab.built,
      runtime: lab.runtime,
      view: lab.view,
      onStep: (step) => {
        const text = `${step.ok ? '✔' : '✘'} [line ${step.line ?? '?'}] ${step.kind} at ${step.atMs} ms: ${step.detail}\n`;
        (flags.json ? process.stderr : process.stdout).write(text);
      },
    });
  } finally {
    await lab.runtime.stop();
  }
  if (flags.json) process.stdout.write(`${JSON.stringify(report)}\n`);
  else printReport(report);
  return report.ok ? exitCodes.ok : exitCodes.failed;
}

async function interactiveCommand(flags: RunFlags & { lab?: string }): Promise<number> {
  let spec = defaultLab();
  if (flags.lab) {
    const loaded = loadLabFile(flags.lab);
    if (!loaded.ok) {
      printIssues(loaded.errors);
      return exitCodes.invalid;
    }
    spec = loaded.value;
  }
  const timeScale = flags.timeScale ?? 1;
  const runtime = flags.runtime ?? 'threads';
  const compression = await labCompression(spec, runtime);
  const lab = createLab(spec, { runtime, seed: flags.seed ?? 1, timeScale, keepData: flags.keepData ?? false, ...(compression ? { compression } : {}) });
  return runInteractive(lab, flags.lab ?? 'default', timeScale);
}

export async function main(argv: string[]): Promise<number> {
  let exitCode: number = exitCodes.ok;
  const program = new Command('lab')
    .description('wsfc-lab: a Windows Server Failover Cluster with Hyper-V, as actors')
    .option('--lab <file>', 'a lab file (default: the embedded seed-000 two-node cluster)')
    .option('--runtime <runtime>', 'threads | sim', parseRuntime)
    .option('--seed <n>', 'seed for every random choice', parseSeed)
    .option('--time-scale <x>', 'threads: wall ms per simulated ms (interactive default 1)', parseTimeScale)
    .option('--keep-data', 'keep the machines\' files in .lab-data after the run')
    .enablePositionalOptions()
    .exitOverride()
    .action(async (flags: RunFlags & { lab?: string }) => {
      exitCode = await interactiveCommand(flags);
    });
  program
    .command('run')
    .argument('<scenario>', 'a scenario YAML file')
    .option('--runtime <runtime>', 'threads | sim (overrides the file)', parseRuntime)
    .option('--seed <n>', 'seed (overrides the file)', parseSeed)
    .option('--time-scale <x>', 'threads: wall ms per simulated ms (overrides the file)', parseTimeScale)
    .option('--json', 'print one JSON report on stdout')
    .option('--keep-data', 'keep the machines\' files in .lab-data after the run')
    .exitOverride()
    .action(async (file: string, flags: RunFlags) => {
      exitCode = await runCommand(file, flags);
    });
  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? exitCodes.ok : exitCodes.invalid;
    throw error;
  }
  return exitCode;
}
