// One migrations trial: start the lab (migrations-lab.ts), wait until every node sees every node Up
// and every VM is Running, set each host to MaximumVirtualMachineMigrations 8 and the performance
// option under test (Set-VMHost; the host default 2 would cap the sweep, so the cluster's
// MaximumParallelMigrations is the limit that varies), then `Suspend-ClusterNode -Name node01
// -Drain` and read the drain's figures from the events (migrations-measure.ts). The same code runs
// on sim and threads; only the waiting differs, and the runtime does that.
import type { CompressionFigures, MigrationPerformanceOption } from '@wsfc-lab/node-agent';
import type { CommandReply } from '@wsfc-lab/protocol';
import { createLab } from '../lab/start-lab.js';
import type { RuntimeName } from '../runtime/runtime.js';
import { allSeeAllUp, benchDataDirectory, wallNowMs, watchCluster } from './lab-helpers.js';
import { migrationsLab, migrationsLabNames } from './migrations-lab.js';
import { drainFigures, isMigrationEvent, type DrainFigures, type StampedMigrationEvent } from './migrations-measure.js';

/** Set-VMHost -MaximumVirtualMachineMigrations on every host: at least the sweep's largest limit. */
export const hostMigrationsMax = 8;
/** Simulated ms the lab may take to form and start its VMs. */
const bootDeadlineMs = 120_000;
/** The drain's own wait is 30 min (PendingTimeout); the command's reply may take a little longer. */
const drainReplyTimeoutMs = 31 * 60_000;
/** Simulated ms to wait after the reply for events still on their way (threads). */
const lateEventsMs = 2_000;

export interface MigrationTrialOptions {
  vmCount: number;
  limit: number;
  option: MigrationPerformanceOption;
  runtime: RuntimeName;
  seed: number;
  /** threads: wall ms per simulated ms. */
  timeScale: number;
  compression: CompressionFigures;
}

export interface MigrationTrial {
  options: MigrationTrialOptions;
  figures: DrainFigures | null;
  /** Suspend-ClusterNode's answer: ok, or its error message. */
  reply: string;
  /** Why the trial is not a clean drain (STYLE 15), or null. */
  misses: string | null;
  /** Simulated ms from the command to its reply. */
  replyMs: number;
  wallMs: number;
}

const replyText = (reply: CommandReply | undefined): string => (reply === undefined ? 'no reply' : reply.ok ? 'ok' : reply.error.message);

async function setHosts(run: (node: string) => Promise<CommandReply | undefined>, nodes: readonly string[]): Promise<string | null> {
  for (const node of nodes) {
    const reply = await run(node);
    if (!reply?.ok) return `Set-VMHost on ${node}: ${replyText(reply)}`;
  }
  return null;
}

/** Null when the drain moved every VM, in at most `limit` at a time; else what went wrong. */
export function trialMisses(o: Pick<MigrationTrialOptions, 'vmCount' | 'limit'>, figures: DrainFigures, reply: string): string | null {
  const problems: string[] = [];
  if (reply !== 'ok') problems.push(`Suspend-ClusterNode -Drain: ${reply}`);
  if (figures.migrations.completed !== o.vmCount) problems.push(`${figures.migrations.completed} of ${o.vmCount} migrations completed (${figures.migrations.failed} failed, ${figures.migrations.cancelled} cancelled)`);
  if (figures.inFlightMax > o.limit) problems.push(`${figures.inFlightMax} migrations in flight at once, over the limit ${o.limit}`);
  return problems.length === 0 ? null : problems.join('; ');
}

export async function runMigrationTrial(o: MigrationTrialOptions): Promise<MigrationTrial> {
  const startedWallMs = wallNowMs();
  const spec = migrationsLab({ vmCount: o.vmCount, limit: o.limit });
  const lab = createLab(spec, { runtime: o.runtime, seed: o.seed, timeScale: o.timeScale, compression: o.compression, ...(o.runtime === 'threads' ? { dataDirectory: benchDataDirectory() } : {}) });
  const { runtime, built } = lab;
  const running = new Set<string>();
  const migrations: StampedMigrationEvent[] = [];
  runtime.onEntry(({ atMs, event }) => {
    if (event.type === 'VmStateChanged') {
      if (event.State === 'Running') running.add(event.vm);
      else running.delete(event.vm);
    }
    if (isMigrationEvent(event)) migrations.push({ atMs, event });
  });
  const cluster = watchCluster(runtime, built.nodes);
  const allUp = allSeeAllUp(cluster, built.nodes);
  const done = (reply: string, figures: DrainFigures | null, misses: string | null, replyMs = Number.NaN): MigrationTrial => ({ options: o, figures, reply, misses, replyMs, wallMs: wallNowMs() - startedWallMs });
  try {
    await runtime.start();
    if (!(await runtime.runUntil(() => allUp() && running.size === o.vmCount, bootDeadlineMs))) {
      return done('not run', null, `the lab did not come up within ${bootDeadlineMs} simulated ms: ${running.size} of ${o.vmCount} VMs Running`);
    }
    const parameters = { MaximumVirtualMachineMigrations: hostMigrationsMax, VirtualMachineMigrationPerformanceOption: o.option };
    const refused = await setHosts((node) => runtime.command(node, { type: 'Cmdlet', name: 'Set-VMHost', parameters }), built.nodes);
    if (refused !== null) return done('not run', null, refused);
    const { source } = migrationsLabNames;
    const drainStartMs = runtime.nowMs();
    const reply = replyText(await runtime.command(source, { type: 'Cmdlet', name: 'Suspend-ClusterNode', parameters: { Name: source, Drain: true } }, drainReplyTimeoutMs));
    const replyMs = runtime.nowMs() - drainStartMs;
    // threads: the source's last MigrationCompleted may reach the main thread after the reply. A
    // drain longer than the cmdlet's 30-minute wait goes on in the cluster: its end is still measured.
    const ended = () => migrations.filter((m) => m.event.type === 'MigrationCompleted' || m.event.type === 'MigrationFailed').length >= o.vmCount;
    const failedDrain = migrations.some((m) => m.atMs >= drainStartMs && m.event.type === 'MigrationFailed');
    await runtime.runUntil(ended, runtime.nowMs() + (reply === 'ok' || failedDrain ? lateEventsMs : drainReplyTimeoutMs));
    const figures = drainFigures(migrations.filter((m) => m.atMs >= drainStartMs), drainStartMs);
    return done(reply, figures, trialMisses(o, figures, reply), replyMs);
  } catch (error) {
    return done('not run', null, `failed: ${error instanceof Error ? error.message : String(error)}`);
  } finally {
    await runtime.stop();
  }
}
