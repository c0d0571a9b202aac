// One protected-network trial (facts §7, seed 002): start the lab (migrations-protected-lab.ts),
// wait until every node sees every node Up and every VM runs, set each host as the drain trials do
// (MaximumVirtualMachineMigrations 8 and the performance option, so the cluster's
// MaximumParallelMigrations is the limit that varies), then fail node01's NIC on the VM switch's
// network in the fabric and wait until every VM has been live-migrated away. Figures come from the
// events: the evacuation time (NIC failure → last MigrationCompleted), when the first and last VM
// noticed (1255), and the most migrations in flight at once.
import type { CommandReply } from '@wsfc-lab/protocol';
import { createLab } from '../lab/start-lab.js';
import { allSeeAllUp, benchDataDirectory, wallNowMs, watchCluster } from './lab-helpers.js';
import { drainFigures, isMigrationEvent, type DrainFigures, type StampedMigrationEvent } from './migrations-measure.js';
import { protectedLab, protectedLabNames } from './migrations-protected-lab.js';
import { hostMigrationsMax, type MigrationTrialOptions } from './migrations-trial.js';

const bootDeadlineMs = 120_000;
/** Detection takes up to a minute and a half; the moves, at limit 1 and 64 VMs, some minutes. */
const evacuationDeadlineMs = 60 * 60_000;

/** A drain trial's options, for the NIC-failure case. */
export interface ProtectedTrialOptions extends MigrationTrialOptions {
  kind: 'protected';
}

export interface ProtectedFigures extends DrainFigures {
  /** NIC failure → the first and the last VM's 1255, simulated ms. */
  firstNoticeMs: number;
  lastNoticeMs: number;
}

export interface ProtectedTrial {
  options: ProtectedTrialOptions;
  /** drainMs is the evacuation time: NIC failure → last MigrationCompleted. */
  figures: ProtectedFigures | null;
  misses: string | null;
  wallMs: number;
}

/** Null when every VM left node01, at most `limit` at a time; else what went wrong. */
export function protectedMisses(o: Pick<ProtectedTrialOptions, 'vmCount' | 'limit'>, figures: DrainFigures): string | null {
  const problems: string[] = [];
  if (figures.migrations.completed !== o.vmCount) problems.push(`${figures.migrations.completed} of ${o.vmCount} VMs left node01 (${figures.migrations.failed} failed, ${figures.migrations.cancelled} cancelled)`);
  if (figures.inFlightMax > o.limit) problems.push(`${figures.inFlightMax} migrations in flight at once, over the limit ${o.limit}`);
  return problems.length === 0 ? null : problems.join('; ');
}

async function setHosts(run: (node: string) => Promise<CommandReply | undefined>, nodes: readonly string[]): Promise<string | null> {
  for (const node of nodes) {
    const reply = await run(node);
    if (!reply?.ok) return `Set-VMHost on ${node}: ${reply === undefined ? 'no reply' : reply.ok ? 'ok' : reply.error.message}`;
  }
  return null;
}

export async function runProtectedTrial(o: ProtectedTrialOptions): Promise<ProtectedTrial> {
  const startedWallMs = wallNowMs();
  const lab = createLab(protectedLab({ vmCount: o.vmCount, limit: o.limit }), { runtime: o.runtime, seed: o.seed, timeScale: o.timeScale, compression: o.compression, ...(o.runtime === 'threads' ? { dataDirectory: benchDataDirectory() } : {}) });
  const { runtime, built } = lab;
  const running = new Set<string>();
  const migrations: StampedMigrationEvent[] = [];
  const notices: number[] = [];
  runtime.onEntry(({ atMs, event }) => {
    if (event.type === 'VmStateChanged') {
      if (event.State === 'Running') running.add(event.vm);
      else running.delete(event.vm);
    }
    if (event.type === 'VmNetworkFailure') notices.push(atMs);
    if (isMigrationEvent(event)) migrations.push({ atMs, event });
  });
  const allUp = allSeeAllUp(watchCluster(runtime, built.nodes), built.nodes);
  const done = (figures: ProtectedFigures | null, misses: string | null): ProtectedTrial => ({ options: o, figures, misses, wallMs: wallNowMs() - startedWallMs });
  try {
    await runtime.start();
    if (!(await runtime.runUntil(() => allUp() && running.size === o.vmCount, bootDeadlineMs))) return done(null, `the lab did not come up within ${bootDeadlineMs} simulated ms: ${running.size} of ${o.vmCount} VMs Running`);
    const parameters = { MaximumVirtualMachineMigrations: hostMigrationsMax, VirtualMachineMigrationPerformanceOption: o.option };
    const refused = await setHosts((node) => runtime.command(node, { type: 'Cmdlet', name: 'Set-VMHost', parameters }), built.nodes);
    if (refused !== null) return done(null, refused);
    const { source, network } = protectedLabNames;
    const failedAtMs = runtime.nowMs();
    runtime.updateFabric((f) => f.setNic(built.machines.get(source) ?? source, network, false));
    const completed = () => migrations.filter((m) => m.atMs >= failedAtMs && m.event.type === 'MigrationCompleted').length >= o.vmCount;
    await runtime.runUntil(completed, failedAtMs + evacuationDeadlineMs);
    const figures = drainFigures(migrations.filter((m) => m.atMs >= failedAtMs), failedAtMs);
    const noticed = notices.filter((at) => at >= failedAtMs).map((at) => at - failedAtMs);
    const withNotices: ProtectedFigures = { ...figures, firstNoticeMs: noticed.length === 0 ? Number.NaN : Math.min(...noticed), lastNoticeMs: noticed.length === 0 ? Number.NaN : Math.max(...noticed) };
    return done(withNotices, protectedMisses(o, figures));
  } catch (error) {
    return done(null, `failed: ${error instanceof Error ? error.message : String(error)}`);
  } finally {
    await runtime.stop();
  }
}
