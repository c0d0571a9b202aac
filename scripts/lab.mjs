#!/usr/bin/env node
// `pnpm lab …`: the interactive lab and `lab run SCENARIO.yaml` (packages/coordinator/src/cli/lab.ts).
import { main } from '../packages/coordinator/dist/cli/lab.js';

process.exitCode = await main(process.argv.slice(2));
