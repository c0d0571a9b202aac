// The `pnpm bench <name>` command line: parses options with commander, runs one benchmark, prints
// its options, table and ratios, and writes its figures as JSON under the output directory
// (bench-out/ by default, gitignored), with the machine it ran on and the load around it.
import { mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { Command, InvalidArgumentError } from 'commander';
import { bootBench, bootDefaults } from './boot-bench.js';
import { detectBench, detectDefaults } from './detect-bench.js';
import { fabricBench, fabricDefaults } from './fabric-bench.js';
import { nonNegativeInteger, positiveInteger, positiveNumber } from '../cli/arguments.js';
import { registerFailover } from './failover-command.js';
import { registerMigrations } from './migrations-command.js';
import { bootReport, detectReport, fabricReport } from './report.js';
import { storageBench, storageDefaults, type StorageBenchOptions } from './storage-bench.js';
import { storageReport } from './storage-report.js';
import { wallNowMs } from './lab-helpers.js';

const nodeList = (value: string): number[] => {
  if (value === 'none' || value === '') return [];
  const counts = value.split(',').map((part) => Number(part.trim()));
  if (counts.some((n) => !Number.isInteger(n) || n < 2 || n > 64)) throw new InvalidArgumentError(`must be node counts from 2 to 64 separated by commas (or none), got "${value}"`);
  return counts;
};

interface Environment {
  node: string;
  cpus: number;
  loadAverageBefore: number[];
  loadAverageAfter: number[];
  wallMs: number;
  date: string;
}

async function run<R extends { benchmark: string }>(outDirectory: string | false, measure: () => Promise<R>, report: (result: R) => string[]): Promise<void> {
  const before = loadavg();
  const startedAtMs = wallNowMs();
  const date = new Date().toISOString();
  const result = await measure();
  const environment: Environment = { node: process.version, cpus: availableParallelism(), loadAverageBefore: before, loadAverageAfter: loadavg(), wallMs: wallNowMs() - startedAtMs, date };
  for (const line of report(result)) process.stdout.write(`${line}\n`);
  const load = (values: number[]) => values.map((v) => v.toFixed(1)).join(' ');
  process.stdout.write(`machine: node ${environment.node}, ${environment.cpus} CPUs, load average ${load(before)} before, ${load(environment.loadAverageAfter)} after; took ${(environment.wallMs / 1000).toFixed(1)} s\n`);
  if (outDirectory === false) return;
  mkdirSync(outDirectory, { recursive: true });
  const file = join(resolve(outDirectory), `${result.benchmark}-${date.replace(/[:.]/g, '-')}.json`);
  writeFileSync(file, `${JSON.stringify({ ...result, environment }, null, 2)}\n`);
  process.stdout.write(`figures written to ${file}\n`);
}

export function benchProgram(): Command {
  const program = new Command('bench').description('wsfc-lab foundation benchmarks').option('--out <dir>', 'directory for the JSON figures', 'bench-out').option('--no-write', 'do not write the JSON figures');
  const out = (): string | false => {
    const globals = program.opts<{ out: string; write: boolean }>();
    return globals.write ? globals.out : false;
  };
  program
    .command('fabric')
    .description('frames/s and round-trip time through the fabric, against raw msgpack postMessage between two bare workers')
    .option('--frames <n>', 'heartbeat requests in the measured flood (each is answered)', positiveInteger, fabricDefaults.frames)
    .option('--window <n>', 'requests in flight during the flood', positiveInteger, fabricDefaults.window)
    .option('--pings <n>', 'sequential ping-pongs for the round-trip time', positiveInteger, fabricDefaults.pings)
    .option('--warmup <n>', 'requests flooded before measuring', nonNegativeInteger, fabricDefaults.warmup)
    .option('--repeats <n>', 'rounds of raw, direct, relay in turn', positiveInteger, fabricDefaults.repeats)
    .option('--time-scale <x>', 'lab wall ms per simulated ms', positiveNumber, fabricDefaults.timeScale)
    .option('--seed <n>', 'seed', nonNegativeInteger, fabricDefaults.seed)
    .action((options: typeof fabricDefaults) => run(out(), () => fabricBench({ ...fabricDefaults, ...options }), fabricReport));
  program
    .command('boot')
    .description('wall time from the command to all nodes Up, and RSS per worker, against bare workers')
    .option('--nodes <list>', 'smallLab node counts, comma-separated (or none)', nodeList, bootDefaults.nodeCounts)
    .option('--no-default-lab', 'skip the default lab (labs/default.yaml)')
    .option('--time-scale <x>', 'lab wall ms per simulated ms', positiveNumber, bootDefaults.timeScale)
    .option('--deadline-s <s>', 'give up waiting for all Up after this many wall seconds', positiveNumber, bootDefaults.deadlineWallMs / 1000)
    .option('--seed <n>', 'seed', nonNegativeInteger, bootDefaults.seed)
    .action((options: { nodes: number[]; defaultLab: boolean; timeScale: number; deadlineS: number; seed: number }) =>
      run(out(), () => bootBench({ defaultLab: options.defaultLab, nodeCounts: options.nodes, timeScale: options.timeScale, deadlineWallMs: options.deadlineS * 1000, seed: options.seed }), bootReport),
    );
  program
    .command('detect')
    .description('detection time / (SameSubnetDelay x SameSubnetThreshold) in threads and sim, and sim speed')
    .option('--nodes <list>', 'threads node counts, comma-separated', nodeList, detectDefaults.nodeCounts)
    .option('--sim-nodes <list>', 'sim node counts, comma-separated', nodeList, detectDefaults.simNodeCounts)
    .option('--time-scale <x>', 'threads wall ms per simulated ms', positiveNumber, detectDefaults.timeScale)
    .option('--grace-s <s>', 'threads: wall seconds to wait for all Up and for late removals', positiveNumber, detectDefaults.graceWallMs / 1000)
    .option('--budget-s <s>', 'wall seconds the benchmark may spend before it stops searching', positiveNumber, detectDefaults.budgetWallMs / 1000)
    .option('--no-search', 'do not search for the smallest timeScale that meets the goal')
    .option('--seed <n>', 'seed', nonNegativeInteger, detectDefaults.seed)
    .action((options: { nodes: number[]; simNodes: number[]; timeScale: number; graceS: number; budgetS: number; search: boolean; seed: number }) =>
      run(
        out(),
        () =>
          detectBench({
            nodeCounts: options.nodes,
            simNodeCounts: options.simNodes,
            timeScale: options.timeScale,
            graceWallMs: options.graceS * 1000,
            budgetWallMs: options.budgetS * 1000,
            search: options.search,
            seed: options.seed,
          }),
        detectReport,
      ),
    );
  program
    .command('storage')
    .description('reservation commands/s and 4 KiB writes/s through the storage target actor, against one thread writing the file and the pure PR functions')
    .option('--operations <n>', 'N per measured run', positiveInteger, storageDefaults.operations)
    .option('--window <n>', 'W: commands outstanding', positiveInteger, storageDefaults.window)
    .option('--warmup <n>', 'commands on a warm-up LUN and file first', nonNegativeInteger, storageDefaults.warmup)
    .option('--disk-gib <x>', 'measured LUN size in GiB (sparse)', positiveNumber, storageDefaults.diskGiB)
    .option('--repeats <n>', 'rounds of baselines and lab in turn', positiveInteger, storageDefaults.repeats)
    .option('--aptpl', 'set APTPL on REGISTER', storageDefaults.aptpl)
    .option('--seed <n>', 'seed', nonNegativeInteger, storageDefaults.seed)
    .action((o: Omit<StorageBenchOptions, 'diskGiB'> & { diskGib: number }) =>
      run(out(), () => storageBench({ operations: o.operations, window: o.window, warmup: o.warmup, diskGiB: o.diskGib, aptpl: o.aptpl, repeats: o.repeats, seed: o.seed }), storageReport),
    );
  for (const register of [registerFailover, registerMigrations]) register(program, out, run);
  return program;
}

/** Runs `node scripts/bench.mjs <name> [options]` (argv as process.argv). */
export async function benchMain(argv: readonly string[]): Promise<void> {
  await benchProgram().parseAsync([...argv]);
}
