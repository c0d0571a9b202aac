import test from 'ava';
import type { HistoryEntry, LabEvent } from '@wsfc-lab/protocol';
import { failoverMisses, gracefulMisses, phasesOf, summarizeRows, trialPlan, type FailoverRow } from './failover-bench.js';
import type { GracefulTrial } from './failover-graceful.js';
import type { FailoverTrial } from './failover-trial.js';
import { FailoverWatch } from './failover-watch.js';

const trial = (fields: Partial<FailoverTrial> = {}): FailoverTrial => ({
  runtime: 'sim',
  seed: 1,
  timeScale: null,
  error: null,
  settledAtMs: 2000,
  phaseMs: 300,
  killAtMs: 2300,
  detection: { simMs: 10_000, wallMs: null },
  detectionSilenceMs: 10_500,
  regroup: { simMs: 17_000, wallMs: null },
  arbitration: { simMs: 24_000, wallMs: null },
  online: { simMs: 24_005, wallMs: null },
  allOnline: { simMs: 24_010, wallMs: null },
  onlineWindowMs: 5,
  witnessArbitrationMs: 7000,
  diskArbitrationMs: 7000,
  diskPreempted: true,
  anomalies: [],
  falseDetectionsBeforeKill: 0,
  finalResources: [],
  evidence: [],
  polls: 10,
  simulatedMs: 30_000,
  wallMs: 100,
  ...fields,
});

test('phases are durations from one moment to the next; the total runs from the kill', (t) => {
  t.deepEqual(phasesOf(trial()), { detectionMs: 10_000, regroupMs: 7000, arbitrationMs: 7000, onlineMs: 5, totalMs: 24_005 });
  t.is(phasesOf(trial({ regroup: null })), null);
});

test('a trial is clean only when every moment came, in order, with nothing amiss', (t) => {
  t.is(failoverMisses(trial()), null);
  t.is(failoverMisses(trial({ error: 'boom' })), 'failed: boom');
  t.is(failoverMisses(trial({ regroup: null, online: null })), 'no regroup, online seen');
  t.is(failoverMisses(trial({ online: { simMs: 23_000, wallMs: null } })), 'phases out of order: onlineMs -1000.0');
  t.is(failoverMisses(trial({ anomalies: ['node02 crashed: x'] })), 'node02 crashed: x');
});

test('summaries count clean trials and average only them', (t) => {
  const row = (fields: Partial<FailoverTrial>, misses: string | null): FailoverRow => ({ trial: trial(fields), phases: phasesOf(trial(fields)), detectionRatio: 1, totalRatio: 1, misses });
  const summary = summarizeRows('sim', [row({}, null), row({ online: { simMs: 30_000, wallMs: null } }, null), row({ error: 'x' }, 'failed: x')]);
  t.is(summary.trials, 3);
  t.is(summary.clean, 2);
  t.is(summary.totalMs?.mean, (24_005 + 30_000) / 2);
  t.is(summary.totalWallMs, null, 'sim has no wall figures');
});

test('the plan runs each sim seed, then the threads trials per timeScale', (t) => {
  const plan = trialPlan({ seeds: [4, 5], timeScales: [0.01, 0.05], trials: 2, pollMs: 10, graceWallMs: 1, graceful: false });
  t.deepEqual(plan.map((p) => `${p.label}/${p.trial.seed}`), ['sim/4', 'sim/5', 'threads 0.01/1', 'threads 0.01/2', 'threads 0.05/1', 'threads 0.05/2']);
});

const entry = (atMs: number, source: string, event: LabEvent): HistoryEntry => ({ atMs, source, seq: 0, event });

test('the watch keeps the survivor\'s moments after it is armed, and anything amiss', (t) => {
  const watch = new FailoverWatch({ victim: 'node01', survivor: 'node02', disk: 'Cluster Disk 1' });
  const unreachable: LabEvent = { type: 'PeerUnreachable', node: 'node01', detectedAfterMs: 10_000 };
  watch.apply(entry(50, 'node02', unreachable));
  t.is(watch.detection, undefined, 'not armed yet');
  t.is(watch.falseDetectionsBeforeArm, 1, 'before the kill, a verdict is a false detection');
  watch.arm(100);
  watch.apply(entry(90, 'node02', unreachable));
  watch.apply(entry(200, 'node01', unreachable));
  t.is(watch.detection, undefined, 'before the arming, or from another node');
  watch.apply(entry(10_100, 'node02', unreachable));
  watch.apply(entry(10_200, 'node02', unreachable));
  t.is(watch.detection?.atMs, 10_100, 'the first one counts');
  t.is(watch.detectionSilenceMs, 10_000);
  watch.apply(entry(12_000, 'node02', { type: 'RegroupViewInstalled', viewNumber: 2, coordinator: 'node02', members: ['node01', 'node02'], added: [], removed: [] }));
  t.is(watch.regroup, undefined, 'a view that still holds the victim is not the failover');
  watch.apply(entry(17_100, 'node02', { type: 'RegroupViewInstalled', viewNumber: 3, coordinator: 'node02', members: ['node02'], added: [], removed: ['node01'] }));
  t.is(watch.regroup?.atMs, 17_100);
  const ended = (disk: string, purpose: 'Resource' | 'Witness', outcome: 'Won' | 'Lost'): LabEvent => ({ type: 'DiskArbitrationEnded', node: 'node02', disk, purpose, outcome, reason: 'r', durationMs: 7002 });
  watch.apply(entry(17_000, 'node02', ended('Witness', 'Witness', 'Won')));
  watch.apply(entry(20_000, 'node02', ended('Cluster Disk 1', 'Resource', 'Lost')));
  watch.apply(entry(24_100, 'node02', ended('Cluster Disk 1', 'Resource', 'Won')));
  t.is(watch.witnessArbitrationMs, 7002);
  t.is(watch.arbitration?.atMs, 24_100);
  watch.apply(entry(24_200, 'node02', { type: 'ActorCrashed', actor: 'node02', error: 'boom' }));
  t.deepEqual(watch.anomalies, ['node02 lost the arbitration for Cluster Disk 1: r', 'node02 crashed: boom']);
});

test('a graceful move is clean only when it answered ok and the disk came Online after the move', (t) => {
  const graceful: GracefulTrial = { runtime: 'sim', seed: 1, timeScale: null, error: null, reply: 'ok', answered: { simMs: 3, wallMs: null }, arbitration: { simMs: 2, wallMs: null }, online: { simMs: 3, wallMs: null }, firstShownOnlineMs: 3, diskArbitrationMs: 2, diskPreempted: false, anomalies: [], wallMs: 5 };
  t.is(gracefulMisses(graceful), null);
  t.is(gracefulMisses({ ...graceful, reply: 'The group failed' }), 'Move-ClusterGroup: The group failed');
  t.is(gracefulMisses({ ...graceful, online: null }), 'the disk was never shown Online after the move');
  t.is(gracefulMisses({ ...graceful, anomalies: ['early'] }), 'early');
});
