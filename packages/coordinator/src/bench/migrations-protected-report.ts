// What `pnpm bench migrations` prints for the protected-network case: the set-up, then one row per
// trial: when the first and last VM noticed the failure, the evacuation time and its ratio to
// limit 1, the most migrations in flight and how many queued, and the trials that were not clean.
import { migrationsNetworks, migrationsVm } from './migrations-lab.js';
import type { ProtectedRow } from './migrations-protected-sweep.js';
import { formatTable, num } from './table.js';

const seconds = (ms: number | undefined): string => num((ms ?? Number.NaN) / 1000, 1);
const times = (value: number): string => (Number.isNaN(value) ? 'n/a' : `${num(value, 2)}x`);

export function protectedLines(rows: readonly ProtectedRow[]): string[] {
  if (rows.length === 0) return [];
  const first = rows[0]!.trial.options;
  const table = formatTable(
    ['VMs', 'limit', 'first notice s', 'last notice s', 'evacuation s', 'x limit 1', 'mean blackout ms', 'in flight', 'queued', 'wall s', ''],
    rows.map(({ trial, evacuationVsLimit1 }) => {
      const f = trial.figures;
      return [
        trial.options.vmCount,
        trial.options.limit,
        seconds(f?.firstNoticeMs),
        seconds(f?.lastNoticeMs),
        seconds(f?.drainMs),
        times(evacuationVsLimit1),
        num(f?.blackoutMsMean ?? Number.NaN),
        f?.inFlightMax ?? null,
        f?.migrations.queued ?? null,
        seconds(trial.wallMs),
        trial.misses === null ? 'ok' : 'MISS',
      ];
    }),
  );
  const misses = rows.filter((r) => r.trial.misses !== null).map((r) => `  ${r.trial.options.vmCount} VMs limit ${r.trial.options.limit}: ${r.trial.misses}`);
  return [
    '',
    `protected network: node01's NIC on Management (its VM switch's network) fails on a 3-node cluster, N VMs on node01 (${first.option}, seed ${first.seed})`,
    `  VMs ${migrationsVm.memoryGiB} GiB, each with one protected adapter on the Management switch; live migration falls back to Cluster (${migrationsNetworks.clusterGbps} GbE)`,
    '  each VM notices at its own health check (IsAlivePollInterval 60 s) after the route failure (10 s) and its settling (10 s); evacuation: NIC failure -> last MigrationCompleted',
    ...table,
    ...(misses.length > 0 ? [`${misses.length} protected-network trial(s) were not clean:`, ...misses] : []),
  ];
}
