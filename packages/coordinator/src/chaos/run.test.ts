// Scenario: "default lab, three worker kills in sim: the cluster stays safe and every role is back
// Online after the heal", with the workload's writes read back. The swarm and its determinism
// self-check run as a user runs them, in test/src/chaos.test.ts.
import test from 'ava';
import { defaultLab } from '../config/mod.js';
import { planRun } from './plan.js';
import { runChaos } from './run.js';

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
  // The workload wrote through the File Server disk's owner all along and read every block back.
  t.true(result.writesAcknowledged >= 10, `${result.writesAcknowledged} writes acknowledged`);
  t.is(result.blocksReadBack, 4);
});

// Worlds in which the swarm found a bug, each replayed as `pnpm chaos --runtime sim --seed N --world`:
// they must stay clean. (The earlier finds, seeds 4, 36 and 43, were made with the 2–5-node worlds
// drawn before; their bugs have their own tests: vm-host-cut-off scenario, fabric and arbitration.)
const foundBugs: [seed: number, bug: string][] = [
  [17, 'restart and retry counts survived a cluster service restart, leaving a CSV Offline for an hour'],
  [30, 'a VM configuration waited forever on a CSV the cluster had given up on'],
  [39, 'VM configurations waited forever on a CSV the cluster had given up on'],
];

for (const [seed, bug] of foundBugs) {
  test(`world of seed ${seed} stays clean: ${bug}`, async (t) => {
    const plan = planRun({ seed, budget: { kind: 'duration', durationMs: 60_000 } });
    const result = await runChaos({ spec: plan.spec, runtime: 'sim', seed, schedule: plan.schedule, boundMs: 120_000, timeScale: 1, lossPercent: plan.lossPercent });
    t.deepEqual(result.violations.map((v) => `${v.rule}: ${v.detail}`), [], `replay: pnpm chaos --runtime sim --seed ${seed} --world`);
  });
}
