// Every scenario in test/scenarios/ runs on both runtimes, as a user runs it (`pnpm lab run`), and
// must exit 0; each file's name and header say which real behaviour it checks. Files whose name
// says they must fail are run by the tests that expect their failure.
import test from 'ava';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot, runLab } from './cli.js';

const mustFail = new Set(['expect-too-soon.yaml']);
// Threads runs use timeScale 0.05 so a loaded CI machine's hiccups stay under a heartbeat; a
// scenario that waits long keeps its own scale (its timing is not tight).
const keepOwnTimeScale = new Set(['directory-down-tickets.yaml']);
const files = readdirSync(join(repoRoot, 'test/scenarios')).filter((f) => f.endsWith('.yaml') && !mustFail.has(f)).sort();

for (const file of files) {
  for (const runtime of ['sim', 'threads'] as const) {
    test.serial(`${runtime}: ${file}`, async (t) => {
      const scale = runtime === 'threads' && !keepOwnTimeScale.has(file) ? ['--time-scale', '0.05'] : [];
      const result = await runLab(['run', `test/scenarios/${file}`, '--runtime', runtime, ...scale]);
      const failed = result.stdout.split('\n').filter((line) => line.startsWith('✘'));
      t.is(result.code, 0, `${failed.join('\n')}\n${result.stderr}`);
      t.regex(result.stdout, /^PASS /m);
    });
  }
}
