#!/usr/bin/env node
// `pnpm bench <fabric|boot|detect> [options]`: a thin entry into the coordinator's benchmarks
// (packages/coordinator/src/bench). Run `pnpm bench --help` for the options.
import { benchMain } from '../packages/coordinator/dist/bench/mod.js';

try {
  await benchMain(process.argv);
} catch (error) {
  process.stderr.write(`bench: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
}
