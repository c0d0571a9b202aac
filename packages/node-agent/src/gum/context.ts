// The working context of one step: the state being built (a private copy of the input state) and
// the outputs recorded so far. Helpers record effects here; nothing else is touched.
import type { GumEvent } from './events.js';
import type { GumMessage, GumMessageOf } from './messages.js';
import type { Applied, Completion, GumNodeState, LockerRole, MemberRole, Outgoing, ViewMember } from './types.js';

export interface Ctx {
  s: GumNodeState;
  nowMs: number;
  outbox: Outgoing[];
  applied: Applied[];
  events: GumEvent[];
  completed: Completion[];
  persist: boolean;
  /** Replies the locker owes its own requester; handed over at the end of the step. */
  localReplies: LocalReply[];
}

export type LocalReply = Omit<GumMessageOf<'GumReply'>, 'type' | 'viewNumber'>;

export function send(ctx: Ctx, to: string, message: GumMessage): void {
  ctx.outbox.push({ to, message });
}

export function emit(ctx: Ctx, event: GumEvent): void {
  ctx.events.push(event);
}

export function ignore(ctx: Ctx, _from: string, _messageType: string, _reason: string): void {
  // Stale and duplicate messages are normal after a view change or a retry: counted, not logged.
  ctx.s.counters.messagesIgnored++;
}

export function viewNumber(ctx: Ctx): number {
  return ctx.s.view?.number ?? 0;
}

export function otherMembers(ctx: Ctx): ViewMember[] {
  return (ctx.s.view?.members ?? []).filter((m) => m.name !== ctx.s.config.self);
}

export function isMember(ctx: Ctx, name: string): boolean {
  return ctx.s.view?.members.some((m) => m.name === name) ?? false;
}

export function lockerRole(ctx: Ctx): LockerRole | undefined {
  return ctx.s.role.role === 'Locker' ? ctx.s.role : undefined;
}

export function memberRole(ctx: Ctx): MemberRole | undefined {
  return ctx.s.role.role === 'Member' ? ctx.s.role : undefined;
}

/** Raises the synced epoch (it never goes down). */
export function setSynced(ctx: Ctx, epoch: number): void {
  if (epoch > ctx.s.syncedEpoch) {
    ctx.s.syncedEpoch = epoch;
    ctx.persist = true;
  }
}
