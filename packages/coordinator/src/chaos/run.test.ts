// Scenario: "default lab, three worker kills in sim: the cluster stays safe and every role is back
// Online after the heal". Then a swarm of five seeds, each its own world, with the determinism
// self-check: the re-run seeds hash the same.
import test from 'ava';
import { defaultLab } from '../config/mod.js';
import { planRun } from './plan.js';
import { runChaos } from './run.js';
import { runSwarm } from './swarm.js';

test('default lab, 3 kills in sim: no violation, every node Up and every role Online at the end', async (t) => {
  const plan = planRun({ seed: 3, spec: defaultLab(), budget: { kind: 'kills', kills: 3 } });
  const lines: string[] = [];
  const result = await runChaos({ spec: plan.spec, runtime: 'sim', seed: 3, schedule: plan.schedule, boundMs: 120_000, timeScale: 1, onLine: (l) => lines.push(l) });
  t.deepEqual(result.violations, []);
  t.is(result.kills, 3);
  t.is(result.killsSurvived, 3);
  t.not(result.healRecoveryMs, null);
  t.is(result.finalStatus?.pending, null);
  t.true(result.finalStatus?.groups.filter((g) => g.GroupType !== 'AvailableStorage').every((g) => g.State === 'Online'));
  t.true(lines.some((l) => /healed everything/.test(l)));
});

test('a swarm of 5 seeds in sim draws five worlds and re-runs two of them to the same history hash', async (t) => {
  const tasks = Array.from({ length: 5 }, (_, i) => ({ seed: 100 + i, budget: { kind: 'duration' as const, durationMs: 30_000 }, boundMs: 60_000 }));
  const swarm = await runSwarm({ tasks, recheck: 2, workers: 2 });
  t.is(swarm.results.length, 5);
  t.is(swarm.rechecked, 2);
  t.deepEqual(swarm.nondeterministic, []);
  t.deepEqual(new Set(swarm.results.map((r) => r.seed)), new Set([100, 101, 102, 103, 104]));
  t.true(swarm.results.every((r) => /^seed=\d+ nodes=[2-5] .*vms=\d/.test(r.drawn)));
});
