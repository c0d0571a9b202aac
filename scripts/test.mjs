#!/usr/bin/env node
// Runs ava in TAP mode, passes its output through, and ends with the line CI reads:
// "N passed, N failed, N skipped". Exits non-zero on any failure or if ava itself failed.
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';

const child = spawn(process.execPath, ['node_modules/ava/entrypoints/cli.mjs', '--tap', ...process.argv.slice(2)], { stdio: ['ignore', 'pipe', 'inherit'] });
let passed = 0;
let failed = 0;
let skipped = 0;
const lines = createInterface({ input: child.stdout });
lines.on('line', (line) => {
  process.stdout.write(`${line}\n`);
  if (/^not ok \d+/.test(line)) failed++;
  else if (/^ok \d+.*# (SKIP|TODO)/i.test(line)) skipped++;
  else if (/^ok \d+/.test(line)) passed++;
});
child.on('close', (code) => {
  if (code !== 0 && failed === 0) failed = 1; // ava failed outside any test (crash, no tests)
  if (passed + failed === 0) failed = 1;
  process.stdout.write(`${passed} passed, ${failed} failed, ${skipped} skipped\n`);
  process.exit(failed > 0 ? 1 : 0);
});
