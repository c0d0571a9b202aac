// Runs an `expect:` step: now, `within:` (wait up to that long for the properties to hold) or
// `during:` (they must hold at every moment of that stretch).
//
// What observeNow answers (node State, the event log) is a predicate over the event stream, so
// `runUntil` tests it after every event and the step's times are exact. Everything else is read
// by asking a machine, which cannot happen inside a predicate: those are polled. A poll is one
// command (a worker round trip in threads), made when the history has moved on since the last
// one (at most every `pollSpacingMs`) and at least every `pollIntervalMs` when it has not, since
// a group can change state without logging an event. Times reported for polled steps are those
// of the poll that saw the change (when it was sent): at most `pollIntervalMs` late.
import type { Step } from '../config/mod.js';
import type { Runtime } from '../runtime/runtime.js';
import { observe, observeNow, type Observation, type ObserveContext } from './observe.js';

export type ExpectStep = Extract<Step, { kind: 'expect' }>;

/** `atMs`: when the step's outcome happened, if not now (threads: an event's own time). */
export type ExpectOutcome = { ok: boolean; detail: string; atMs?: number };

/** Simulated ms. */
export const expectPolling = { pollIntervalMs: 500, pollSpacingMs: 100 } as const;

async function expectFromEvents(step: ExpectStep, ctx: ObserveContext, look: () => Observation): Promise<ExpectOutcome> {
  const { runtime } = ctx;
  const startedMs = runtime.nowMs();
  if (step.duringMs !== undefined) {
    const broke = await runtime.runUntil(() => !look().ok, startedMs + step.duringMs);
    if (!broke) return { ok: true, detail: `held for ${step.duringMs} ms: ${look().detail}` };
    const brokeAtMs = runtime.heldAtMs();
    return { ok: false, detail: `stopped holding after ${Math.round(brokeAtMs - startedMs)} ms (at ${Math.round(brokeAtMs)} ms): ${look().detail}`, atMs: brokeAtMs };
  }
  if (step.withinMs !== undefined) {
    const held = await runtime.runUntil(() => look().ok, startedMs + step.withinMs);
    const tookMs = Math.round(runtime.heldAtMs() - startedMs);
    return held
      ? { ok: true, detail: `held after ${tookMs} ms: ${look().detail}`, atMs: runtime.heldAtMs() }
      : { ok: false, detail: `not within ${step.withinMs} ms: ${look().detail}` };
  }
  return look();
}

const wallPause = () => new Promise<void>((resolve) => setTimeout(resolve, 1));

/**
 * Lets simulated time pass until the next poll: the history moved on and `pollSpacingMs` passed,
 * or `untilMs`. In `sim` the clock is ours to run; on wall-clock runtimes time passes by itself,
 * and waiting with wall pauses avoids runUntil's grace at its deadline on every poll.
 */
async function untilNextPoll(runtime: Runtime, untilMs: number): Promise<void> {
  const fromMs = runtime.nowMs();
  const seen = runtime.history().length;
  const earliestMs = Math.min(untilMs, fromMs + expectPolling.pollSpacingMs);
  const moved = () => runtime.history().length > seen;
  if (runtime.name === 'sim') {
    await runtime.runUntil(moved, untilMs);
    if (runtime.nowMs() < earliestMs) await runtime.runUntil(() => false, earliestMs);
    return;
  }
  while (runtime.nowMs() < untilMs && !(moved() && runtime.nowMs() >= earliestMs)) await wallPause();
}

interface Polled {
  observation: Observation;
  atMs: number;
  /** `stop` held before the deadline (or at it). */
  stopped: boolean;
}

/** Reads until `stop` holds for a reading or `deadlineMs` has passed; the last read is at the deadline. */
async function pollUntil(runtime: Runtime, look: () => Promise<Observation>, stop: (o: Observation) => boolean, deadlineMs: number): Promise<Polled> {
  for (;;) {
    // A reading is dated when it was asked for: in threads the answer can take a while to come
    // back (a busy worker), and the object was as seen no later than that.
    const atMs = runtime.nowMs();
    const observation = await look();
    if (stop(observation)) return { observation, atMs, stopped: true };
    if (runtime.nowMs() >= deadlineMs) return { observation, atMs, stopped: false };
    await untilNextPoll(runtime, Math.min(deadlineMs, atMs + expectPolling.pollIntervalMs));
  }
}

async function expectPolled(step: ExpectStep, ctx: ObserveContext): Promise<ExpectOutcome> {
  const { runtime } = ctx;
  const look = () => observe(step.selector, step.properties, ctx);
  const startedMs = runtime.nowMs();
  if (step.duringMs !== undefined) {
    const polled = await pollUntil(runtime, look, (o) => !o.ok, startedMs + step.duringMs);
    if (!polled.stopped) return { ok: true, detail: `held for ${step.duringMs} ms: ${polled.observation.detail}` };
    const brokeMs = Math.round(polled.atMs - startedMs);
    return { ok: false, detail: `stopped holding after ${brokeMs} ms (at ${Math.round(polled.atMs)} ms): ${polled.observation.detail}`, atMs: polled.atMs };
  }
  if (step.withinMs !== undefined) {
    const polled = await pollUntil(runtime, look, (o) => o.ok, startedMs + step.withinMs);
    return polled.stopped
      ? { ok: true, detail: `held after ${Math.round(polled.atMs - startedMs)} ms: ${polled.observation.detail}`, atMs: polled.atMs }
      : { ok: false, detail: `not within ${step.withinMs} ms: ${polled.observation.detail}` };
  }
  return look();
}

export function runExpect(step: ExpectStep, ctx: ObserveContext): Promise<ExpectOutcome> {
  const look = () => observeNow(step.selector, step.properties, ctx);
  const now = look();
  if (now === undefined) return expectPolled(step, ctx);
  return expectFromEvents(step, ctx, () => look() ?? now);
}
