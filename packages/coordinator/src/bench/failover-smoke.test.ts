// The failover benchmark runs end to end on sim with one seed: the default lab fails its role over
// from the killed node01 to node02, phase after phase, and the graceful move lands the disk on
// node02 too. No timing thresholds beyond order: timings belong in the benchmark output.
import test from 'ava';
import { failoverBench, failoverMisses, phasesOf } from './failover-bench.js';
import { failoverReport } from './failover-report.js';
import { runFailoverTrial } from './failover-trial.js';

test.serial('failover: node02 detects, regroups, wins the disk and shows it Online, in that order', async (t) => {
  const trial = await runFailoverTrial({ runtime: 'sim', seed: 1, timeScale: 1, pollMs: 10, graceWallMs: 1000 });
  t.is(trial.error, null);
  t.is(failoverMisses(trial), null, 'a clean failover: no crash, no lost arbitration, no early Online');
  const { detection, regroup, arbitration, online, allOnline } = trial;
  if (!detection || !regroup || !arbitration || !online || !allOnline) return t.fail(`a moment is missing: ${JSON.stringify({ detection, regroup, arbitration, online, allOnline })}`);
  t.true(detection.simMs > 0, `detection ${detection.simMs}`);
  t.true(regroup.simMs > detection.simMs, `regroup ${regroup.simMs} after detection ${detection.simMs}`);
  t.true(arbitration.simMs > regroup.simMs, `arbitration ${arbitration.simMs} after regroup ${regroup.simMs}`);
  // The survivor is alone in its view, so its GUM update commits in the step that won the disk:
  // Online may come in the same simulated ms, never before.
  t.true(online.simMs >= arbitration.simMs, `online ${online.simMs} not before arbitration ${arbitration.simMs}`);
  t.true(allOnline.simMs >= online.simMs);
  const phases = phasesOf(trial);
  t.truthy(phases);
  t.true(phases!.detectionMs > 0 && phases!.regroupMs > 0 && phases!.arbitrationMs > 0 && phases!.onlineMs >= 0, JSON.stringify(phases));
  t.is(phases!.totalMs, online.simMs);
  t.true(trial.diskPreempted, 'node02 took the disk from the dead node01 by preempting its key');
  const disk = trial.finalResources.find((row) => row.Name === 'Cluster Disk 1');
  t.deepEqual(disk && { State: disk.State, OwnerNode: disk.OwnerNode }, { State: 'Online', OwnerNode: 'node02' });
  t.true(trial.finalResources.every((row) => row.OwnerNode === 'node02' && row.State === 'Online'), 'every resource ends Online on node02');
});

test.serial('failover bench: one sim seed and the graceful move, with ratios against both baselines', async (t) => {
  const result = await failoverBench({ seeds: [2], timeScales: [], trials: 1, pollMs: 10, graceWallMs: 1000, graceful: true });
  t.is(result.rows.length, 1);
  const [row] = result.rows;
  t.is(row?.misses, null);
  t.true(Number.isFinite(row!.detectionRatio) && row!.detectionRatio > 0);
  t.true(Number.isFinite(row!.totalRatio) && row!.totalRatio > 0);
  t.is(result.lab.detectionBoundMs, result.lab.sameSubnetDelayMs * result.lab.sameSubnetThreshold);
  t.is(result.baseline.totalMs, result.baseline.detectionMs + result.baseline.witnessArbitrationMs + result.baseline.diskArbitrationMs);
  t.deepEqual(result.summaries.map((s) => [s.label, s.clean]), [['sim', 1]]);
  const [graceful] = result.graceful;
  t.is(graceful?.misses, null);
  t.is(graceful?.trial.reply, 'ok');
  t.false(graceful!.trial.diskPreempted, 'node01 gave the disk back: no challenge');
  t.true(graceful!.trial.online !== null && graceful!.trial.arbitration !== null && graceful!.trial.online.simMs >= graceful!.trial.arbitration.simMs);
  const lines = failoverReport(result);
  t.true(lines.some((line) => line.startsWith('sim seed 2 ') && line.endsWith('clean')), lines.join('\n'));
});
