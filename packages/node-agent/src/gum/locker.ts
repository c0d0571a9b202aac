// The locker node: the one member of a view that sequences global updates (the GUM lock owner of
// the real product). It is the member with the lowest node ID. In each view it first learns
// every member's copy and takes the authoritative one (`authoritative` below), adopting it from
// the member that holds it when that is not its own; then it brings every member to that copy,
// and only then sequences requests, one at a time: next sequence number, apply locally, send to
// every other member in node-ID order, and report the update committed to its requester when
// every member has acknowledged it.
import { compareTags, followsFrom, sameCopy, sequenceUpdate, applyUpdate, type DatabaseCopy } from './database.js';
import { nextEpoch } from './epoch.js';
import { gumLimits } from './limits.js';
import type { GumMessageOf } from './messages.js';
import { emit, lockerRole, otherMembers, send, setSynced, viewNumber, type Ctx } from './context.js';
import { startPull } from './snapshot.js';
import type { AwaitingCommit, LockerRole, MemberCopy, QueuedRequest } from './types.js';

export function becomeLocker(ctx: Ctx, carried: Pick<LockerRole, 'queue' | 'awaitingCommit'> | undefined): void {
  const waitingSinceMs: Record<string, number> = {};
  for (const m of otherMembers(ctx)) waitingSinceMs[m.name] = ctx.nowMs;
  ctx.s.role = {
    role: 'Locker',
    phase: 'Learning',
    viewEpoch: 0,
    known: {},
    lastSentAtMs: {},
    waitingSinceMs,
    stuckReported: [],
    queue: carried?.queue ?? [],
    awaitingCommit: carried?.awaitingCommit ?? [],
  };
  finishLearning(ctx);
}

export function onState(ctx: Ctx, from: string, m: GumMessageOf<'GumState'>): void {
  const role = lockerRole(ctx);
  if (role === undefined) return;
  role.known[from] = { epoch: m.epoch, sequence: m.sequence, digest: m.digest, syncedEpoch: m.syncedEpoch, lastUpdate: m.lastUpdate };
  switch (role.phase) {
    case 'Learning':
      delete role.waitingSinceMs[from]; // it answered; what it still lacks is waited for when sent
      finishLearning(ctx);
      return;
    case 'Adopting':
      return;
    case 'Driving':
      if (!inSync(ctx, role, from)) sendCatchUp(ctx, role, from);
      drive(ctx);
      return;
  }
}

interface Candidate extends MemberCopy {
  name: string;
}

function candidates(ctx: Ctx, role: LockerRole): Candidate[] {
  const { copy, syncedEpoch, config } = ctx.s;
  const own: Candidate = { name: config.self, epoch: copy.epoch, sequence: copy.sequence, digest: copy.digest, syncedEpoch, lastUpdate: copy.lastUpdate };
  const others = otherMembers(ctx).map((m) => ({ name: m.name, ...(role.known[m.name] as MemberCopy) }));
  return [own, ...others];
}

/**
 * The authoritative copy of the view: the newest copy among the running members (those synced in
 * the latest epoch), by tag; on a tie the first in the list (the locker, then node-ID order).
 * Running members come first because an update committed in an epoch is on every member of that
 * epoch's view, and a later view (which has quorum) shares a member with it; a returning member's
 * copy can only be newer through the one unacknowledged update a failed locker leaves behind, or
 * through a partition in time.
 */
function authoritative(list: readonly Candidate[]): Candidate {
  let best: Candidate | undefined;
  for (const c of list) {
    if (best === undefined || c.syncedEpoch > best.syncedEpoch || (c.syncedEpoch === best.syncedEpoch && compareTags(c, best) > 0)) best = c;
  }
  return best as Candidate;
}

function finishLearning(ctx: Ctx): void {
  const role = lockerRole(ctx);
  if (role === undefined || role.phase !== 'Learning') return;
  if (otherMembers(ctx).some((m) => role.known[m.name] === undefined)) return;
  const all = candidates(ctx, role);
  const winner = authoritative(all);
  reportPartitionInTime(ctx, all, winner);
  const highest = Math.max(...all.map((c) => Math.max(c.epoch, c.syncedEpoch)));
  role.viewEpoch = nextEpoch(highest, ctx.s.view?.members[0]?.nodeId ?? 0);
  if (sameCopy(winner, ctx.s.copy)) return startDriving(ctx);
  if (winner.lastUpdate !== undefined && followsFrom(ctx.s.copy, winner.lastUpdate)) {
    const applied = applyUpdate(ctx.s.copy, winner.lastUpdate);
    if (applied.ok) {
      takeUpdate(ctx, winner.name, applied.copy);
      return startDriving(ctx);
    }
  }
  role.phase = 'Adopting';
  startPull(ctx, winner.name, winner, undefined);
}

function takeUpdate(ctx: Ctx, source: string, copy: DatabaseCopy): void {
  const before = ctx.s.copy;
  ctx.s.copy = copy;
  ctx.persist = true;
  ctx.s.counters.updatesApplied++;
  if (copy.lastUpdate !== undefined) ctx.applied.push({ type: 'Update', update: copy.lastUpdate });
  emit(ctx, { type: 'DatabaseSynchronized', source, via: 'Update', fromEpoch: before.epoch, fromSequence: before.sequence, toEpoch: copy.epoch, toSequence: copy.sequence });
}

/**
 * Partition in time (facts §2.3): a member returning to the cluster holds a copy with a higher
 * sequence than the running cluster's, beyond the one unacknowledged update a failed locker may
 * have left on it. The running cluster formed without the latest configuration (as only
 * ForceQuorum allows); its copy stays authoritative, as a forced node's copy is in the product, and
 * the returning member's later updates are discarded. Reported once per such member (1561).
 */
function reportPartitionInTime(ctx: Ctx, all: readonly Candidate[], winner: Candidate): void {
  for (const c of all) {
    if (c.syncedEpoch >= winner.syncedEpoch || c.sequence <= winner.sequence) continue;
    const orphan = c.sequence === winner.sequence + 1 && c.lastUpdate?.previousDigest === winner.digest;
    if (orphan) continue;
    emit(ctx, { type: 'ClusterDatabaseNotLatest', node: ctx.s.config.self, nodeSequence: winner.sequence, latestNode: c.name, latestSequence: c.sequence });
  }
}

/** Called when the snapshot the locker adopted is installed. */
export function onAdopted(ctx: Ctx): void {
  const role = lockerRole(ctx);
  if (role?.phase === 'Adopting') startDriving(ctx);
}

function startDriving(ctx: Ctx): void {
  const role = lockerRole(ctx) as LockerRole;
  role.phase = 'Driving';
  role.lastSentAtMs = {};
  setSynced(ctx, role.viewEpoch);
  drive(ctx);
}

function inSync(ctx: Ctx, role: LockerRole, member: string): boolean {
  const known = role.known[member];
  return known !== undefined && sameCopy(known, ctx.s.copy) && known.syncedEpoch === role.viewEpoch;
}

/** The last update to a member one behind on the same history; otherwise the view's copy to fetch. */
function sendCatchUp(ctx: Ctx, role: LockerRole, member: string): void {
  const { copy } = ctx.s;
  const known = role.known[member];
  role.lastSentAtMs[member] = ctx.nowMs;
  role.waitingSinceMs[member] ??= ctx.nowMs;
  if (known !== undefined && copy.lastUpdate !== undefined && known.sequence === copy.sequence - 1 && known.digest === copy.lastUpdate.previousDigest) {
    send(ctx, member, { type: 'GumUpdate', viewNumber: viewNumber(ctx), viewEpoch: role.viewEpoch, ...copy.lastUpdate });
    return;
  }
  send(ctx, member, { type: 'GumSync', viewNumber: viewNumber(ctx), viewEpoch: role.viewEpoch, epoch: copy.epoch, sequence: copy.sequence, digest: copy.digest });
}

/**
 * Brings members to the locker's copy (each at most once per retryIntervalMs), and when every
 * member has it, tells the waiting requesters and sequences the next request.
 */
function drive(ctx: Ctx): void {
  const role = lockerRole(ctx);
  if (role?.phase !== 'Driving') return;
  for (;;) {
    let allInSync = true;
    for (const { name } of otherMembers(ctx)) {
      if (inSync(ctx, role, name)) {
        delete role.waitingSinceMs[name];
        role.stuckReported = role.stuckReported.filter((n) => n !== name);
        continue;
      }
      allInSync = false;
      const sentAtMs = role.lastSentAtMs[name];
      if (sentAtMs === undefined || ctx.nowMs - sentAtMs >= ctx.s.config.retryIntervalMs) sendCatchUp(ctx, role, name);
    }
    if (!allInSync) return;
    commitAll(ctx, role);
    const request = role.queue.shift();
    if (request === undefined) return;
    sequenceNext(ctx, role, request);
  }
}

/**
 * Every member holds the locker's copy: each waiting request that is in that copy is committed.
 * The copy decides, not the note: a request noted against a copy the view then replaced (the
 * locker's own orphaned update, say) is not in it, and its requester, still waiting, will retry.
 */
function commitAll(ctx: Ctx, role: LockerRole): void {
  for (const a of role.awaitingCommit) {
    const rec = ctx.s.copy.origins[a.origin];
    if (rec === undefined || rec.incarnation !== a.incarnation || rec.requestNumber !== a.requestNumber) continue;
    reply(ctx, a.origin, { incarnation: a.incarnation, requestNumber: a.requestNumber, outcome: 'Committed', sequence: rec.sequence });
  }
  role.awaitingCommit = [];
}

function reply(ctx: Ctx, origin: string, r: { incarnation: number; requestNumber: number; outcome: 'Committed' | 'Rejected'; sequence: number; reason?: string }): void {
  if (origin === ctx.s.config.self) ctx.localReplies.push(r);
  else if (ctx.s.view?.members.some((m) => m.name === origin)) send(ctx, origin, { type: 'GumReply', viewNumber: viewNumber(ctx), ...r });
}

function sequenceNext(ctx: Ctx, role: LockerRole, request: QueuedRequest): void {
  const applied = appliedRecord(ctx, request);
  if (applied !== undefined) {
    // Already in the copy (it came with an adopted copy): every member has it now.
    reply(ctx, request.origin, { incarnation: request.incarnation, requestNumber: request.requestNumber, outcome: 'Committed', sequence: applied.sequence });
    return;
  }
  const result = sequenceUpdate(ctx.s.copy, { epoch: role.viewEpoch, ...request });
  if (!result.ok) {
    ctx.s.counters.updatesRejected++;
    emit(ctx, { type: 'GumUpdateRejected', origin: request.origin, requestNumber: request.requestNumber, reason: result.reason });
    reply(ctx, request.origin, { incarnation: request.incarnation, requestNumber: request.requestNumber, outcome: 'Rejected', sequence: 0, reason: result.reason.slice(0, 256) });
    return;
  }
  ctx.s.copy = result.copy;
  ctx.persist = true;
  ctx.s.counters.updatesApplied++;
  ctx.applied.push({ type: 'Update', update: result.update });
  role.awaitingCommit.push({ origin: request.origin, incarnation: request.incarnation, requestNumber: request.requestNumber, sequence: result.update.sequence });
  for (const { name } of otherMembers(ctx)) {
    role.waitingSinceMs[name] = ctx.nowMs;
    role.lastSentAtMs[name] = ctx.nowMs;
    send(ctx, name, { type: 'GumUpdate', viewNumber: viewNumber(ctx), viewEpoch: role.viewEpoch, ...result.update });
  }
}

/** The origin's record when this request (or a later one from it) is already in the copy. */
function appliedRecord(ctx: Ctx, r: Pick<QueuedRequest, 'origin' | 'incarnation' | 'requestNumber'>): { sequence: number; same: boolean } | undefined {
  const rec = ctx.s.copy.origins[r.origin];
  if (rec === undefined) return undefined;
  if (rec.incarnation > r.incarnation || (rec.incarnation === r.incarnation && rec.requestNumber > r.requestNumber)) return { sequence: rec.sequence, same: false };
  if (rec.incarnation === r.incarnation && rec.requestNumber === r.requestNumber) return { sequence: rec.sequence, same: true };
  return undefined;
}

/** A request from a requester (possibly this node): queued once, answered once committed. */
export function handleRequest(ctx: Ctx, request: QueuedRequest): void {
  const role = lockerRole(ctx);
  if (role === undefined) return;
  const applied = appliedRecord(ctx, request);
  if (applied !== undefined) {
    // A retry of a request already sequenced; a stale duplicate of an older one is dropped.
    if (applied.same) awaitCommit(role, { ...request, sequence: applied.sequence });
    drive(ctx);
    return;
  }
  const queued = role.queue.findIndex((q) => q.origin === request.origin);
  if (queued >= 0) {
    role.queue[queued] = request;
  } else if (role.queue.length >= gumLimits.lockerQueueMax) {
    ctx.s.counters.requestsDropped++;
    emit(ctx, { type: 'GumRequestDropped', origin: request.origin, requestNumber: request.requestNumber, reason: 'LockerQueueFull' });
    return;
  } else {
    role.queue.push(request);
  }
  drive(ctx);
}

function awaitCommit(role: LockerRole, a: AwaitingCommit): void {
  const same = (b: AwaitingCommit) => b.origin === a.origin && b.incarnation === a.incarnation && b.requestNumber === a.requestNumber;
  if (role.awaitingCommit.some(same)) return;
  if (role.awaitingCommit.length >= gumLimits.lockerQueueMax) role.awaitingCommit.shift();
  role.awaitingCommit.push(a);
}

/** Resends what is unanswered and reports members silent for RequestReplyTimeout. */
export function tickLocker(ctx: Ctx): void {
  const role = lockerRole(ctx);
  if (role === undefined) return;
  drive(ctx);
  const waiting = Object.entries(role.waitingSinceMs);
  // While adopting, the member holding the newer copy is waited for chunk by chunk.
  const pull = ctx.s.pull;
  if (role.phase === 'Adopting' && pull !== undefined) waiting.push([pull.from, pull.progressAtMs]);
  for (const [member, sinceMs] of waiting) {
    const waitedMs = ctx.nowMs - sinceMs;
    if (waitedMs < ctx.s.config.requestReplyTimeoutMs || role.stuckReported.includes(member)) continue;
    role.stuckReported.push(member);
    emit(ctx, { type: 'GumNodeStuck', node: member, viewNumber: viewNumber(ctx), sequence: ctx.s.copy.sequence, waitedMs });
  }
}
