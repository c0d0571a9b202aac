// Who starts a round. A node that needs a regroup (it lost a member of its view, it is joining, a
// proposal it accepted was never installed) asks the lowest-ID node among itself and the peers it
// is mutually connected to; if that is itself, it leads the round. The node asked always leads a
// round when asked. A request that goes unanswered is sent again when the retry timer fires.
import { startRound } from './coordinator.js';
import { armRetry, backoffMs, isMemberOf, lastViewNumber, nodeIdOf, send, type Ctx } from './context.js';
import type { RegroupMessageOf } from './messages.js';
import type { RegroupReason, RegroupState } from './types.js';

/** Does this node need a round: outside any view, a member of its view not connected, an accepted proposal left hanging? */
export function regroupNeeded(s: RegroupState): boolean {
  switch (s.role.role) {
    case 'Offline':
      return false;
    case 'Joining':
      return true;
    case 'Member': {
      const { view } = s.role;
      const lost = view.members.some((m) => m.name !== s.config.self && !s.connected.includes(m.name));
      return lost || (s.persisted.accepted !== null && s.persisted.accepted.view.number > view.number);
    }
  }
}

/** The lowest node ID among this node and its mutually connected peers. */
export function leaderFor(s: RegroupState): string {
  let best = s.config.self;
  for (const peer of s.connected) if ((nodeIdOf(s, peer) ?? Infinity) < (nodeIdOf(s, best) ?? Infinity)) best = peer;
  return best;
}

export function initiate(ctx: Ctx, reason: RegroupReason): void {
  const { s } = ctx;
  if (s.role.role === 'Offline') return;
  if (s.round !== null) {
    s.again = true;
    return;
  }
  const leader = leaderFor(s);
  if (leader === s.config.self) return startRound(ctx, reason);
  const joining = s.role.role === 'Joining';
  send(ctx, leader, { type: 'RegroupRequest', viewNumber: lastViewNumber(s), joining });
  armRetry(ctx, (joining ? s.timing.joinRetryIntervalMs : s.timing.openingTimeoutMs) + backoffMs(s));
}

export function onRetry(ctx: Ctx): void {
  const { s } = ctx;
  if (s.role.role === 'Offline' || s.round !== null) return;
  if (s.again || regroupNeeded(s)) {
    s.again = false;
    initiate(ctx, 'Retry');
  }
}

/** Asked to lead a round: a member that missed an Install catches up instead; a node not yet seen connected waits for it. */
export function onRequest(ctx: Ctx, from: string, m: RegroupMessageOf<'RegroupRequest'>): void {
  const { s } = ctx;
  const view = s.role.role === 'Member' ? s.role.view : null;
  if (view !== null && !m.joining && isMemberOf(view, from) && m.viewNumber < view.number) {
    // A member that missed an Install catches up from any member that has the view.
    send(ctx, from, { type: 'RegroupInstall', view });
    return;
  }
  if (!s.connected.includes(from)) {
    // It reached this node before the failure detector here saw it: the round waits for that.
    if (!s.requestedBy.includes(from)) s.requestedBy.push(from);
    return;
  }
  const round = s.round;
  if (round === null) return startRound(ctx, m.joining ? 'JoinRequest' : 'Retry');
  if (round.stage === 'Opening' && !round.invited.includes(from)) {
    round.invited.push(from);
    send(ctx, from, { type: 'RegroupOpen', ballot: round.ballot });
    return;
  }
  s.again = true;
}
