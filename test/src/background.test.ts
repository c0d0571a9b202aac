// `background: true` (spec "A scenario"): the cmdlet runs alongside the next steps; the run waits
// for it at the end and fails if its outcome does.
import test from 'ava';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot, runLab } from './cli.js';

interface Report {
  ok: boolean;
  simulatedMs: number;
  steps: { index: number; kind: string; ok: boolean; atMs: number; detail: string }[];
}

for (const runtime of ['sim', 'threads'] as const) {
  test.serial(`${runtime}: the step after a background cmdlet runs at once, and the cmdlet is judged when it ends`, async (t) => {
    const scale = runtime === 'threads' ? ['--time-scale', '0.05'] : [];
    const result = await runLab(['run', 'test/scenarios/background-cmdlet.yaml', '--runtime', runtime, '--json', ...scale]);
    t.is(result.code, 0, result.stderr);
    const report = JSON.parse(result.stdout) as Report;
    const [, , kill, started, expectation] = report.steps;
    t.regex(started?.detail ?? '', /started in the background/);
    t.true((expectation?.atMs ?? Infinity) - (kill?.atMs ?? 0) < 1000, `the next step did not wait: ${JSON.stringify(report.steps)}`);
    t.true(report.simulatedMs - (kill?.atMs ?? 0) >= 9000, `the run waited for the look-up's 10 s schedule (${report.simulatedMs} ms)`);
  });
}

test.serial('a background cmdlet that fails fails the scenario, with exit 1', async (t) => {
  const directory = mkdtempSync(join(tmpdir(), 'wsfc-lab-bg-'));
  const file = join(directory, 'background-fails.yaml');
  const text = readFileSync(join(repoRoot, 'test/scenarios/background-cmdlet.yaml'), 'utf8').replace(/\n\s+expectError: .*\n/, '\n');
  writeFileSync(file, text);
  const result = await runLab(['run', file, '--json']);
  t.is(result.code, 1, result.stderr);
  const report = JSON.parse(result.stdout) as Report;
  const last = report.steps.at(-1);
  t.is(last?.kind, 'background');
  t.false(last?.ok);
  t.regex(last?.detail ?? '', /Resolve-DnsName web: web : This operation returned because the timeout period expired/);
});
