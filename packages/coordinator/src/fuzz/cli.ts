// The long frame-fuzz run from the command line:
//   node packages/coordinator/dist/fuzz/cli.js --frames 100000 --seed 7
// prints, per actor kind, the frames sent by class, the rejections by reason and the crashes
// (each with its frame and the command that replays its batch), and exits 1 when anything
// crashed or was not counted. `--batch N` replays one batch of a run.
import { Command, InvalidArgumentError, Option } from 'commander';
import type { ActorKind } from '@wsfc-lab/protocol';
import { actorKinds, batchFramesMax, runBatch } from './frames.js';
import { formatSummary, fuzzKind, newCrashes, replayCommand } from './run.js';

const nonNegativeInteger = (value: string): number => {
  const parsed = Number(value);
  if (!Number.isSafeInteger(parsed) || parsed < 0) throw new InvalidArgumentError(`must be an integer >= 0, got "${value}"`);
  return parsed;
};

interface CliOptions {
  frames: number;
  seed: number;
  kind: ActorKind | 'all';
  batch?: number;
}

async function replayBatch(options: CliOptions & { batch: number }): Promise<number> {
  const kinds = options.kind === 'all' ? actorKinds : [options.kind];
  let failed = 0;
  for (const kind of kinds) {
    const report = await runBatch({ kind, seed: options.seed, batch: options.batch, frames: batchFramesMax });
    process.stdout.write(`${kind} batch ${options.batch}: ${report.frames} frames, rejected ${JSON.stringify(report.rejected)}, ${report.rejectEvents} FrameRejected events\n`);
    if (report.crash) process.stdout.write(`  CRASH frame ${report.crash.index} (${report.crash.frameClass} ${report.crash.messageType}): ${report.crash.error}\n    frame: ${report.crash.frameJson}\n    hex: ${report.crash.bytesHex}\n`);
    for (const problem of report.problems) process.stdout.write(`  PROBLEM ${problem}\n`);
    if (report.crash || report.problems.length > 0) failed++;
  }
  return failed === 0 ? 0 : 1;
}

async function main(options: CliOptions): Promise<number> {
  if (options.batch !== undefined) return replayBatch({ ...options, batch: options.batch });
  process.stdout.write(`seed=${options.seed} frames per kind=${options.frames} kinds=${options.kind}\n`);
  const startedAtMs = performance.now();
  let failed = 0;
  let known = 0;
  for (const kind of options.kind === 'all' ? actorKinds : [options.kind]) {
    const summary = await fuzzKind({ kind, frames: options.frames, seed: options.seed });
    for (const line of formatSummary(summary)) process.stdout.write(`${line}\n`);
    const fresh = newCrashes(summary);
    failed += fresh.length + summary.problems.length;
    known += summary.crashes.length - fresh.length;
    for (const crash of fresh) process.stderr.write(`replay: ${replayCommand(crash)}\n`);
  }
  const verdict = failed === 0 ? 'no new crash, every bad frame counted' : `${failed} failures (new crashes or frames not counted)`;
  process.stdout.write(`took ${((performance.now() - startedAtMs) / 1000).toFixed(1)} s; ${verdict}; ${known} crashes of known bugs (known-crashes.ts)\n`);
  return failed === 0 ? 0 : 1;
}

const program = new Command('fuzz')
  .description('Fuzz every actor kind with malformed, truncated, oversize and wrong-typed frames')
  .option('--frames <count>', 'frames per actor kind', nonNegativeInteger, 100_000)
  .option('--seed <n>', 'seed of the run', nonNegativeInteger, 1)
  .addOption(new Option('--kind <kind>', 'actor kind').choices(['all', ...actorKinds]).default('all'))
  .option('--batch <n>', 'replay one batch of the run', nonNegativeInteger);
program.parse();
process.exitCode = await main(program.opts<CliOptions>());
