// The round this node leads, stage by stage (facts §1.5):
//   Opening      ask every connected node for a promise, its connectivity, its views and database
//                sequence; a node that has not answered within ClusSvcRegroupOpeningTimeout failed.
//   Pruning      wait up to ClusSvcRegroupPruningTimeout for the promisers to be fully connected,
//                then keep the best fully connected set that contains the leader (clique.ts).
//   Arbitrating  only when the kept set needs the witness's vote: the caller arbitrates it, within
//                QuorumArbitrationTimeMax.
//   Closing      propose the view; every kept node must accept it within ClusSvcRegroupStageTimeout.
//   Committing   install it here and on every kept node; tell the pruned nodes they are out;
//                resend until acknowledged or ClusSvcRegroupStageTimeout.
// Every ClusSvcRegroupTickInMilliseconds the leader sends again what is unanswered and checks the
// stage's time-out. Without quorum the kept set is halted (1177).
import { assert, assertNever } from '@wsfc-lab/protocol';
import type { QuorumCheck } from '../quorum/mod.js';
import { ballotText, higherBallot, nextBallot } from './ballot.js';
import { bestClique } from './clique.js';
import { armRetry, armTick, backoffMs, decide, disarmRetry, disarmTick, emit, lastViewNumber, memberNames, nodeIdOf, ownReport, send, setPromise, sortByNodeId, type Ctx } from './context.js';
import { initiate, regroupNeeded } from './initiate.js';
import { genesisView, verdictFor, votesFor } from './judge.js';
import { becomeJoining, becomeMember, stopClusterService } from './lifecycle.js';
import { regroupLimits } from './limits.js';
import type { Plan, RegroupReason, RegroupState, Report, Round, View } from './types.js';

export function startRound(ctx: Ctx, reason: RegroupReason, restarts = 0): void {
  const { s } = ctx;
  assert(s.role.role !== 'Offline' && s.round === null, `"${s.config.self}" cannot start a round while ${s.role.role}${s.round === null ? '' : ' leading one'}`);
  const ballot = nextBallot({ selfId: s.selfId, persisted: s.persisted, hints: s.hints });
  setPromise(ctx, ballot);
  const invited = [...s.connected];
  s.round = { stage: 'Opening', ballot, reason, startedAtMs: ctx.nowMs, stageStartedAtMs: ctx.nowMs, restarts, invited, reports: { [s.config.self]: ownReport(s, true) } };
  s.counters.roundsStarted++;
  emit(ctx, { type: 'RegroupStarted', viewNumber: ballot.viewNumber, attempt: ballot.attempt, coordinator: s.config.self, reason, invited });
  for (const peer of invited) send(ctx, peer, { type: 'RegroupOpen', ballot });
  disarmRetry(ctx);
  armTick(ctx);
  advance(ctx);
}

/** Moves the round on as far as what it knows allows; called after anything changed. */
export function advance(ctx: Ctx): void {
  const round = ctx.s.round;
  if (round === null) return;
  const elapsedMs = ctx.nowMs - round.stageStartedAtMs;
  const { timing } = ctx.s;
  switch (round.stage) {
    case 'Opening':
      if (round.invited.every((peer) => round.reports[peer] !== undefined) || elapsedMs >= timing.openingTimeoutMs) endOpening(ctx, round);
      return;
    case 'Pruning':
      if (fullyConnected(round.reports) || elapsedMs >= timing.pruningTimeoutMs) endPruning(ctx, round);
      return;
    case 'Arbitrating':
      if (elapsedMs >= timing.arbitrationTimeMaxMs) onArbitrationEnded(ctx, 'TimedOut');
      return;
    case 'Closing':
      if (round.plan.kept.every((node) => round.accepted.includes(node))) commit(ctx, round);
      else if (elapsedMs >= timing.stageTimeoutMs) abandon(ctx, `not accepted by ${round.plan.kept.filter((n) => !round.accepted.includes(n)).join(', ')} within ClusSvcRegroupStageTimeout`, 'Backoff');
      return;
    case 'Committing':
      if (awaitingAck(round).length === 0 || elapsedMs >= timing.stageTimeoutMs) endRound(ctx);
      return;
    default:
      assertNever(round, 'regroup round');
  }
}

/** Every tick: send again what is unanswered, then check the stage's time-out. */
export function onTick(ctx: Ctx): void {
  const round = ctx.s.round;
  if (round === null) return;
  const { ballot } = round;
  switch (round.stage) {
    case 'Opening':
      for (const peer of round.invited) if (round.reports[peer] === undefined) send(ctx, peer, { type: 'RegroupOpen', ballot });
      break;
    case 'Pruning':
      // Ask the promisers again for their connectivity while it is not full.
      for (const peer of Object.keys(round.reports)) if (peer !== ctx.s.config.self) send(ctx, peer, { type: 'RegroupOpen', ballot });
      break;
    case 'Arbitrating':
      break;
    case 'Closing':
      for (const node of round.plan.kept) if (!round.accepted.includes(node)) send(ctx, node, { type: 'RegroupPropose', ballot, view: round.proposal });
      break;
    case 'Committing':
      for (const node of awaitingAck(round)) sendCommit(ctx, round, node);
      break;
    default:
      assertNever(round, 'regroup round');
  }
  advance(ctx);
  if (ctx.s.round !== null) armTick(ctx);
}

function awaitingAck(round: Extract<Round, { stage: 'Committing' }>): string[] {
  const targets = [...memberNames(round.view).filter((n) => n !== round.view.coordinator), ...round.excluded];
  return targets.filter((node) => !round.acked.includes(node));
}

function sendCommit(ctx: Ctx, round: Extract<Round, { stage: 'Committing' }>, node: string): void {
  if (round.excluded.includes(node)) send(ctx, node, { type: 'RegroupExcluded', viewNumber: round.view.number, members: memberNames(round.view) });
  else send(ctx, node, { type: 'RegroupInstall', view: round.view });
}

function fullyConnected(reports: Record<string, Report>): boolean {
  const nodes = Object.keys(reports);
  return nodes.every((a) => nodes.every((b) => a === b || mutual(reports, a, b)));
}

function mutual(reports: Record<string, Report>, a: string, b: string): boolean {
  return (reports[a]?.connected.includes(b) ?? false) && (reports[b]?.connected.includes(a) ?? false);
}

/** The round ends without a view: restart now with a higher ballot, or wait and try again. */
export function abandon(ctx: Ctx, reason: string, then: 'Restart' | 'Backoff' | 'Wait', restartReason: RegroupReason = 'NewerView'): void {
  const { s } = ctx;
  const round = s.round;
  assert(round !== null, 'abandon needs a round');
  emit(ctx, { type: 'RegroupAbandoned', viewNumber: round.ballot.viewNumber, attempt: round.ballot.attempt, coordinator: s.config.self, stage: round.stage, reason });
  s.counters.roundsAbandoned++;
  s.round = null;
  disarmTick(ctx);
  if (round.reason === 'JoinRequest') s.again = true;
  if (then === 'Restart' && round.restarts < regroupLimits.roundRestartsMax) return startRound(ctx, restartReason, round.restarts + 1);
  armRetry(ctx, then === 'Wait' ? s.timing.joinRetryIntervalMs + backoffMs(s) : backoffMs(s));
}

function endOpening(ctx: Ctx, round: Extract<Round, { stage: 'Opening' }>): void {
  const { s } = ctx;
  const refusals = Object.entries(round.reports).filter(([, report]) => !report.promised);
  for (const [, report] of refusals) learnFrom(s, report);
  if (refusals.length > 0) {
    const newer = refusals.some(([, r]) => (r.view?.number ?? 0) >= round.ballot.viewNumber);
    const who = refusals.map(([node, r]) => `${node} (${r.promise === null ? 'no promise' : `promised ${ballotText(r.promise)}`}, view ${r.view?.number ?? 0})`).join(', ');
    return abandon(ctx, `refused by ${who}`, newer ? 'Restart' : 'Backoff');
  }
  const acceptedTop = Math.max(0, ...Object.values(round.reports).map((r) => r.accepted?.view.number ?? 0));
  if (acceptedTop >= round.ballot.viewNumber) {
    s.hints.viewNumber = Math.max(s.hints.viewNumber, acceptedTop);
    return abandon(ctx, `a node accepted a proposal for view ${acceptedTop}`, 'Restart');
  }
  const running = sortByNodeId(s, Object.keys(round.reports).filter((node) => node !== s.config.self && round.reports[node]?.running));
  if (s.role.role === 'Joining' && running[0] !== undefined) {
    // A node outside any view does not lead a running cluster: it asks the cluster to take it in.
    send(ctx, running[0], { type: 'RegroupRequest', viewNumber: lastViewNumber(s), joining: true });
    return abandon(ctx, `delegated to ${running[0]}, which runs view ${round.reports[running[0]]?.view?.number ?? 0}`, 'Wait');
  }
  s.round = { ...baseOf(round), stage: 'Pruning', stageStartedAtMs: ctx.nowMs, reports: round.reports };
  advance(ctx);
}

function learnFrom(s: RegroupState, report: Report): void {
  s.hints.viewNumber = Math.max(s.hints.viewNumber, report.view?.number ?? 0, report.accepted?.view.number ?? 0);
  s.hints.promise = higherBallot(s.hints.promise, report.promise);
}

function baseOf(round: Round) {
  const { ballot, reason, startedAtMs, stageStartedAtMs, restarts } = round;
  return { ballot, reason, startedAtMs, stageStartedAtMs, restarts };
}

/** The view this round follows and the proposals newer than it that may have been installed. */
function candidatesOf(s: RegroupState, reports: Record<string, Report>): View[] {
  let newest: View | null = null;
  for (const report of Object.values(reports)) if (report.view !== null && (newest === null || report.view.number > newest.number)) newest = report.view;
  const previous = newest ?? genesisView(s.config.quorum);
  const newer = new Map<string, View>();
  for (const report of Object.values(reports)) {
    const accepted = report.accepted;
    if (accepted !== null && accepted.view.number > previous.number) newer.set(ballotText(accepted.ballot), accepted.view);
  }
  return [previous, ...[...newer.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([, view]) => view)];
}

function planOf(s: RegroupState, reports: Record<string, Report>): Plan {
  const candidates = candidatesOf(s, reports);
  const previous = candidates[0] as View;
  const nodes = Object.keys(reports);
  const kept = bestClique({
    self: s.config.self,
    nodes,
    nodeId: (name) => nodeIdOf(s, name) ?? 0,
    mutual: (a, b) => mutual(reports, a, b),
    score: (members) => members.filter((name) => previous.votes.DynamicWeight[name] === 1).length,
  });
  const pruned = sortByNodeId(s, nodes.filter((node) => !kept.includes(node)));
  const connectivity = Object.fromEntries(sortByNodeId(s, nodes).map((node) => [node, [...(reports[node]?.connected ?? [])]]));
  // The witness's state in the database decides, once known; otherwise the view before's holds.
  const witnessHeld = s.config.quorum.witness.type !== 'None' && (s.witnessAvailable ?? previous.witnessHeld);
  return { kept, pruned, candidates, witnessHeld, connectivity };
}

function endPruning(ctx: Ctx, round: Extract<Round, { stage: 'Pruning' }>): void {
  const { s } = ctx;
  const plan = planOf(s, round.reports);
  const { ballot } = round;
  const databaseSequences = Object.fromEntries(Object.entries(round.reports).map(([node, r]) => [node, r.databaseSequence]));
  emit(ctx, { type: 'RegroupPruned', viewNumber: ballot.viewNumber, attempt: ballot.attempt, coordinator: s.config.self, kept: plan.kept, pruned: plan.pruned, connectivity: plan.connectivity, databaseSequences });
  if (unchanged(plan, round.reports)) {
    for (const node of plan.pruned) send(ctx, node, { type: 'RegroupExcluded', viewNumber: lastViewNumber(s), members: plan.kept });
    return endRound(ctx);
  }
  const verdict = verdictFor({ config: s.config.quorum, candidates: plan.candidates, kept: new Set(plan.kept) });
  switch (verdict.type) {
    case 'Quorum':
      return propose(ctx, { ...plan, witnessHeld: s.witnessAvailable === undefined ? verdict.witnessHeld : plan.witnessHeld });
    case 'NeedsWitness':
      return arbitrate(ctx, plan, verdict.check);
    case 'NoQuorum':
      return noQuorum(ctx, plan, verdict.check, undefined);
  }
}

/** Nothing to install: the kept set is the running view, whole, and nothing newer may exist. */
function unchanged(plan: Plan, reports: Record<string, Report>): boolean {
  const previous = plan.candidates[0] as View;
  if (plan.candidates.length !== 1 || previous.number === 0 || plan.witnessHeld !== previous.witnessHeld) return false;
  const members = memberNames(previous);
  if (members.length !== plan.kept.length || !members.every((m) => plan.kept.includes(m))) return false;
  return plan.kept.every((node) => reports[node]?.running === true && reports[node]?.view?.number === previous.number);
}

function arbitrate(ctx: Ctx, plan: Plan, withoutWitness: QuorumCheck): void {
  const { s } = ctx;
  const round = s.round;
  assert(round !== null && round.stage === 'Pruning', 'arbitration follows pruning');
  const arbitrationId = s.nextArbitrationId++;
  const timeoutMs = s.timing.arbitrationTimeMaxMs;
  s.round = { ...baseOf(round), stage: 'Arbitrating', stageStartedAtMs: ctx.nowMs, plan, arbitrationId, withoutWitness };
  emit(ctx, { type: 'WitnessArbitrationStarted', viewNumber: round.ballot.viewNumber, members: plan.kept, timeoutMs });
  const previousViewNumber = (plan.candidates[0] as View).number;
  decide(ctx, { type: 'ArbitrateWitness', arbitrationId, viewNumber: round.ballot.viewNumber, previousViewNumber, coordinator: s.config.self, members: plan.kept, timeoutMs });
}

export function onArbitrationEnded(ctx: Ctx, outcome: 'Won' | 'Lost' | 'TimedOut'): void {
  const round = ctx.s.round;
  assert(round !== null && round.stage === 'Arbitrating', 'an arbitration ends in the Arbitrating stage');
  emit(ctx, { type: 'WitnessArbitrationEnded', viewNumber: round.ballot.viewNumber, outcome });
  if (outcome === 'Won') return propose(ctx, { ...round.plan, witnessHeld: true });
  noQuorum(ctx, round.plan, round.withoutWitness, outcome);
}

function propose(ctx: Ctx, plan: Plan): void {
  const { s } = ctx;
  const round = s.round;
  assert(round !== null && (round.stage === 'Pruning' || round.stage === 'Arbitrating'), 'a proposal follows pruning or arbitration');
  const kept = new Set(plan.kept);
  const members = plan.kept.map((name) => ({ name, nodeId: nodeIdOf(s, name) ?? 0 }));
  const proposal: View = { number: round.ballot.viewNumber, coordinator: s.config.self, members, votes: votesFor(s.config.quorum, kept, plan.witnessHeld), witnessHeld: plan.witnessHeld };
  s.persisted.accepted = { ballot: round.ballot, view: proposal };
  ctx.persist = true;
  s.round = { ...baseOf(round), stage: 'Closing', stageStartedAtMs: ctx.nowMs, plan, proposal, accepted: [s.config.self] };
  for (const node of plan.kept) if (node !== s.config.self) send(ctx, node, { type: 'RegroupPropose', ballot: round.ballot, view: proposal });
  advance(ctx);
}

function commit(ctx: Ctx, round: Extract<Round, { stage: 'Closing' }>): void {
  const { s } = ctx;
  becomeMember(ctx, round.proposal);
  const next: Extract<Round, { stage: 'Committing' }> = { ...baseOf(round), stage: 'Committing', stageStartedAtMs: ctx.nowMs, view: round.proposal, acked: [], excluded: round.plan.pruned };
  s.round = next;
  for (const node of awaitingAck(next)) sendCommit(ctx, next, node);
  advance(ctx);
}

function noQuorum(ctx: Ctx, plan: Plan, check: QuorumCheck, witness: 'Lost' | 'TimedOut' | undefined): void {
  const { s } = ctx;
  const round = s.round;
  assert(round !== null, 'no quorum is the end of a round');
  const self = s.config.self;
  emit(ctx, { type: 'RegroupAbandoned', viewNumber: round.ballot.viewNumber, attempt: round.ballot.attempt, coordinator: self, stage: round.stage, reason: `no quorum: ${check.detail}` });
  s.round = null;
  disarmTick(ctx);
  const voterIds = check.votersPresent.map((name) => nodeIdOf(s, name) ?? 0);
  const { votesPresent, votesNeeded, votesTotal } = check;
  if (s.role.role === 'Member') {
    for (const node of plan.kept) if (node !== self) send(ctx, node, { type: 'RegroupHalt', ballot: round.ballot, votesPresent, votesNeeded, votesTotal, voterIds, detail: check.detail });
    emit(ctx, { type: 'ClusterQuorumLost', node: self, nodeId: s.selfId, votesPresent, votesNeeded, votesTotal, voterIds, detail: check.detail });
    return stopClusterService(ctx, 'LostQuorum', `Lost quorum: ${check.detail}`);
  }
  if (witness !== undefined) emit(ctx, { type: 'ClusterFormWitnessFailed', node: self, outcome: witness });
  else if (s.connected.length === 0) emit(ctx, { type: 'ClusterJoinNoConnectivity', node: self });
  else emit(ctx, { type: 'ClusterFormFailed', node: self, votesPresent, votesNeeded, voters: check.votersPresent, detail: check.detail });
  becomeJoining(ctx);
}

/** The round is over; run another if one was asked for meanwhile or the view needs it. */
export function endRound(ctx: Ctx): void {
  const { s } = ctx;
  s.round = null;
  disarmTick(ctx);
  if (s.again || regroupNeeded(s)) {
    s.again = false;
    return initiate(ctx, 'Retry');
  }
  if (s.role.role === 'Joining') becomeJoining(ctx);
}
