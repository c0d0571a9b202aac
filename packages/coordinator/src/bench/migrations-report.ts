// What `pnpm bench migrations` prints: the set-up, one row per sim trial (drain time and its ratio
// to limit 1 and to the pre-copy model, blackouts, bytes, the most in flight at once), the trials
// that were not clean with the reason, and how far threads agrees with sim.
import { migrationPathGbps, migrationsHost, migrationsNetworks, migrationsVm } from './migrations-lab.js';
import type { AgreementRow, MigrationsBenchResult, MigrationsRow } from './migrations-bench.js';
import { formatTable, num, type Cell } from './table.js';
import { protectedLines } from './migrations-protected-report.js';

const gib = (bytes: number): string => num(bytes / 1024 ** 3, 1);
const seconds = (ms: number | undefined): string => num((ms ?? Number.NaN) / 1000, 1);
const times = (value: number): string => (Number.isNaN(value) ? 'n/a' : `${num(value, 2)}x`);

function setupLines(r: MigrationsBenchResult): string[] {
  const o = r.options;
  return [
    `migrations: Suspend-ClusterNode -Name node01 -Drain on a 2-node cluster, N VMs on node01 (seed ${o.seed})`,
    `  VMs ${migrationsVm.memoryGiB} GiB, working set ${migrationsVm.workingSetGiB} GiB, dirty ${migrationsVm.dirtyRateMBps} MB/s; hosts ${migrationsHost.memoryGiB} GiB, ${migrationsHost.logicalProcessors} logical processors`,
    `  networks: Management ${migrationsNetworks.managementGbps} GbE (ClusterAndClient), Cluster ${migrationsNetworks.clusterGbps} GbE (ClusterOnly); TCPIP and Compression take the first (${migrationPathGbps('TCPIP')} Gbps), SMB sums both (${migrationPathGbps('SMB')} Gbps)`,
    `  every host set to MaximumVirtualMachineMigrations ${r.hostMigrationsMax} (Set-VMHost; the default 2 would cap the sweep), so the cluster's MaximumParallelMigrations is the limit swept: ${o.limits.join(', ')}`,
    `  compression: ratio ${num(r.compression.ratio, 3)} (measured), ${num(r.compression.compressBytesPerSecPerCore / 1e6, 0)} MB/s per core (the nodes' fixed default, so sim stays reproducible); both runtimes use these`,
    `  baselines: limit 1 for the same VMs and option (x limit 1), and the node's pre-copy model: one VM at the share of 'limit' concurrent migrations x ceil(N / limit) waves (sim/model)`,
  ];
}

function simRow(row: MigrationsRow): Cell[] {
  const { trial, model } = row;
  const f = trial.figures;
  const o = trial.options;
  return [
    o.option,
    o.vmCount,
    o.limit,
    seconds(f?.drainMs),
    times(row.drainVsLimit1),
    seconds(model.drainMs),
    times(row.drainVsModel),
    num(f?.blackoutMsMean ?? Number.NaN),
    num(f?.blackoutMsMax ?? Number.NaN),
    num(f?.passesMean ?? Number.NaN, 1),
    f ? gib(f.bytesSent) : null,
    f ? gib(f.wireBytes) : null,
    f?.inFlightMax ?? null,
    seconds(trial.wallMs),
    trial.misses === null ? 'ok' : 'MISS',
  ];
}

function agreementLines(rows: readonly AgreementRow[], timeScale: number): string[] {
  if (rows.length === 0) return [];
  const table = formatTable(
    ['option', 'VMs', 'limit', 'sim drain s', 'threads drain s', 'threads/sim', 'sim blackout ms', 'threads blackout ms', 'threads/sim', 'threads'],
    rows.map((a) => [
      a.option,
      a.vmCount,
      a.limit,
      seconds(a.sim.figures?.drainMs),
      seconds(a.threads.figures?.drainMs),
      times(a.drainRatio),
      num(a.sim.figures?.blackoutMsMean ?? Number.NaN),
      num(a.threads.figures?.blackoutMsMean ?? Number.NaN),
      times(a.blackoutRatio),
      a.threads.misses === null ? 'ok' : 'MISS',
    ]),
  );
  const drift = rows.map((a) => Math.abs(a.drainRatio - 1)).filter((d) => !Number.isNaN(d));
  const worst = drift.length === 0 ? 'n/a' : `${num(Math.max(...drift) * 100, 1)} %`;
  return ['', `threads (timeScale ${timeScale}) against sim, same seed and compression figures: worst drain-time difference ${worst}`, ...table];
}

export function migrationsReport(r: MigrationsBenchResult): string[] {
  const table = formatTable(
    ['option', 'VMs', 'limit', 'drain s', 'x limit 1', 'model s', 'sim/model', 'mean blackout ms', 'max blackout ms', 'passes', 'sent GiB', 'wire GiB', 'in flight', 'wall s', ''],
    r.rows.map(simRow),
  );
  const misses = [...r.rows.map((row) => row.trial), ...r.agreement.map((a) => a.threads)].filter((t) => t.misses !== null);
  const missLines = misses.map((t) => `  ${t.options.runtime} ${t.options.option} ${t.options.vmCount} VMs limit ${t.options.limit}: ${t.misses}`);
  return [
    ...setupLines(r),
    '',
    ...table,
    ...(missLines.length > 0 ? ['', `${misses.length} trial(s) were not clean drains:`, ...missLines] : []),
    ...protectedLines(r.protected ?? []),
    ...agreementLines(r.agreement, r.options.timeScale),
    '',
    `sim sweep: ${r.rows.length} trials in ${seconds(r.simWallMs)} s wall; threads subset: ${r.agreement.length} trials in ${seconds(r.threadsWallMs)} s wall`,
  ];
}
