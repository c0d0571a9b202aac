// Swarm: each seed draws a world (2–7 nodes, a disk witness or none, latency, message loss,
// failure-detector delays) and a fault schedule (links cut both ways and one way, partitions,
// crashes and restarts, an unreachable witness), runs it, then heals everything and requires one
// view of all nodes within convergenceBoundMs. The harness checks agreement, connectivity of every
// kept set and the absence of split brain after every step. A failure prints the seed and the
// command that replays it alone: REGROUP_SEED=<seed> npx ava packages/node-agent/dist/regroup/swarm.test.js
import test from 'ava';
import { convergenceBoundMs, describe, draw, runSwarm } from './_swarm.js';

const seedsPerTest = 50;
const testCount = 6;

const only = process.env.REGROUP_SEED;
const seedGroups = only !== undefined ? [[Number(only)]] : Array.from({ length: testCount }, (_, g) => Array.from({ length: seedsPerTest }, (_, i) => g * seedsPerTest + i));

for (const seeds of seedGroups) {
  test(`swarm seeds ${seeds[0]}..${seeds.at(-1)}: agreement, connected views, no split brain; one view within ${convergenceBoundMs} ms of healing`, (t) => {
    let slowest = 0;
    for (const seed of seeds) {
      try {
        const { convergedAfterMs } = runSwarm(seed);
        slowest = Math.max(slowest, convergedAfterMs);
      } catch (error) {
        const drawn = draw(seed);
        t.log(describe(drawn));
        t.log(`replay: REGROUP_SEED=${seed} npx ava packages/node-agent/dist/regroup/swarm.test.js`);
        throw error;
      }
    }
    t.log(`slowest convergence after healing: ${slowest} ms (bound ${convergenceBoundMs} ms)`);
    t.true(slowest <= convergenceBoundMs);
  });
}

test('the same seed twice gives the same run, bit for bit', (t) => {
  const a = runSwarm(7);
  const b = runSwarm(7);
  t.is(a.world.traceHash, b.world.traceHash);
  t.is(a.world.steps, b.world.steps);
  t.true(a.world.steps > 100, 'the run did something');
});
