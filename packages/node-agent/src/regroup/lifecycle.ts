// The node's role changes, each in one place that sets everything at once (STYLE 4): a view is
// installed (Member), the cluster service stops and starts again outside any view (Joining).
// A node never installs a view older than, or the same as, the one it has.
import { assert } from '@wsfc-lab/protocol';
import { armRetry, backoffMs, decide, disarmRetry, disarmTick, emit, isMemberOf, memberNames, type Ctx } from './context.js';
import { notifyOutsiders } from './notify.js';
import type { StopReason, View } from './types.js';

/** Install `view` here: the caller has made sure it was accepted by every member (it is chosen). */
export function becomeMember(ctx: Ctx, view: View): void {
  const { s } = ctx;
  const self = s.config.self;
  const lastNumber = s.persisted.lastView?.number ?? 0;
  assert(view.number > lastNumber, `"${self}" was asked to install view ${view.number} but has view ${lastNumber} already`);
  assert(isMemberOf(view, self), `"${self}" was asked to install view ${view.number}, which does not include it`);
  const running = s.role.role === 'Member' ? s.role.view : null;
  s.persisted.lastView = view;
  if (s.persisted.accepted !== null && s.persisted.accepted.view.number <= view.number) s.persisted.accepted = null;
  ctx.persist = true;
  s.role = { role: 'Member', view, sinceMs: ctx.nowMs };
  s.counters.viewsInstalled++;
  const before = running === null ? [] : memberNames(running);
  const now = memberNames(view);
  const removed = running === null ? [] : before.filter((name) => !now.includes(name));
  const added = running === null ? [] : now.filter((name) => !before.includes(name));
  decide(ctx, { type: 'ViewInstalled', view, previous: running });
  emit(ctx, { type: 'RegroupViewInstalled', viewNumber: view.number, coordinator: view.coordinator, members: now, added, removed });
  // Every survivor logs 1135 for each node the regroup removed (facts §1.3).
  for (const node of removed) emit(ctx, { type: 'ClusterNodeRemoved', node, viewNumber: view.number });
  disarmRetry(ctx);
  notifyOutsiders(ctx);
}

/** The service runs outside any view: it tries to join or form every JoinRetryInterval. */
export function becomeJoining(ctx: Ctx): void {
  const { s } = ctx;
  if (s.role.role !== 'Joining') s.role = { role: 'Joining', sinceMs: ctx.nowMs };
  s.notify = [];
  armRetry(ctx, s.timing.joinRetryIntervalMs + backoffMs(s));
}

/**
 * The cluster service stops (1177 or 1006 is logged by the caller) and, as the Service Control
 * Manager restarts it, the node is Joining again: it holds no view until a round installs one.
 */
export function stopClusterService(ctx: Ctx, reason: StopReason, detail: string): void {
  const { s } = ctx;
  assert(s.role.role === 'Member', `"${s.config.self}" stops its cluster service (${reason}) but is ${s.role.role}`);
  if (s.round !== null) {
    s.round = null;
    disarmTick(ctx);
  }
  s.again = false;
  decide(ctx, { type: 'StopClusterService', reason, detail });
  becomeJoining(ctx);
}
