// The `migrations:` selector and the report's `state.migrations`: every live or quick migration,
// folded from the history's Migration* events (protocol events/hyperv.ts). A migration is
// optionally Queued, then Started, then exactly one of Completed, Failed or Cancelled (a queued
// one may end without starting). A migration whose source machine was killed (or crashed) before
// it ended failed with it: the VMMS that ran it is gone, and nothing else will report it. One
// whose destination died is reported by the source itself, so the kill of a destination changes
// nothing here.
//
// The fold is incremental (a ledger per history array, advanced by the entries added since), so a
// `within:`/`during:` predicate tested after every event does not re-read the whole history. The
// ledger holds one record per migration, so it is bounded by the history (historyEventsMax).
import type { HistoryEntry, HyperVEvent, LabEvent, MigrationType } from '@wsfc-lab/protocol';

export type MigrationOutcome = 'Queued' | 'InFlight' | 'Completed' | 'Failed' | 'Cancelled';

/** One migration as the report gives it (spec "The JSON report", `state.migrations`). */
export interface MigrationRecord {
  migrationId: string;
  vm: string;
  source: string;
  destination: string;
  migrationType: MigrationType;
  outcome: MigrationOutcome;
  /** Why it failed (the node's reason, or the source's death). */
  reason?: string;
  passes: number | null;
  bytesSent: number | null;
  wireBytes: number | null;
  blackoutMs: number | null;
  durationMs: number | null;
  queuedAtMs: number | null;
  startedAtMs: number | null;
  endedAtMs: number | null;
}

export interface MigrationCounts {
  InFlight: number;
  Queued: number;
  Completed: number;
  Failed: number;
  Cancelled: number;
}

type MigrationEvent = Extract<HyperVEvent, { migrationId: string }>;

const isMigrationEvent = (event: LabEvent): event is MigrationEvent =>
  event.type === 'MigrationQueued' || event.type === 'MigrationStarted' || event.type === 'MigrationCompleted' || event.type === 'MigrationFailed' || event.type === 'MigrationCancelled';

interface Tracked {
  record: MigrationRecord;
  /** Ended by its source's death, not by an event of its own: a late terminal event stamped earlier still wins. */
  endedByKill: boolean;
}

/**
 * An event of a migration its source's death ended, stamped no later than the death: in threads
 * an event can reach the history after the kill was recorded. It belongs to that migration (a
 * start stamped later is a new one, from the restarted node reusing the id).
 */
const stampedBeforeKill = (tracked: Tracked, atMs: number) => tracked.endedByKill && atMs <= (tracked.record.endedAtMs ?? Number.POSITIVE_INFINITY);

const isEnded = (record: MigrationRecord) => record.outcome === 'Completed' || record.outcome === 'Failed' || record.outcome === 'Cancelled';

function newRecord(event: MigrationEvent): MigrationRecord {
  return {
    migrationId: event.migrationId,
    vm: event.vm,
    source: event.source,
    destination: event.destination,
    migrationType: event.migrationType,
    outcome: 'Queued',
    passes: null,
    bytesSent: null,
    wireBytes: null,
    blackoutMs: null,
    durationMs: null,
    queuedAtMs: null,
    startedAtMs: null,
    endedAtMs: null,
  };
}

/** What a terminal event sets on its record. */
function endedBy(event: MigrationEvent, atMs: number): Partial<MigrationRecord> {
  switch (event.type) {
    case 'MigrationCompleted':
      return { outcome: 'Completed', passes: event.passes, bytesSent: event.bytesSent, wireBytes: event.wireBytes, blackoutMs: event.blackoutMs, durationMs: event.durationMs, endedAtMs: atMs };
    case 'MigrationFailed':
      return { outcome: 'Failed', reason: event.reason, endedAtMs: atMs };
    case 'MigrationCancelled':
      return { outcome: 'Cancelled', endedAtMs: atMs };
    case 'MigrationQueued':
    case 'MigrationStarted':
      return {};
  }
}

/** Every migration of one history, in the order they first appeared. */
export class MigrationLedger {
  private readonly tracked: Tracked[] = [];
  /** The latest migration of each `source/migrationId` (a restarted node may reuse its ids). */
  private readonly latest = new Map<string, Tracked>();

  apply(entry: HistoryEntry): void {
    const { event } = entry;
    if (event.type === 'ActorKilled' || event.type === 'ActorCrashed') {
      this.sourceDied(event.actor, entry.atMs);
      return;
    }
    if (isMigrationEvent(event)) this.migrationEvent(event, entry.atMs);
  }

  private migrationEvent(event: MigrationEvent, atMs: number): void {
    const key = `${event.source.toLowerCase()}/${event.migrationId}`;
    let tracked = this.latest.get(key);
    const starts = event.type === 'MigrationQueued' || event.type === 'MigrationStarted';
    if (tracked === undefined || (starts && isEnded(tracked.record) && !stampedBeforeKill(tracked, atMs))) {
      tracked = { record: newRecord(event), endedByKill: false };
      this.tracked.push(tracked);
      this.latest.set(key, tracked);
    }
    const { record } = tracked;
    if (event.type === 'MigrationQueued') {
      record.queuedAtMs ??= atMs;
      return;
    }
    if (event.type === 'MigrationStarted') {
      record.startedAtMs ??= atMs;
      if (record.outcome === 'Queued') record.outcome = 'InFlight';
      return;
    }
    if (isEnded(record) && !stampedBeforeKill(tracked, atMs)) return;
    delete record.reason;
    Object.assign(record, endedBy(event, atMs));
    tracked.endedByKill = false;
  }

  private sourceDied(machine: string, atMs: number): void {
    const lower = machine.toLowerCase();
    for (const tracked of this.tracked) {
      const { record } = tracked;
      if (isEnded(record) || record.source.toLowerCase() !== lower) continue;
      record.outcome = 'Failed';
      record.reason = `the source ${record.source} was killed`;
      record.endedAtMs = atMs;
      tracked.endedByKill = true;
    }
  }

  records(): MigrationRecord[] {
    return this.tracked.map((t) => ({ ...t.record }));
  }

  /** Counts of the migrations with `source` as their source (all when undefined). */
  counts(source?: string): MigrationCounts {
    const counts: MigrationCounts = { InFlight: 0, Queued: 0, Completed: 0, Failed: 0, Cancelled: 0 };
    const lower = source?.toLowerCase();
    for (const { record } of this.tracked) {
      if (lower === undefined || record.source.toLowerCase() === lower) counts[record.outcome] += 1;
    }
    return counts;
  }
}

const ledgers = new WeakMap<readonly HistoryEntry[], { ledger: MigrationLedger; seen: number }>();

/** The ledger of `history` (a runtime's history array, which only grows), brought up to date. */
export function migrationLedger(history: readonly HistoryEntry[]): MigrationLedger {
  let cached = ledgers.get(history);
  if (cached === undefined || cached.seen > history.length) {
    cached = { ledger: new MigrationLedger(), seen: 0 };
    ledgers.set(history, cached);
  }
  for (; cached.seen < history.length; cached.seen += 1) {
    const entry = history[cached.seen];
    if (entry !== undefined) cached.ledger.apply(entry);
  }
  return cached.ledger;
}

/** The `migrations:` selector's object: counts, of those with `source` as source when given. */
export const migrationCounts = (history: readonly HistoryEntry[], source?: string): MigrationCounts => migrationLedger(history).counts(source);

/** The report's `state.migrations`. */
export const migrationRecords = (history: readonly HistoryEntry[]): MigrationRecord[] => migrationLedger(history).records();
