// The requester side of a global update: a node's own requests wait in a bounded local queue and
// go to the locker one at a time, numbered per incarnation, so the locker can tell a retry from a
// new request. The head is sent again every retryIntervalMs and at once when the view changes,
// until the locker replies Committed (the update is on every member of the view) or Rejected.
import { checkPath, type DbChange } from './database.js';
import { gumLimits } from './limits.js';
import type { GumMessageOf } from './messages.js';
import { emit, send, viewNumber, type Ctx, type LocalReply } from './context.js';
import { handleRequest } from './locker.js';

/** The reason `changes` cannot be an update, or undefined. */
export function checkChanges(changes: readonly DbChange[]): string | undefined {
  if (changes.length === 0 || changes.length > gumLimits.changesPerUpdateMax) return `an update must have 1 to ${gumLimits.changesPerUpdateMax} changes, got ${changes.length}`;
  for (const change of changes) {
    const error = checkPath(change.path);
    if (error !== undefined) return error;
  }
  return undefined;
}

export function propose(ctx: Ctx, requestId: string, changes: DbChange[]): void {
  const r = ctx.s.requester;
  const error = checkChanges(changes);
  if (error !== undefined) {
    ctx.completed.push({ requestId, outcome: 'Rejected', reason: error });
    return;
  }
  if (r.pending.length >= gumLimits.pendingRequestsMax) {
    ctx.s.counters.requestsDropped++;
    emit(ctx, { type: 'GumRequestDropped', origin: ctx.s.config.self, requestNumber: r.nextRequestNumber, reason: 'PendingRequestsFull' });
    ctx.completed.push({ requestId, outcome: 'Rejected', reason: `${r.pending.length} requests are already pending on ${ctx.s.config.self}, the limit pendingRequestsMax` });
    return;
  }
  r.pending.push({ requestId, requestNumber: r.nextRequestNumber++, changes });
}

/** Sends the head request when it has not been sent yet (or must be sent again). */
export function sendHead(ctx: Ctx): void {
  const r = ctx.s.requester;
  const head = r.pending[0];
  const role = ctx.s.role;
  if (head === undefined || role.role === 'Outside') return;
  r.headSentAtMs = ctx.nowMs;
  const { incarnation, self } = ctx.s.config;
  if (role.role === 'Locker') {
    handleRequest(ctx, { origin: self, incarnation, requestNumber: head.requestNumber, changes: head.changes });
  } else {
    send(ctx, role.locker, { type: 'GumRequest', viewNumber: viewNumber(ctx), incarnation, requestNumber: head.requestNumber, changes: head.changes });
  }
}

export function onReply(ctx: Ctx, from: string, m: GumMessageOf<'GumReply'>): void {
  const role = ctx.s.role;
  if (role.role !== 'Member' || role.locker !== from) return;
  takeReply(ctx, m);
}

/** A reply for this node's head request finishes it; anything else is stale. */
export function takeReply(ctx: Ctx, reply: LocalReply): void {
  const r = ctx.s.requester;
  const head = r.pending[0];
  if (head === undefined || reply.incarnation !== ctx.s.config.incarnation || reply.requestNumber !== head.requestNumber) return;
  r.pending.shift();
  r.headSentAtMs = undefined;
  ctx.completed.push(
    reply.outcome === 'Committed'
      ? { requestId: head.requestId, outcome: 'Committed', sequence: reply.sequence }
      : { requestId: head.requestId, outcome: 'Rejected', reason: reply.reason ?? 'rejected by the locker' },
  );
}

/**
 * Run at the end of every step: hands the locker's replies to this node's own requests over, and
 * sends the head when it is new or its retry is due. Loops because on a locker alone in its view
 * a request commits at once.
 */
export function settleRequests(ctx: Ctx): void {
  for (let rounds = 0; rounds <= gumLimits.pendingRequestsMax + 1; rounds++) {
    const replies = ctx.localReplies.splice(0);
    for (const reply of replies) takeReply(ctx, reply);
    const r = ctx.s.requester;
    const due = r.headSentAtMs === undefined || ctx.nowMs - r.headSentAtMs >= ctx.s.config.retryIntervalMs;
    if (r.pending.length === 0 || !due || ctx.s.role.role === 'Outside') return;
    sendHead(ctx);
    if (ctx.localReplies.length === 0) return;
  }
}
