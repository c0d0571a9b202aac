// `pnpm chaos` as a user runs it (issue 7: a short swarm and a short threads run in CI; the long
// runs are commands). Real worker kills in threads: every kill survived, the cluster back after the
// heal, and nothing unsafe in the history. A swarm in sim: each seed its own world, no violation,
// and the re-run seeds hash the same.
import test from 'ava';
import { runScript } from './cli.js';

const chaos = 'packages/coordinator/dist/chaos/cli.js';

test.serial('threads, default lab, 10 real worker kills: all survived, recovered after the heal, no violation', async (t) => {
  const result = await runScript(chaos, ['--runtime', 'threads', '--kills', '10', '--time-scale', '0.1', '--seed', '1', '--shrink-runs', '0'], 300_000);
  const summary = result.stdout.split('\n').find((line) => /^(PASS|FAIL) seed=/.test(line)) ?? '';
  t.is(result.code, 0, `${summary}\n${result.stdout.split('\n').filter((l) => l.startsWith('VIOLATION')).join('\n')}\n${result.stderr}`);
  t.regex(summary, /^PASS seed=1 runtime=threads: .*10 of 10 worker kills survived, heal → recovered \d/);
  t.regex(summary, /, 0 violations;/);
  t.notRegex(summary, / 0 workload writes acknowledged/);
});

test.serial('sim swarm of 12 seeds, each its own world: no violation, and the re-run seeds hash the same', async (t) => {
  const result = await runScript(chaos, ['--runtime', 'sim', '--seeds', '12', '--seed', '1', '--duration', '60s'], 300_000);
  const summary = result.stdout.split('\n').find((line) => line.startsWith('swarm: ')) ?? '';
  t.is(result.code, 0, `${summary}\n${result.stdout.split('\n').filter((l) => /^FAIL|VIOLATION|replay/.test(l.trim())).join('\n')}\n${result.stderr}`);
  t.regex(summary, /^swarm: 12 seeds, 0 with violations \(none\), \d+ worker kills/);
  t.regex(summary, /determinism: 3 seeds re-run, 0 differ/);
  t.is(result.stdout.split('\n').filter((line) => /^ok {3}seed=\d+ nodes=\d+/.test(line)).length, 12);
});
