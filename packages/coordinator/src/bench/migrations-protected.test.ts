// The protected-network case of the migrations benchmark on tiny configurations: a real NIC failure
// in sim read from its events (every VM leaves node01, never more in flight than the limit, the VMs
// notice at their own checks), the ratio to limit 1, and the report and chart saying what was measured.
import test from 'ava';
import { defaultCompressionFigures } from '@wsfc-lab/node-agent';
import { migrationsSvg } from './migrations-chart.js';
import { protectedLines } from './migrations-protected-report.js';
import { protectedChartPoints, protectedPlan, protectedRowsOf, runProtectedTrials } from './migrations-protected-sweep.js';
import { protectedMisses, runProtectedTrial } from './migrations-protected-trial.js';

const compression = defaultCompressionFigures;

test('sim: after node01 loses the NIC under its VM switch, its 3 VMs leave one at a time, each after its own health check', async (t) => {
  const trial = await runProtectedTrial({ kind: 'protected', vmCount: 3, limit: 1, option: 'TCPIP', runtime: 'sim', seed: 2, timeScale: 1, compression });
  t.is(trial.misses, null);
  const f = trial.figures!;
  t.deepEqual(f.migrations.completed, 3);
  t.is(f.inFlightMax, 1);
  t.true(f.firstNoticeMs >= 10_000, `first noticed ${f.firstNoticeMs} ms after the failure: not before the route failed`);
  t.true(f.lastNoticeMs <= 95_000, `last noticed ${f.lastNoticeMs} ms after the failure: within one check interval of the settling`);
  t.true(f.drainMs > f.lastNoticeMs, 'the last VM leaves after it noticed');
});

test('the plan always holds limit 1; rows are measured against it; misses name what went wrong', async (t) => {
  const plan = protectedPlan({ vmCounts: [2], limits: [2], option: 'SMB', seed: 4, compression });
  t.deepEqual(plan.map((p) => p.limit), [1, 2]);
  const trials = await runProtectedTrials(plan, { workers: 2 });
  const rows = protectedRowsOf(trials);
  t.is(rows[0]!.evacuationVsLimit1, 1);
  t.true(Number.isFinite(rows[1]!.evacuationVsLimit1));
  t.is(rows[1]!.trial.figures!.inFlightMax <= 2, true);
  const text = protectedLines(rows).join('\n');
  t.regex(text, /protected network: node01's NIC on Management/);
  t.regex(text, /\n2 +2 +/);
  const svg = migrationsSvg(protectedChartPoints(rows), 'test');
  t.regex(svg, /NIC failure: time to evacuate node01/);
  t.regex(svg, /evacuation time \(s\)/);
  const figures = { ...trials[0]!.figures!, inFlightMax: 3, migrations: { ...trials[0]!.figures!.migrations, completed: 1 } };
  t.regex(protectedMisses({ vmCount: 2, limit: 2 }, figures) ?? '', /1 of 2 VMs left node01.*3 migrations in flight at once, over the limit 2/);
});
