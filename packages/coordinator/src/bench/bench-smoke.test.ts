// Each benchmark runs end to end with tiny options and returns well-formed, positive figures.
// No timing thresholds: timings belong in the benchmark output, never in tests.
import test from 'ava';
import { bootBench } from './boot-bench.js';
import { detectBench } from './detect-bench.js';
import { fabricBench } from './fabric-bench.js';
import { bootReport, detectReport, fabricReport } from './report.js';

const positive = (value: number) => Number.isFinite(value) && value > 0;

test.serial('fabric: raw, direct and relay all move frames and answer ping-pongs', async (t) => {
  const result = await fabricBench({ frames: 2000, window: 64, pings: 50, warmup: 0, timeScale: 1, repeats: 1, seed: 1 });
  for (const path of ['raw', 'direct', 'relay'] as const) {
    const figures = result.figures[path];
    t.true(positive(figures.framesPerSecond), `${path} frames/s ${figures.framesPerSecond}`);
    t.is(figures.framesPerSecondByRepeat.length, 1);
    t.is(figures.rttMs.count, 50, `${path} RTT samples`);
    t.true(positive(figures.rttMs.mean) && figures.rttMs.p99 >= figures.rttMs.p50, `${path} RTT ${JSON.stringify(figures.rttMs)}`);
  }
  t.true(positive(result.ratios.direct.throughput) && positive(result.ratios.relay.rttMean));
  t.true(result.frameSizeBytes > 50);
  t.true(['direct', 'relay'].includes(result.winner));
  t.true(fabricReport(result).some((line) => line.startsWith('winner: ')));
});

test.serial('boot: the default lab and a 4 node lab come Up, with RSS per worker, against bare workers', async (t) => {
  const result = await bootBench({ defaultLab: true, nodeCounts: [4], timeScale: 0.05, seed: 1, deadlineWallMs: 10_000 });
  t.deepEqual(result.rows.map((row) => [row.lab, row.nodeCount]), [['default', 2], ['small', 4]]);
  t.true(result.rows[0]!.workerCount > 2, 'the default lab also starts its directory and storage target');
  for (const row of result.rows) {
    t.is(row.bare.workerCount, row.workerCount, 'as many bare workers as the lab has');
    t.true(row.result.readyWallMs !== null && positive(row.result.readyWallMs), `lab Up ${row.result.readyWallMs}`);
    t.true(row.result.stampedReadyWallMs !== null && row.result.stampedReadyWallMs <= (row.result.readyWallMs ?? 0) + 1, 'stamped before seen');
    t.true(positive(row.bare.readyWallMs ?? 0) && positive(row.timeRatio));
    t.true(positive(row.result.rssPerWorkerBytes) && positive(row.bare.rssPerWorkerBytes), 'RSS grew with the workers');
  }
  t.is(bootReport(result).filter((line) => /^(default|\d+ nodes) /.test(line)).length, 2, 'one table row per lab');
});

test.serial('detect: sim removes a killed node from 2 nodes within Delay x Threshold x 1.1', async (t) => {
  const result = await detectBench({ nodeCounts: [], simNodeCounts: [2], timeScale: 0.01, seed: 1, graceWallMs: 1000, budgetWallMs: 1000, search: false });
  t.is(result.threads.length, 0);
  const [row] = result.sim;
  t.truthy(row);
  if (!row) return;
  t.true(row.trial.allUp);
  t.is(row.trial.detected, 1);
  t.is(row.trial.ratios.length, 1);
  // The sim's fabric is deterministic: the ratio lies where the heartbeat rules put it.
  t.true(row.trial.ratioMin >= 1 && row.trial.ratioMax <= 1.1, `ratio ${row.trial.ratioMax}`);
  t.is(row.misses, null);
  t.true(positive(row.trial.simSpeed));
  t.true(detectReport(result).some((line) => line.includes('meets')));
});
