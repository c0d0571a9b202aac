// The unseed check (FoundationDB; STYLE 17): the same seed twice gives the same history hash,
// with loss drawn from the seed; another seed gives another history.
import test from 'ava';
import { historyHash } from '../../observe/history-hash.js';
import { smallLab } from '../../testing/small-lab.js';
import { SimRuntime } from './sim-runtime.js';

async function lossyRun(seed: number): Promise<{ hash: string; entries: number }> {
  const lab = smallLab({ nodeCount: 4 });
  const runtime = new SimRuntime({ actors: lab.actors, fabric: lab.fabric, seed });
  await runtime.start();
  runtime.updateFabric((f) => {
    f.setLoss('Cluster', 40);
    f.setLoss('Management', 40);
  });
  await runtime.runUntil(() => false, 20_000);
  await runtime.kill('node02');
  await runtime.runUntil(() => false, 40_000);
  await runtime.restart('node02');
  await runtime.runUntil(() => false, 60_000);
  return { hash: historyHash(runtime.history()), entries: runtime.history().length };
}

test('sim: the same seed gives the same event history, byte for byte', async (t) => {
  const seed = 1234;
  const first = await lossyRun(seed);
  const second = await lossyRun(seed);
  t.true(first.entries > 20, `a history worth comparing (${first.entries} entries)`);
  t.is(first.hash, second.hash, `replay: node packages/coordinator/dist/runtime/sim/determinism.test.js (seed=${seed})`);
});

test('sim: another seed draws other losses, so another history', async (t) => {
  t.not((await lossyRun(1)).hash, (await lossyRun(2)).hash);
});
