// A drain's figures, read from the event history alone (STYLE 20): the Migration* events the
// source logged, each stamped with the simulated ms it happened at. Pure, so a test can feed it.
//
// - drain time: from the Suspend-ClusterNode -Drain command to the last MigrationCompleted;
// - blackout: MigrationCompleted's blackoutMs (mean and max over the drain's migrations);
// - bytes: the memory sent (bytesSent) and what went on the wire (wireBytes, less with Compression);
// - in flight: MigrationStarted opens a migration, Completed/Failed/Cancelled of a started one
//   closes it; the most open at once is what the limit must bound.
import type { HistoryEntry, HyperVEvent } from '@wsfc-lab/protocol';

export type MigrationEvent = Extract<HyperVEvent, { type: `Migration${string}` }>;

export interface StampedMigrationEvent {
  atMs: number;
  event: MigrationEvent;
}

export interface DrainFigures {
  migrations: { queued: number; started: number; completed: number; failed: number; cancelled: number };
  /** Command → last MigrationCompleted, simulated ms; NaN when none completed. */
  drainMs: number;
  blackoutMsMean: number;
  blackoutMsMax: number;
  /** Mean passes per completed migration. */
  passesMean: number;
  bytesSent: number;
  wireBytes: number;
  /** The most migrations between MigrationStarted and their end at any moment. */
  inFlightMax: number;
  /** Mean of MigrationCompleted's durationMs (start → done). */
  durationMsMean: number;
}

export function isMigrationEvent(event: HistoryEntry['event']): event is MigrationEvent {
  return event.type.startsWith('Migration');
}

const mean = (values: readonly number[]): number => (values.length === 0 ? Number.NaN : values.reduce((a, b) => a + b, 0) / values.length);

/** The most migrations in flight at once; events in the order they were logged. */
export function inFlightMax(events: readonly StampedMigrationEvent[]): number {
  const open = new Set<string>();
  let most = 0;
  for (const { event } of events) {
    if (event.type === 'MigrationStarted') open.add(event.migrationId);
    else if (event.type === 'MigrationCompleted' || event.type === 'MigrationFailed' || event.type === 'MigrationCancelled') open.delete(event.migrationId);
    most = Math.max(most, open.size);
  }
  return most;
}

export function drainFigures(events: readonly StampedMigrationEvent[], drainStartMs: number): DrainFigures {
  const of = <T extends MigrationEvent['type']>(type: T) => events.filter((e): e is { atMs: number; event: Extract<MigrationEvent, { type: T }> } => e.event.type === type);
  const completed = of('MigrationCompleted');
  const blackouts = completed.map((e) => e.event.blackoutMs);
  const sum = (pick: (e: Extract<MigrationEvent, { type: 'MigrationCompleted' }>) => number) => completed.reduce((total, e) => total + pick(e.event), 0);
  return {
    migrations: { queued: of('MigrationQueued').length, started: of('MigrationStarted').length, completed: completed.length, failed: of('MigrationFailed').length, cancelled: of('MigrationCancelled').length },
    drainMs: completed.length === 0 ? Number.NaN : Math.max(...completed.map((e) => e.atMs)) - drainStartMs,
    blackoutMsMean: mean(blackouts),
    blackoutMsMax: blackouts.length === 0 ? Number.NaN : Math.max(...blackouts),
    passesMean: mean(completed.map((e) => e.event.passes)),
    bytesSent: sum((e) => e.bytesSent),
    wireBytes: sum((e) => e.wireBytes),
    inFlightMax: inFlightMax(events),
    durationMsMean: mean(completed.map((e) => e.event.durationMs)),
  };
}
