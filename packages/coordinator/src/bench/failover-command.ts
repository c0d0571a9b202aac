// `pnpm bench failover [options]`: the command line of the failover benchmark, registered on the
// bench program by cli.ts. It runs through cli.ts's runner (options, table, machine and load, the
// timestamped JSON under the output directory), and also keeps the latest figures as failover.json
// there, a stable name to compare runs against.
import { mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import { listOf, positiveInteger, positiveNumber } from '../cli/arguments.js';
import { failoverBench, failoverDefaults, type FailoverBenchOptions, type FailoverBenchResult } from './failover-bench.js';
import { failoverReport } from './failover-report.js';

/** cli.ts's runner: measure, print the report, write the JSON. */
export type BenchRunner = <R extends { benchmark: string }>(outDirectory: string | false, measure: () => Promise<R>, report: (result: R) => string[]) => Promise<void>;

const seedList = listOf('integers >= 0', (n) => Number.isInteger(n) && n >= 0);
const timeScaleList = listOf('numbers > 0', (n) => Number.isFinite(n) && n > 0);

/** Writes `<out>/failover.json`, the latest figures under a stable name. */
function writeLatest(outDirectory: string, result: FailoverBenchResult): void {
  mkdirSync(outDirectory, { recursive: true });
  const file = join(resolve(outDirectory), 'failover.json');
  const environment = { node: process.version, cpus: availableParallelism(), date: new Date().toISOString() };
  writeFileSync(file, `${JSON.stringify({ ...result, environment }, null, 2)}\n`);
  process.stdout.write(`latest figures also in ${file}\n`);
}

interface CommandOptions {
  seeds: number[];
  timeScales: number[];
  trials: number;
  pollMs: number;
  graceS: number;
  graceful: boolean;
}

export function registerFailover(program: Command, out: () => string | false, run: BenchRunner): void {
  program
    .command('failover')
    .description("detection-to-online time of the default lab's failover when node01 is killed, by phase, against Delay x Threshold and the documented timeouts; and Move-ClusterGroup")
    .option('--seeds <list>', 'sim seeds, comma-separated (or none)', seedList, failoverDefaults.seeds)
    .option('--time-scales <list>', 'threads timeScales, comma-separated (or none)', timeScaleList, failoverDefaults.timeScales)
    .option('--trials <n>', 'threads trials per timeScale', positiveInteger, failoverDefaults.trials)
    .option('--poll-ms <ms>', 'simulated ms between Get-ClusterResource polls', positiveNumber, failoverDefaults.pollMs)
    .option('--grace-s <s>', 'threads: the least wall seconds to wait for settling and for the failover', positiveNumber, failoverDefaults.graceWallMs / 1000)
    .option('--no-graceful', 'skip the Move-ClusterGroup case')
    .action(async (o: CommandOptions) => {
      const options: FailoverBenchOptions = { seeds: o.seeds, timeScales: o.timeScales, trials: o.trials, pollMs: o.pollMs, graceWallMs: o.graceS * 1000, graceful: o.graceful };
      let latest: FailoverBenchResult | undefined;
      await run(out(), async () => (latest = await failoverBench(options)), failoverReport);
      const outDirectory = out();
      if (outDirectory !== false && latest !== undefined) writeLatest(outDirectory, latest);
    });
}
