// Runs a scenario's steps in order on a runtime and builds the report. A step that fails ends the
// run; a broken actor invariant in `sim` ends it with the seed and the replay command.
import { limits } from '@wsfc-lab/protocol';
import type { ScenarioSpec, Step } from '../config/mod.js';
import type { BuiltLab } from '../lab/build-lab.js';
import type { ClusterView } from '../observe/cluster-view.js';
import type { Runtime } from '../runtime/runtime.js';
import { SimAssertionError } from '../runtime/sim/sim-runtime.js';
import { applyFault } from './faults.js';
import { observe } from './observe.js';
import { systemEvents, type ScenarioReport, type StepReport, type Violation } from './report.js';
import { runParsedCmdlet } from './run-cmdlet.js';

export interface ScenarioContext {
  scenario: ScenarioSpec;
  /** The scenario file, for the replay command. */
  file: string;
  lab: BuiltLab;
  runtime: Runtime;
  view: ClusterView;
  onStep?: (report: StepReport) => void;
}

/** `atMs`: when the step's outcome happened, if not now (threads: an event's own time). */
type Outcome = { ok: boolean; detail: string; atMs?: number };

async function runExpect(step: Extract<Step, { kind: 'expect' }>, ctx: ScenarioContext): Promise<Outcome> {
  const { runtime } = ctx;
  const look = () => observe(step.selector, step.properties, ctx);
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

async function runRunStep(step: Extract<Step, { kind: 'run' }>, ctx: ScenarioContext): Promise<Outcome> {
  const outcome = await runParsedCmdlet(step.command, ctx, { background: step.background });
  if (step.expectError !== undefined) {
    if (outcome.ok) return { ok: false, detail: `${step.text}: succeeded, but an error containing "${step.expectError}" was expected` };
    const held = outcome.message.toLowerCase().includes(step.expectError.toLowerCase());
    return { ok: held, detail: held ? `failed as expected: ${outcome.message}` : `failed with "${outcome.message}", not containing "${step.expectError}"` };
  }
  if (!outcome.ok) return { ok: false, detail: `${step.text}: ${outcome.message}` };
  return { ok: true, detail: `${step.text} on ${outcome.machine}: ${JSON.stringify(outcome.output)?.slice(0, 400) ?? ''}` };
}

async function runStep(step: Step, ctx: ScenarioContext, background: Promise<Outcome>[]): Promise<Outcome> {
  switch (step.kind) {
    case 'wait':
      await ctx.runtime.runUntil(() => false, ctx.runtime.nowMs() + step.ms);
      return { ok: true, detail: `waited ${step.ms} ms` };
    case 'fault':
      return { ok: true, detail: await applyFault(step.fault, ctx.runtime, ctx.lab) };
    case 'expect':
      return runExpect(step, ctx);
    case 'run': {
      const outcome = runRunStep(step, ctx);
      if (!step.background) return outcome;
      background.push(outcome);
      return { ok: true, detail: `started in the background: ${step.text}` };
    }
  }
}

export async function runScenario(ctx: ScenarioContext): Promise<ScenarioReport> {
  const wallStartMs = performance.now();
  const steps: StepReport[] = [];
  const violations: Violation[] = [];
  const background: Promise<Outcome>[] = [];
  let replay: string | undefined;
  try {
    for (const [index, step] of ctx.scenario.steps.entries()) {
      const outcome = await runStep(step, ctx, background);
      const report: StepReport = { index, kind: step.kind, ok: outcome.ok, atMs: Math.round(outcome.atMs ?? ctx.runtime.nowMs()), detail: outcome.detail, line: step.at.line };
      steps.push(report);
      ctx.onStep?.(report);
      if (!outcome.ok) break;
    }
    // Background cmdlets end when they end: let simulated time run until every one has settled.
    await ctx.runtime.runUntil(() => ctx.runtime.pendingCommands() === 0, ctx.runtime.nowMs() + limits.commandReplyTimeoutMs);
    for (const outcome of await Promise.all(background)) {
      if (!outcome.ok) steps.push({ index: steps.length, kind: 'background', ok: false, atMs: Math.round(ctx.runtime.nowMs()), detail: outcome.detail });
    }
  } catch (error) {
    if (!(error instanceof SimAssertionError)) throw error;
    violations.push({ rule: 'actor-invariant', detail: error.message, atMs: Math.round(error.atMs) });
  }
  const ok = steps.every((s) => s.ok) && violations.length === 0;
  if (!ok) replay = `pnpm lab run ${ctx.file} --runtime sim --seed ${ctx.runtime.seed}`;
  const spokesman = ctx.view.spokesman(ctx.runtime);
  return {
    scenario: ctx.scenario.name,
    ok,
    runtime: ctx.runtime.name,
    seed: ctx.runtime.seed,
    simulatedMs: Math.round(ctx.runtime.nowMs()),
    wallMs: Math.round(performance.now() - wallStartMs),
    steps,
    violations,
    events: systemEvents(ctx.runtime.history()),
    state: {
      nodes: ctx.lab.nodes.map((Name) => ({ Name, State: ctx.view.nodeState(Name, ctx.runtime) ?? 'Unknown' })),
      groups: [],
      resources: [],
      vms: [],
      disks: [],
      cluster: { Name: ctx.scenario.lab.cluster?.name ?? null, AnsweredBy: spokesman ?? null },
    },
    ...(replay ? { replay } : {}),
  };
}
