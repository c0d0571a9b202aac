// A member tells every connected node outside its view that the view leaves it out
// (RegroupExcluded), when it installs the view and when such a node connects. A node still
// running an older view learns from this that it is out, even when it lost no peer of its own (it
// stayed connected to a member who moved on to a view without it). The notice is sent again every
// tick until acknowledged, for at most ClusSvcRegroupStageTimeout, so one lost message does not
// leave a stale node running.
import { isMemberOf, memberNames, send, type Ctx } from './context.js';

function notice(ctx: Ctx, peer: string): void {
  const { s } = ctx;
  if (s.role.role !== 'Member') return;
  send(ctx, peer, { type: 'RegroupExcluded', viewNumber: s.role.view.number, members: memberNames(s.role.view) });
}

function arm(ctx: Ctx): void {
  const generation = ++ctx.s.notifyGeneration;
  ctx.timers.push({ delayMs: ctx.s.timing.tickMs, timer: { type: 'RegroupNotify', generation } });
}

/** After an install: every connected peer outside the new view is told. */
export function notifyOutsiders(ctx: Ctx): void {
  const { s } = ctx;
  if (s.role.role !== 'Member') return;
  const { view } = s.role;
  s.notify = s.connected.filter((peer) => !isMemberOf(view, peer));
  s.notifySinceMs = ctx.nowMs;
  for (const peer of s.notify) notice(ctx, peer);
  if (s.notify.length > 0) arm(ctx);
}

/** A peer connected: if this node runs a view without it, it is told. */
export function notifyIfOutside(ctx: Ctx, peer: string): void {
  const { s } = ctx;
  if (s.role.role !== 'Member' || isMemberOf(s.role.view, peer) || s.notify.includes(peer)) return;
  if (s.notify.length === 0) {
    s.notifySinceMs = ctx.nowMs;
    arm(ctx);
  }
  s.notify.push(peer);
  notice(ctx, peer);
}

export function notified(ctx: Ctx, peer: string): void {
  ctx.s.notify = ctx.s.notify.filter((p) => p !== peer);
}

export function onNotifyTick(ctx: Ctx): void {
  const { s } = ctx;
  if (s.role.role !== 'Member' || ctx.nowMs - s.notifySinceMs >= s.timing.stageTimeoutMs) s.notify = [];
  s.notify = s.notify.filter((peer) => s.connected.includes(peer));
  for (const peer of s.notify) notice(ctx, peer);
  if (s.notify.length > 0) arm(ctx);
}

