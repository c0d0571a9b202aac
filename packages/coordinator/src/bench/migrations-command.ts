// `pnpm bench migrations [options]`: the command line of the migrations benchmark, registered on
// the bench program by cli.ts. It runs through cli.ts's runner (table, machine and load, the
// timestamped JSON), then writes the chart: bench-results/migrations.svg and .png by default.
import { InvalidArgumentError, type Command } from 'commander';
import { migrationPerformanceOptions, type MigrationPerformanceOption } from '@wsfc-lab/node-agent';
import type { BenchRunner } from './failover-command.js';
import { nonNegativeInteger, positiveNumber } from '../cli/arguments.js';
import { migrationsBench, migrationsDefaults, migrationsQuick, type MigrationsBenchOptions, type MigrationsBenchResult } from './migrations-bench.js';
import { chartPoints, migrationsSvg, writeMigrationsChart } from './migrations-chart.js';
import { migrationsReport } from './migrations-report.js';
import { protectedChartPoints } from './migrations-protected-sweep.js';

const integersIn = (what: string, min: number, max: number) => (value: string): number[] => {
  const parsed = value.split(',').map((part) => Number(part.trim()));
  if (parsed.length === 0 || parsed.some((n) => !Number.isInteger(n) || n < min || n > max)) throw new InvalidArgumentError(`must be ${what} from ${min} to ${max} separated by commas, got "${value}"`);
  return parsed;
};
const optionList = (value: string): MigrationPerformanceOption[] => {
  const parsed = value.split(',').map((part) => migrationPerformanceOptions.find((o) => o.toLowerCase() === part.trim().toLowerCase()));
  if (parsed.some((o) => o === undefined)) throw new InvalidArgumentError(`must be some of ${migrationPerformanceOptions.join(', ')} separated by commas, got "${value}"`);
  return parsed as MigrationPerformanceOption[];
};

interface CommandOptions {
  vms: number[];
  limits: number[];
  options: MigrationPerformanceOption[];
  quick: boolean;
  threads: boolean;
  threadsLimits: number[];
  timeScale: number;
  workers: number;
  seed: number;
  progress: boolean;
  chart: string | false;
  protected: boolean;
}

export function benchOptionsOf(o: CommandOptions): MigrationsBenchOptions {
  const quick = o.quick ? migrationsQuick : {};
  return { ...migrationsDefaults, vmCounts: o.vms, limits: o.limits, options: o.options, seed: o.seed, workers: o.workers, threads: o.threads, threadsLimits: o.threadsLimits, timeScale: o.timeScale, progress: o.progress, protected: o.protected, ...quick };
}

export function registerMigrations(program: Command, out: () => string | false, run: BenchRunner): void {
  const d = migrationsDefaults;
  program
    .command('migrations')
    .description('time to drain a node, blackouts and bytes against MaximumParallelMigrations, VM count and performance option, in sim (and a subset in threads)')
    .option('--vms <list>', 'VM counts on node01, comma-separated', integersIn('VM counts', 1, 64), d.vmCounts)
    .option('--limits <list>', 'MaximumParallelMigrations values (1 is always run: the baseline)', integersIn('limits', 1, 8), d.limits)
    .option('--options <list>', 'VirtualMachineMigrationPerformanceOption values', optionList, d.options)
    .option('--quick', `a small sweep: ${migrationsQuick.vmCounts.join('/')} VMs, limits ${migrationsQuick.limits.join(',')}`, false)
    .option('--no-threads', 'skip the threads subset')
    .option('--threads-limits <list>', `threads subset: limits for ${d.threadsVmCount} VMs with ${d.threadsOption}`, integersIn('limits', 1, 8), d.threadsLimits)
    .option('--time-scale <x>', 'threads: wall ms per simulated ms', positiveNumber, d.timeScale)
    .option('--workers <n>', 'pool threads for the sim trials (0: one per core)', nonNegativeInteger, d.workers)
    .option('--seed <n>', 'seed', nonNegativeInteger, d.seed)
    .option('--no-protected', 'skip the protected-network case (a NIC failure under the VM switch instead of a drain)')
    .option('--no-progress', 'no progress display')
    .option('--chart <file>', 'the SVG chart (a PNG is written beside it)', 'bench-results/migrations.svg')
    .option('--no-chart', 'write no chart')
    .action(async (o: CommandOptions) => {
      let latest: MigrationsBenchResult | undefined;
      await run(out(), async () => (latest = await migrationsBench(benchOptionsOf(o))), migrationsReport);
      if (o.chart === false || latest === undefined) return;
      const points = [...chartPoints(latest.rows), ...protectedChartPoints(latest.protected ?? [])];
      if (points.length === 0) return void process.stdout.write('no clean trial to chart\n');
      const title = `Draining node01${latest.options.protected ? ', and evacuating it after a NIC failure' : ''}: ${latest.options.vmCounts.join('/')} VMs, seed ${latest.options.seed} (sim)`;
      const written = writeMigrationsChart(o.chart, migrationsSvg(points, title));
      process.stdout.write(`chart written to ${written.svg} and ${written.png}\n`);
    });
}
