// Snapshot transfer: how a node takes a whole copy of the cluster database from another. The
// receiver pulls: it asks for the entries after a cursor (in path order) and the holder answers
// from its current copy, at most snapshotChunkEntriesMax entries at a time. The holder keeps no
// state per transfer; if its copy changed meanwhile, its chunk carries the new tag and the
// receiver starts again from the first entry. A lost request or chunk is asked for again after
// retryIntervalMs. Members pull from the locker; a locker pulls from a member holding a newer copy.
import { checkPath, sameCopy, type DatabaseCopy, type DbValue, type OriginRecord } from './database.js';
import { gumLimits } from './limits.js';
import type { GumMessageOf } from './messages.js';
import { emit, send, setSynced, viewNumber, type Ctx } from './context.js';
import type { SnapshotPull } from './types.js';

export interface PullTarget {
  epoch: number;
  sequence: number;
  digest: string;
}

function request(ctx: Ctx, pull: SnapshotPull): void {
  const { epoch, sequence, digest } = pull;
  send(ctx, pull.from, { type: 'GumSnapshotRequest', viewNumber: viewNumber(ctx), epoch, sequence, digest, cursor: pull.received.length });
}

export function startPull(ctx: Ctx, from: string, target: PullTarget, viewEpoch: number | undefined): void {
  const { epoch, sequence, digest } = target;
  const pull: SnapshotPull = { from, epoch, sequence, digest, viewEpoch, received: [], origins: undefined, requestedAtMs: ctx.nowMs, progressAtMs: ctx.nowMs };
  ctx.s.pull = pull;
  request(ctx, pull);
}

/** Asks again when the last request went unanswered for retryIntervalMs. */
export function tickPull(ctx: Ctx): void {
  const pull = ctx.s.pull;
  if (pull === undefined || ctx.nowMs - pull.requestedAtMs < ctx.s.config.retryIntervalMs) return;
  ctx.s.pull = { ...pull, requestedAtMs: ctx.nowMs };
  request(ctx, ctx.s.pull);
}

/** Answers from the current copy; a request for another copy gets this copy from its start. */
export function serveSnapshot(ctx: Ctx, from: string, m: GumMessageOf<'GumSnapshotRequest'>): void {
  const copy = ctx.s.copy;
  const paths = Object.keys(copy.entries).sort();
  const cursor = sameCopy(copy, m) && m.cursor <= paths.length ? m.cursor : 0;
  const slice = paths.slice(cursor, cursor + gumLimits.snapshotChunkEntriesMax);
  send(ctx, from, {
    type: 'GumSnapshotChunk',
    viewNumber: viewNumber(ctx),
    epoch: copy.epoch,
    sequence: copy.sequence,
    digest: copy.digest,
    cursor,
    totalEntries: paths.length,
    entries: slice.map((path): [string, DbValue] => [path, copy.entries[path] as DbValue]),
    origins: cursor === 0 ? Object.entries(copy.origins).map(([origin, r]) => ({ origin, ...r })) : [],
  });
}

function originsOf(list: GumMessageOf<'GumSnapshotChunk'>['origins']): Record<string, OriginRecord> {
  return Object.fromEntries(list.map(({ origin, incarnation, requestNumber, sequence }) => [origin, { incarnation, requestNumber, sequence }]));
}

/** The pull after this chunk, or the reason the chunk cannot be used. */
function nextPull(pull: SnapshotPull, m: GumMessageOf<'GumSnapshotChunk'>, nowMs: number): SnapshotPull | string {
  let base = pull;
  if (!sameCopy(pull, m)) {
    // The holder's copy moved on: start again on its new copy.
    if (m.cursor !== 0) return `chunk of copy ${m.epoch}:${m.sequence} at cursor ${m.cursor} while fetching ${pull.epoch}:${pull.sequence}`;
    base = { ...pull, epoch: m.epoch, sequence: m.sequence, digest: m.digest, received: [], origins: undefined };
  }
  if (m.cursor !== base.received.length) return `chunk at cursor ${m.cursor}, expected ${base.received.length}`;
  if (m.cursor + m.entries.length > m.totalEntries) return `chunk overruns its total of ${m.totalEntries} entries`;
  const origins = m.cursor === 0 ? originsOf(m.origins) : base.origins;
  return { ...base, received: base.received.concat(m.entries), origins, requestedAtMs: nowMs, progressAtMs: nowMs };
}

/** The reason a complete set of entries is not a valid copy, or undefined. */
function checkEntries(received: readonly [string, DbValue][]): string | undefined {
  for (let i = 0; i < received.length; i++) {
    const path = (received[i] as [string, DbValue])[0];
    const error = checkPath(path);
    if (error !== undefined) return error;
    if (i > 0 && !((received[i - 1] as [string, DbValue])[0] < path)) return `entries out of path order at "${path}"`;
  }
  return undefined;
}

/**
 * Takes one chunk. Returns true when it completed the pull and the new copy is installed; the
 * caller then continues in its role (the locker starts driving, a member reports its state).
 */
export function onSnapshotChunk(ctx: Ctx, from: string, m: GumMessageOf<'GumSnapshotChunk'>): boolean {
  const pull = ctx.s.pull;
  if (pull === undefined || pull.from !== from) return false;
  const next = nextPull(pull, m, ctx.nowMs);
  if (typeof next === 'string') {
    ctx.s.counters.messagesIgnored++;
    return false;
  }
  ctx.s.pull = next;
  if (next.received.length < m.totalEntries) {
    request(ctx, next);
    return false;
  }
  const error = checkEntries(next.received);
  if (error !== undefined) {
    emit(ctx, { type: 'GumMessageIgnored', from, messageType: m.type, reason: `snapshot ${m.epoch}:${m.sequence} refused: ${error}` });
    startPull(ctx, from, next, next.viewEpoch);
    return false;
  }
  install(ctx, next);
  return true;
}

function install(ctx: Ctx, pull: SnapshotPull): void {
  const before = ctx.s.copy;
  const copy: DatabaseCopy = {
    epoch: pull.epoch,
    sequence: pull.sequence,
    digest: pull.digest,
    entries: Object.fromEntries(pull.received),
    origins: pull.origins ?? {},
    lastUpdate: undefined,
  };
  ctx.s.copy = copy;
  ctx.s.pull = undefined;
  ctx.persist = true;
  ctx.s.counters.snapshotsInstalled++;
  ctx.applied.push({ type: 'Snapshot', source: pull.from, epoch: copy.epoch, sequence: copy.sequence });
  emit(ctx, { type: 'DatabaseSynchronized', source: pull.from, via: 'Snapshot', fromEpoch: before.epoch, fromSequence: before.sequence, toEpoch: copy.epoch, toSequence: copy.sequence });
  if (pull.viewEpoch !== undefined) setSynced(ctx, pull.viewEpoch);
}
