// One step's scratch space and the small helpers every part of the regroup uses: the outputs
// collected so far (messages, timers, events, decisions, whether to persist) and look-ups over the
// configuration. Nothing here decides anything.
import { assert } from '@wsfc-lab/protocol';
import type { RegroupEvent } from './events.js';
import type { RegroupMessage } from './messages.js';
import type { Ballot, Outgoing, RegroupDecision, RegroupState, Report, TimerRequest, View } from './types.js';

export interface Ctx {
  s: RegroupState;
  nowMs: number;
  outbox: Outgoing[];
  timers: TimerRequest[];
  events: RegroupEvent[];
  decisions: RegroupDecision[];
  persist: boolean;
}

export function send(ctx: Ctx, to: string, message: RegroupMessage): void {
  assert(to !== ctx.s.config.self, `regroup on "${to}" tried to send ${message.type} to itself`);
  ctx.outbox.push({ to, message });
}

export function emit(ctx: Ctx, event: RegroupEvent): void {
  ctx.events.push(event);
}

export function decide(ctx: Ctx, decision: RegroupDecision): void {
  ctx.decisions.push(decision);
}

export function ignore(ctx: Ctx, from: string, messageType: string, reason: string): void {
  ctx.s.counters.messagesIgnored++;
  emit(ctx, { type: 'RegroupMessageIgnored', from, messageType, reason });
}

export function nodeIdOf(s: RegroupState, name: string): number | undefined {
  return s.config.quorum.nodes.find((node) => node.name === name)?.id;
}

export function nodeNameOf(s: RegroupState, nodeId: number): string | undefined {
  return s.config.quorum.nodes.find((node) => node.id === nodeId)?.name;
}

export function sortByNodeId(s: RegroupState, names: Iterable<string>): string[] {
  return [...new Set(names)].sort((a, b) => (nodeIdOf(s, a) ?? 0) - (nodeIdOf(s, b) ?? 0));
}

export function memberNames(view: View): string[] {
  return view.members.map((m) => m.name);
}

export function isMemberOf(view: View, name: string): boolean {
  return view.members.some((m) => m.name === name);
}

export function lastViewNumber(s: RegroupState): number {
  return s.persisted.lastView?.number ?? 0;
}

export function setPromise(ctx: Ctx, ballot: Ballot): void {
  ctx.s.persisted.promise = ballot;
  ctx.persist = true;
}

/** Starts a new tick generation: the tick pending before, if any, is stale from now on. */
export function armTick(ctx: Ctx): void {
  const generation = ++ctx.s.tickGeneration;
  ctx.timers.push({ delayMs: ctx.s.timing.tickMs, timer: { type: 'RegroupTick', generation } });
}

export function disarmTick(ctx: Ctx): void {
  ctx.s.tickGeneration++;
}

/** (Re)arms the one retry timer: a join attempt, a request not answered, a round that went quiet. */
export function armRetry(ctx: Ctx, delayMs: number): void {
  const generation = ++ctx.s.retryGeneration;
  ctx.timers.push({ delayMs, timer: { type: 'RegroupRetry', generation } });
}

export function disarmRetry(ctx: Ctx): void {
  ctx.s.retryGeneration++;
}

/**
 * A short wait that differs by node ID, so two coordinators that collided do not collide again:
 * the lower ID tries first and has usually closed its round before the next one starts.
 */
export function backoffMs(s: RegroupState): number {
  return s.timing.tickMs * (1 + ((s.selfId - 1) % 8));
}

/** This node's own report, as it would answer an opening. */
export function ownReport(s: RegroupState, promised: boolean): Report {
  return {
    promised,
    promise: s.persisted.promise,
    running: s.role.role === 'Member',
    view: s.persisted.lastView,
    accepted: s.persisted.accepted,
    connected: [...s.connected],
    databaseSequence: s.databaseSequence,
  };
}
