// A node's answers to a round led by another node: it promises a higher round than any before
// (and only for a view newer than its own), reports its connectivity and views, accepts the view
// proposed under the round it promised, installs a chosen view, and stops when the round found no
// quorum (1177) or a newer view leaves it out (1006). Promises and accepted proposals are
// persisted, so a restart cannot make a node answer two rounds for the same view two ways.
import { compareBallots, sameBallot } from './ballot.js';
import { abandon, advance } from './coordinator.js';
import { armRetry, backoffMs, disarmTick, emit, ignore, isMemberOf, lastViewNumber, nodeIdOf, nodeNameOf, ownReport, send, setPromise, type Ctx } from './context.js';
import { regroupNeeded } from './initiate.js';
import { becomeMember, stopClusterService } from './lifecycle.js';
import type { RegroupMessageOf } from './messages.js';

function finishCommitting(ctx: Ctx): void {
  ctx.s.round = null;
  disarmTick(ctx);
}

/**
 * A promiser waits for the round at most as long as a round can take; a joining one tries again
 * sooner (its request only adds it to the round if the round is still on).
 */
function armParticipantRetry(ctx: Ctx): void {
  const { s } = ctx;
  armRetry(ctx, s.role.role === 'Joining' ? s.timing.joinRetryIntervalMs + backoffMs(s) : s.timing.roundDurationMaxMs);
}

export function onOpen(ctx: Ctx, from: string, m: RegroupMessageOf<'RegroupOpen'>): void {
  const { s } = ctx;
  if (nodeIdOf(s, from) !== m.ballot.coordinatorId) return ignore(ctx, from, m.type, `ballot names coordinator ${m.ballot.coordinatorId}, not the sender`);
  const promise = s.persisted.promise;
  const promised = m.ballot.viewNumber > lastViewNumber(s) && (promise === null || compareBallots(m.ballot, promise) >= 0);
  if (promised) {
    if (!sameBallot(promise, m.ballot)) setPromise(ctx, m.ballot);
    if (s.round !== null && !sameBallot(s.round.ballot, m.ballot)) {
      // A round of this node's own that only waits for acknowledgements is over (its view is installed).
      if (s.round.stage === 'Committing') finishCommitting(ctx);
      else abandon(ctx, `preempted by ${from}'s round for view ${m.ballot.viewNumber}`, 'Wait');
    }
    armParticipantRetry(ctx);
  }
  send(ctx, from, { type: 'RegroupReport', ballot: m.ballot, ...ownReport(s, promised) });
}

/** When its connectivity changes mid-round, a promiser tells the leader again (it may be pruning). */
export function reportAgain(ctx: Ctx): void {
  const { s } = ctx;
  const promise = s.persisted.promise;
  if (promise === null || promise.coordinatorId === s.selfId || promise.viewNumber <= lastViewNumber(s)) return;
  if (s.persisted.accepted !== null && sameBallot(s.persisted.accepted.ballot, promise)) return;
  const leader = nodeNameOf(s, promise.coordinatorId);
  if (leader !== undefined && s.connected.includes(leader)) send(ctx, leader, { type: 'RegroupReport', ballot: promise, ...ownReport(s, true) });
}

export function onPropose(ctx: Ctx, from: string, m: RegroupMessageOf<'RegroupPropose'>): void {
  const { s } = ctx;
  const { ballot, view } = m;
  const valid = nodeIdOf(s, from) === ballot.coordinatorId && view.number === ballot.viewNumber && view.coordinator === from && isMemberOf(view, s.config.self);
  if (!valid) return ignore(ctx, from, m.type, `proposal for view ${view.number} does not match its ballot or leaves this node out`);
  const accepted = sameBallot(s.persisted.promise, ballot) && view.number > lastViewNumber(s);
  if (accepted && !sameBallot(s.persisted.accepted?.ballot ?? null, ballot)) {
    s.persisted.accepted = { ballot, view };
    ctx.persist = true;
  }
  if (accepted) armParticipantRetry(ctx);
  send(ctx, from, { type: 'RegroupAccept', ballot, accepted, promise: s.persisted.promise });
}

export function onInstall(ctx: Ctx, from: string, m: RegroupMessageOf<'RegroupInstall'>): void {
  const { s } = ctx;
  const { view } = m;
  if (!isMemberOf(view, s.config.self)) return ignore(ctx, from, m.type, `view ${view.number} does not include this node`);
  const lastNumber = lastViewNumber(s);
  if (view.number < lastNumber) return ignore(ctx, from, m.type, `view ${view.number} is older than view ${lastNumber}`);
  if (view.number > lastNumber) {
    becomeMember(ctx, view);
    if (regroupNeeded(s)) armRetry(ctx, backoffMs(s));
  }
  send(ctx, from, { type: 'RegroupAck', viewNumber: view.number });
}

export function onExcluded(ctx: Ctx, from: string, m: RegroupMessageOf<'RegroupExcluded'>): void {
  const { s } = ctx;
  send(ctx, from, { type: 'RegroupAck', viewNumber: m.viewNumber });
  if (m.members.includes(s.config.self)) return;
  // A joining node left out tries again after its join interval.
  if (s.role.role === 'Joining' && s.round === null) return armRetry(ctx, s.timing.joinRetryIntervalMs + backoffMs(s));
  if (s.role.role !== 'Member' || s.role.view.number >= m.viewNumber) return;
  emit(ctx, { type: 'ClusterMembershipHalted', node: s.config.self, viewNumber: m.viewNumber, excludedBy: from });
  stopClusterService(ctx, 'RemovedFromMembership', `view ${m.viewNumber} (${m.members.join(', ')}) does not include ${s.config.self}`);
}

export function onHalt(ctx: Ctx, from: string, m: RegroupMessageOf<'RegroupHalt'>): void {
  const { s } = ctx;
  const current = sameBallot(s.persisted.promise, m.ballot) && nodeIdOf(s, from) === m.ballot.coordinatorId;
  if (!current || s.role.role !== 'Member' || s.role.view.number >= m.ballot.viewNumber) return ignore(ctx, from, m.type, 'not the round this node promised, or not running');
  const { votesPresent, votesNeeded, votesTotal, voterIds, detail } = m;
  emit(ctx, { type: 'ClusterQuorumLost', node: s.config.self, nodeId: s.selfId, votesPresent, votesNeeded, votesTotal, voterIds, detail });
  stopClusterService(ctx, 'LostQuorum', `Lost quorum: ${detail}`);
}

// The leader's side of the same exchange.

export function onReport(ctx: Ctx, from: string, m: RegroupMessageOf<'RegroupReport'>): void {
  const round = ctx.s.round;
  if (round === null || !sameBallot(round.ballot, m.ballot)) return;
  const { type: _type, ballot: _ballot, ...report } = m;
  if (round.stage === 'Opening') {
    if (!round.invited.includes(from)) round.invited.push(from);
    round.reports[from] = report;
  } else if (round.stage === 'Pruning' && round.reports[from] !== undefined && report.promised) {
    round.reports[from] = report;
  } else {
    return;
  }
  advance(ctx);
}

export function onAccept(ctx: Ctx, from: string, m: RegroupMessageOf<'RegroupAccept'>): void {
  const { s } = ctx;
  const round = s.round;
  if (round === null || round.stage !== 'Closing' || !sameBallot(round.ballot, m.ballot) || !round.plan.kept.includes(from)) return;
  if (!m.accepted) {
    if (m.promise !== null && compareBallots(m.promise, round.ballot) > 0) s.hints.promise = m.promise;
    return abandon(ctx, `${from} refused the proposal`, 'Backoff');
  }
  if (!round.accepted.includes(from)) round.accepted.push(from);
  advance(ctx);
}

export function onAck(ctx: Ctx, from: string, m: RegroupMessageOf<'RegroupAck'>): void {
  const round = ctx.s.round;
  if (round === null || round.stage !== 'Committing' || round.view.number !== m.viewNumber) return;
  if (!round.acked.includes(from)) round.acked.push(from);
  advance(ctx);
}
