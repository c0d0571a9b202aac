import test from 'ava';
import { detectMisses, nextTimeScale } from './detect-bench.js';
import type { DetectTrial } from './detect-trial.js';

test('the timeScale search climbs the coarse rungs, then refines upward inside the bracket', (t) => {
  t.is(nextTimeScale(0.01, null), 0.1, 'first a decade up');
  t.is(nextTimeScale(0.1, null), 1);
  t.is(nextTimeScale(1, null), 2, 'past the coarse rungs, the top of the ladder');
  t.is(nextTimeScale(2, null), undefined, 'nothing above the ladder');
  t.is(nextTimeScale(0.01, 0.1), 0.02, 'below a meeting rung: the cheapest rung above the miss');
  t.is(nextTimeScale(0.1, 1), 0.2);
  t.is(nextTimeScale(0.5, 1), undefined, 'adjacent rungs close the bracket');
});

const trial = (fields: Partial<DetectTrial>): DetectTrial => ({
  runtime: 'threads',
  nodeCount: 3,
  timeScale: 0.01,
  error: null,
  allUp: true,
  victim: 'node01',
  phaseMs: 0,
  survivors: 2,
  detected: 2,
  ratios: [1.02, 1.05],
  ratioMin: 1.02,
  ratioMean: 1.035,
  ratioMax: 1.05,
  falseRemovals: 0,
  crashes: 0,
  firstCrash: null,
  offeredFramesPerSecond: 2400,
  simulatedMs: 20_000,
  wallMs: 300,
  simSpeed: 66,
  ...fields,
});

test('a trial meets the goal only when every survivor detects within 1.10 and nothing else went wrong', (t) => {
  t.is(detectMisses(trial({})), null);
  t.is(detectMisses(trial({ ratioMax: 1.101 })), 'max ratio 1.101 > 1.1');
  t.is(detectMisses(trial({ detected: 1 })), '1 of 2 survivors never logged 1135 for node01');
  t.is(detectMisses(trial({ falseRemovals: 3 })), '3 false removals of live nodes');
  t.is(detectMisses(trial({ allUp: false })), 'the nodes were never all Up at once');
  t.is(detectMisses(trial({ crashes: 1, firstCrash: 'node02: boom' })), '1 workers crashed (first crash node02: boom)');
  t.regex(detectMisses(trial({ error: 'worker of node02 exited' })) ?? '', /^failed: worker of node02 exited/);
});
