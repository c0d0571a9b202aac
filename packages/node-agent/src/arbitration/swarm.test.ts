// Seeded randomised schedules (STYLE 14, 15): 2-3 nodes arbitrate the data disk and the witness
// against the real target while the schedule, drawn from the seed, acquires and releases, changes
// each node's idea of the membership (views that disagree, as in a partition), arbitrates the
// witness for random sets, writes from every owner, kills, restarts and freezes nodes (freezes up
// to twice the challenger's wait) and cuts storage paths for a while. After each run the judges read the
// target's write history: at most one node that believes it owns a disk ever has its writes
// accepted at a time, and the witness never helps two disjoint sets succeed the same view.
//
// Replay one seed: ARBITRATION_SEED=<seed> npx ava packages/node-agent/dist/arbitration/swarm.test.js
// More seeds:      ARBITRATION_SEEDS=<count> npx ava packages/node-agent/dist/arbitration/swarm.test.js
import test from 'ava';
import { draw, run, type RunResult } from './_swarm.js';

const replayCommand = (seed: number) => `ARBITRATION_SEED=${seed} npx ava packages/node-agent/dist/arbitration/swarm.test.js`;
function seeds(): number[] {
  const one = process.env['ARBITRATION_SEED'];
  if (one !== undefined) return [Number(one)];
  const count = Number(process.env['ARBITRATION_SEEDS'] ?? 24);
  return Array.from({ length: count }, (_, i) => 1000 + i);
}

test('randomised schedules: at most one believing owner has its writes accepted; the witness never helps two disjoint successors', (t) => {
  const totals = { epochs: 0, acceptedWrites: 0, defences: 0, preemptions: 0, losses: 0, witnessWins: 0 };
  for (const seed of seeds()) {
    const drawn = draw(seed);
    t.log(`seed=${seed} nodes=${drawn.nodes.length} latencyMsMax=${drawn.latencyMsMax} freezeMsMax=${drawn.freezeMsMax}`);
    let result: RunResult;
    try {
      result = run(seed);
    } catch (error) {
      t.fail(`seed=${seed} threw ${(error as Error).message}\nreplay: ${replayCommand(seed)}`);
      return;
    }
    if (result.violations.length > 0) {
      t.fail(`seed=${seed}:\n${result.violations.slice(0, 5).join('\n')}\nreplay: ${replayCommand(seed)}`);
      return;
    }
    for (const key of Object.keys(totals) as (keyof typeof totals)[]) totals[key] += result[key];
  }
  t.log(`totals: ${JSON.stringify(totals)}`);
  // The schedules must have exercised something: owners changing hands, writes, defences, the witness.
  if (seeds().length >= 8) t.true(totals.acceptedWrites > 0 && totals.epochs > seeds().length && totals.witnessWins > 0, JSON.stringify(totals));
  if (seeds().length >= 8) t.true(totals.defences > 0 && totals.preemptions > 0 && totals.losses > 0, 'owners defended, were preempted, lost disks');
});

test('the same seed gives the same run (determinism)', (t) => {
  const a = run(77);
  const b = run(77);
  t.deepEqual(a, b);
});
