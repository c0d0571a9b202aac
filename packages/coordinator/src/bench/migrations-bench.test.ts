// The migrations benchmark on tiny configurations: a real drain in sim read from its events (every
// VM moved, never more in flight than the limit), the figures folded from a hand-made history, the
// Piscina sweep returning trials in plan order, and the report and chart saying what was measured.
import test from 'ava';
import { defaultCompressionFigures } from '@wsfc-lab/node-agent';
import type { MigrationIdentity } from '@wsfc-lab/protocol';
import { agreementOf, migrationsDefaults, rowsOf, type MigrationsBenchResult } from './migrations-bench.js';
import { chartPoints, migrationsSvg } from './migrations-chart.js';
import { drainFigures, inFlightMax, type StampedMigrationEvent } from './migrations-measure.js';
import { modelEstimate } from './migrations-model.js';
import { migrationsReport } from './migrations-report.js';
import { runSimTrials, sweepTrials } from './migrations-sweep.js';
import { runMigrationTrial, trialMisses } from './migrations-trial.js';

const compression = defaultCompressionFigures;
const who = (n: number): MigrationIdentity => ({ migrationId: `m${n}`, vm: `vm0${n}`, source: 'node01', destination: 'node02', migrationType: 'Live' });
const completed = (n: number, atMs: number, blackoutMs: number): StampedMigrationEvent => ({ atMs, event: { type: 'MigrationCompleted', passes: 2, bytesSent: 100, wireBytes: 50, blackoutMs, durationMs: 10, ...who(n) } });

test('drain figures from a history: time to the last completion, blackouts, bytes, and the most in flight at once', (t) => {
  const events: StampedMigrationEvent[] = [
    { atMs: 1000, event: { type: 'MigrationStarted', ...who(1) } },
    { atMs: 1000, event: { type: 'MigrationQueued', position: 1, ...who(2) } },
    { atMs: 1001, event: { type: 'MigrationStarted', ...who(3) } },
    completed(1, 1500, 100),
    { atMs: 1500, event: { type: 'MigrationStarted', ...who(2) } },
    completed(3, 1600, 300),
    completed(2, 2100, 200),
  ];
  const figures = drainFigures(events, 900);
  t.is(figures.drainMs, 1200);
  t.is(figures.blackoutMsMean, 200);
  t.is(figures.blackoutMsMax, 300);
  t.deepEqual([figures.bytesSent, figures.wireBytes], [300, 150]);
  t.is(figures.inFlightMax, 2, 'm2 started only once m1 had completed');
  t.is(inFlightMax([...events.slice(0, 3), { atMs: 1002, event: { type: 'MigrationStarted', ...who(4) } }]), 3);
  t.deepEqual(figures.migrations, { queued: 1, started: 3, completed: 3, failed: 0, cancelled: 0 });
  t.regex(trialMisses({ vmCount: 3, limit: 1 }, figures, 'ok') ?? '', /2 migrations in flight at once, over the limit 1/);
  t.is(trialMisses({ vmCount: 3, limit: 2 }, figures, 'ok'), null);
});

test('sim: draining 4 VMs with MaximumParallelMigrations 2 over TCPIP moves every VM, two at a time, as the model says', async (t) => {
  const trial = await runMigrationTrial({ vmCount: 4, limit: 2, option: 'TCPIP', runtime: 'sim', seed: 1, timeScale: 1, compression });
  t.is(trial.misses, null);
  t.is(trial.reply, 'ok');
  const f = trial.figures!;
  t.deepEqual(f.migrations, { queued: 2, started: 4, completed: 4, failed: 0, cancelled: 0 });
  t.is(f.inFlightMax, 2, 'the limit is reached and never passed');
  t.true(f.drainMs > 0 && f.drainMs <= trial.replyMs, `drain ${f.drainMs} ms ends by the reply at ${trial.replyMs} ms`);
  t.true(f.bytesSent >= 4 * 2 * 1024 ** 3, 'at least every VM memory was sent once');
  const model = modelEstimate({ vmCount: 4, limit: 2, option: 'TCPIP', compression });
  t.true(Math.abs(f.drainMs / model.drainMs - 1) < 0.25, `sim ${f.drainMs} ms against the model's ${model.drainMs} ms`);
});

test('the Piscina sweep returns trials in plan order; limit 1 is the baseline of its rows; the report and chart show them', async (t) => {
  const plan = sweepTrials({ vmCounts: [2], limits: [1, 2], options: ['SMB'], seed: 3, compression });
  const trials = await runSimTrials(plan, { workers: 2 });
  t.deepEqual(
    trials.map((x) => [x.options.limit, x.misses]),
    [
      [1, null],
      [2, null],
    ],
  );
  t.is(trials[1]!.figures!.inFlightMax, 2);
  t.is(trials[0]!.figures!.inFlightMax, 1);
  const rows = rowsOf(trials);
  t.is(rows[0]!.drainVsLimit1, 1);
  t.true(Number.isFinite(rows[1]!.drainVsLimit1));
  const result: MigrationsBenchResult = { benchmark: 'migrations', options: { ...migrationsDefaults, vmCounts: [2], limits: [1, 2], options: ['SMB'] }, compression, hostMigrationsMax: 8, rows, agreement: agreementOf(trials, [trials[1]!]), simWallMs: 1, threadsWallMs: 1 };
  const text = migrationsReport(result).join('\n');
  t.regex(text, /MaximumVirtualMachineMigrations 8/);
  t.regex(text, /SMB\s+2\s+2\s/);
  t.regex(text, /worst drain-time difference 0\.0 %/);
  const svg = migrationsSvg(chartPoints(rows), 'test');
  t.is((svg.match(/<polyline/g) ?? []).length, 2, 'one line per VM count in each of the two panels');
  t.regex(svg, /SMB: time to drain node01/);
});
