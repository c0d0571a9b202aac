// Scenario tests of the foundation on both runtimes: a killed worker is found out from silence,
// a paused actor is detected and comes back, a partition is seen from both sides.
import test from 'ava';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { HistoryEntry } from '@wsfc-lab/protocol';
import { ClusterView } from '../observe/cluster-view.js';
import { smallLab } from '../testing/small-lab.js';
import type { Runtime } from './runtime.js';
import { SimRuntime } from './sim/sim-runtime.js';
import { ThreadsRuntime } from './threads/threads-runtime.js';

// Threads tests run at timeScale 0.05 so that a busy 2-core CI machine's scheduling hiccups
// (tens of wall ms) stay well under one heartbeat; `pnpm bench detect` measures 0.01.
const threadsTimeScale = 0.05;
const delayMs = 1000;
const threshold = 10;
const boundMs = delayMs * (threshold + 1); // one tick of phase, then Threshold misses

type Make = (seed: number) => { runtime: Runtime; view: ClusterView; nodes: string[] };

const makers: Record<'sim' | 'threads', Make> = {
  sim: (seed) => {
    const lab = smallLab({ nodeCount: 3 });
    const runtime = new SimRuntime({ actors: lab.actors, fabric: lab.fabric, seed });
    const view = new ClusterView(lab.nodes);
    runtime.onEntry((e) => view.apply(e));
    return { runtime, view, nodes: lab.nodes };
  },
  threads: (seed) => {
    const lab = smallLab({ nodeCount: 3 });
    const dataDirectory = mkdtempSync(join(tmpdir(), 'wsfc-lab-test-'));
    const runtime = new ThreadsRuntime({ actors: lab.actors, fabric: lab.fabric, seed, timeScale: threadsTimeScale, dataDirectory });
    const view = new ClusterView(lab.nodes);
    runtime.onEntry((e) => view.apply(e));
    return { runtime, view, nodes: lab.nodes };
  },
};

const allSeeAllUp = (view: ClusterView, nodes: string[]) => () =>
  nodes.every((observer) => nodes.every((node) => view.viewOf(observer)?.get(node) === 'Up'));

const removals = (history: readonly HistoryEntry[], node: string) =>
  history.filter((e) => e.event.type === 'PeerUnreachable' && e.event.node === node);

for (const [name, make] of Object.entries(makers)) {
  test.serial(`${name}: a killed node is removed by every survivor from silence alone, within Delay x Threshold`, async (t) => {
    const { runtime, view, nodes } = make(42);
    await runtime.start();
    try {
      t.true(await runtime.runUntil(allSeeAllUp(view, nodes), 60_000), 'all nodes Up');
      await runtime.runUntil(() => false, runtime.nowMs() + 2500);
      const killedAtMs = runtime.nowMs();
      await runtime.kill('node01');
      const seen = await runtime.runUntil(() => removals(runtime.history(), 'node01').length === 2, killedAtMs + 15_000);
      t.true(seen, 'both survivors find every route to node01 down');
      for (const entry of removals(runtime.history(), 'node01')) {
        const tookMs = entry.atMs - killedAtMs;
        t.log(`${entry.source} removed node01 after ${tookMs.toFixed(0)} ms (bound ${boundMs})`);
        t.true(tookMs >= delayMs * threshold * 0.9, `not before the threshold: ${tookMs}`);
        t.true(tookMs <= boundMs * 1.1, `within the bound: ${tookMs}`);
      }
      // 1135 and Down come from the regroup that follows the detection.
      t.true(await runtime.runUntil(() => view.nodeState('node01', runtime) === 'Down', runtime.nowMs() + 20_000), 'node01 Down once the survivors regrouped');
      // A survivor stays Up through the new view (its database re-sync does not make it Joining).
      const rejoined = runtime.history().filter((e) => e.atMs > killedAtMs && e.event.type === 'NodeStateChanged' && e.event.node === e.source && e.event.State === 'Joining');
      t.deepEqual(rejoined.map((e) => e.source), [], 'no survivor reported itself Joining');
    } finally {
      await runtime.stop();
    }
  });

  test.serial(`${name}: a paused node is removed, and rejoins Up once it runs again`, async (t) => {
    const { runtime, view, nodes } = make(7);
    await runtime.start();
    try {
      t.true(await runtime.runUntil(allSeeAllUp(view, nodes), 60_000));
      await runtime.pause('node03', 20_000);
      t.true(await runtime.runUntil(() => view.viewOf('node01')?.get('node03') === 'Down', runtime.nowMs() + 15_000), 'detected while frozen');
      // Excluded on waking (1006), it joins again on its next retry (5 s) with a new round.
      t.true(await runtime.runUntil(() => view.viewOf('node01')?.get('node03') === 'Up', runtime.nowMs() + 30_000), 'back after the pause');
    } finally {
      await runtime.stop();
    }
  });

  test.serial(`${name}: a partition is detected on both sides and heals`, async (t) => {
    const { runtime, view, nodes } = make(3);
    await runtime.start();
    try {
      t.true(await runtime.runUntil(allSeeAllUp(view, nodes), 60_000));
      runtime.updateFabric((f) => f.partition({ groups: [['node01'], ['node02', 'node03']] }));
      const split = () =>
        view.viewOf('node01')?.get('node02') === 'Down' && view.viewOf('node02')?.get('node01') === 'Down' && view.viewOf('node03')?.get('node01') === 'Down';
      t.true(await runtime.runUntil(split, runtime.nowMs() + 15_000), 'both sides see the other Down');
      t.is(view.viewOf('node02')?.get('node03'), 'Up', 'the majority side stays together');
      runtime.updateFabric((f) => f.healAll());
      // node01 stopped its service when it lost quorum (1177); it joins again on its next retry.
      t.true(await runtime.runUntil(() => view.viewOf('node01')?.get('node02') === 'Up', runtime.nowMs() + 30_000), 'healed');
    } finally {
      await runtime.stop();
    }
  });
}
