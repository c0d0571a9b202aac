// A member of a view that is not the locker. It tells the locker what copy it holds (GumState)
// until the locker answers, applies the updates the locker sends when they follow its copy, and
// fetches the locker's copy as a snapshot when the locker says its copy differs (GumSync).
import { applyUpdate, followsFrom, sameCopy, type SequencedUpdate } from './database.js';
import type { GumMessageOf } from './messages.js';
import { emit, memberRole, send, setSynced, viewNumber, type Ctx } from './context.js';
import { startPull } from './snapshot.js';

export function becomeMember(ctx: Ctx, locker: string): void {
  ctx.s.role = { role: 'Member', locker, confirmed: false, stateSentAtMs: ctx.nowMs };
  sendState(ctx);
}

export function sendState(ctx: Ctx): void {
  const role = memberRole(ctx);
  if (role === undefined) return;
  const { copy, syncedEpoch } = ctx.s;
  role.stateSentAtMs = ctx.nowMs;
  send(ctx, role.locker, {
    type: 'GumState',
    viewNumber: viewNumber(ctx),
    epoch: copy.epoch,
    sequence: copy.sequence,
    digest: copy.digest,
    syncedEpoch,
    // While the locker is learning, it may need this member's last update to catch up itself.
    ...(role.confirmed || copy.lastUpdate === undefined ? {} : { lastUpdate: copy.lastUpdate }),
  });
}

function updateOf(m: GumMessageOf<'GumUpdate'>): SequencedUpdate {
  const { epoch, sequence, origin, incarnation, requestNumber, changes, previousDigest, digest } = m;
  return { epoch, sequence, origin, incarnation, requestNumber, changes, previousDigest, digest };
}

export function onUpdate(ctx: Ctx, from: string, m: GumMessageOf<'GumUpdate'>): void {
  const role = memberRole(ctx);
  if (role === undefined || role.locker !== from) return;
  role.confirmed = true;
  const update = updateOf(m);
  if (followsFrom(ctx.s.copy, update)) {
    const result = applyUpdate(ctx.s.copy, update);
    if (!result.ok) {
      emit(ctx, { type: 'GumMessageIgnored', from, messageType: m.type, reason: result.reason });
    } else {
      const before = ctx.s.copy;
      ctx.s.copy = result.copy;
      ctx.persist = true;
      ctx.s.counters.updatesApplied++;
      ctx.applied.push({ type: 'Update', update });
      if (update.epoch !== m.viewEpoch) {
        // The locker's last update, sent again to a member that missed it before the view changed.
        emit(ctx, { type: 'DatabaseSynchronized', source: from, via: 'Update', fromEpoch: before.epoch, fromSequence: before.sequence, toEpoch: update.epoch, toSequence: update.sequence });
      }
    }
  }
  if (sameCopy(ctx.s.copy, update)) setSynced(ctx, m.viewEpoch);
  // Whatever happened, the locker learns where this copy stands and sends what is missing.
  sendState(ctx);
}

export function onSync(ctx: Ctx, from: string, m: GumMessageOf<'GumSync'>): void {
  const role = memberRole(ctx);
  if (role === undefined || role.locker !== from) return;
  role.confirmed = true;
  if (sameCopy(ctx.s.copy, m)) {
    ctx.s.pull = undefined;
    setSynced(ctx, m.viewEpoch);
    sendState(ctx);
    return;
  }
  const pull = ctx.s.pull;
  if (pull !== undefined && pull.from === from && sameCopy(pull, m)) return; // already fetching it
  startPull(ctx, from, m, m.viewEpoch);
}

/** Until the locker answers in this view, tells it again every retryIntervalMs. */
export function tickMember(ctx: Ctx): void {
  const role = memberRole(ctx);
  if (role === undefined || role.confirmed) return;
  if (ctx.nowMs - role.stateSentAtMs >= ctx.s.config.retryIntervalMs) sendState(ctx);
}
