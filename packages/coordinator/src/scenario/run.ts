// Runs a scenario's steps in order on a runtime and builds the report. A step that fails ends the
// run; a broken actor invariant in `sim` ends it with the seed and the replay command. Then the
// checkers read the whole history (checkers/mod.ts), and what they find is a violation too.
import { limits } from '@wsfc-lab/protocol';
import { csvDisksOf, runCheckers } from '../checkers/mod.js';
import type { ScenarioSpec, Step } from '../config/mod.js';
import type { BuiltLab } from '../lab/build-lab.js';
import type { ClusterView } from '../observe/cluster-view.js';
import type { Runtime } from '../runtime/runtime.js';
import { SimAssertionError } from '../runtime/sim/sim-runtime.js';
import { applyFault } from './faults.js';
import type { ReadContext } from './cluster-reads.js';
import { runExpect, type ExpectOutcome } from './expect.js';
import { emptyState, readFinalState } from './final-state.js';
import { migrationRecords } from './migration-counts.js';
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

/** A background step's outcome also carries the step's line. */
type Outcome = ExpectOutcome & { line?: number };

/** What observe and the final state read through: the lab, and the cluster's name for disk keys. */
const readContext = (ctx: ScenarioContext): ReadContext => ({
  runtime: ctx.runtime,
  view: ctx.view,
  lab: ctx.lab,
  ...(ctx.scenario.lab.cluster ? { clusterName: ctx.scenario.lab.cluster.name } : {}),
});

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
      return runExpect(step, readContext(ctx));
    case 'run': {
      const outcome = runRunStep(step, ctx);
      if (!step.background) return outcome;
      background.push(outcome.then((o) => ({ ...o, line: step.at.line })));
      return { ok: true, detail: `started in the background: ${step.text}` };
    }
  }
}

const afterContinuations = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Background cmdlets end when they end: runs the clock until every one has settled. A pipeline's
 * next stage is sent only once the stage before has answered and its continuation has run, so
 * this settles in rounds, letting continuations run between them.
 */
async function settleBackground(ctx: ScenarioContext, background: Promise<Outcome>[]): Promise<Outcome[]> {
  const results: (Outcome | undefined)[] = background.map(() => undefined);
  background.forEach((promise, i) => void promise.then((outcome) => (results[i] = outcome)));
  const deadlineMs = ctx.runtime.nowMs() + limits.commandReplyTimeoutMs;
  for (;;) {
    await afterContinuations();
    if (results.every((r) => r !== undefined) || ctx.runtime.pendingCommands() === 0 || ctx.runtime.nowMs() >= deadlineMs) break;
    await ctx.runtime.runUntil(() => ctx.runtime.pendingCommands() === 0, deadlineMs);
  }
  // In `sim` nothing moves once the clock stops: what has not settled by now never will.
  if (ctx.runtime.name !== 'sim') return Promise.all(background);
  return results.map((r) => r ?? { ok: false, detail: `a background cmdlet was still running ${limits.commandReplyTimeoutMs} ms after the last step` });
}

/** The report's `state`; not read after a broken actor invariant in `sim` (the run is over). */
async function finalState(ctx: ScenarioContext, violations: Violation[]): Promise<ScenarioReport['state']> {
  if (violations.length > 0 && ctx.runtime.name === 'sim') return emptyState();
  try {
    return await readFinalState(readContext(ctx));
  } catch (error) {
    if (!(error instanceof SimAssertionError)) throw error;
    violations.push({ rule: 'actor-invariant', detail: error.message, atMs: Math.round(error.atMs) });
    return emptyState();
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
    for (const outcome of await settleBackground(ctx, background)) {
      if (!outcome.ok) {
        const report: StepReport = { index: steps.length, kind: 'background', ok: false, atMs: Math.round(ctx.runtime.nowMs()), detail: outcome.detail, ...(outcome.line === undefined ? {} : { line: outcome.line }) };
        steps.push(report);
        ctx.onStep?.(report);
      }
    }
  } catch (error) {
    if (!(error instanceof SimAssertionError)) throw error;
    violations.push({ rule: 'actor-invariant', detail: error.message, atMs: Math.round(error.atMs) });
  }
  const state = await finalState(ctx, violations);
  // The history's checkers, once nothing more will happen (the final reads run the clock too).
  const history = ctx.runtime.history();
  violations.push(...runCheckers(history, { csvDisks: csvDisksOf(ctx.scenario) }));
  state.migrations = migrationRecords(history);
  const ok = steps.every((s) => s.ok) && violations.length === 0;
  if (!ok) replay = `pnpm lab run ${ctx.file} --runtime sim --seed ${ctx.runtime.seed}`;
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
    state,
    ...(replay ? { replay } : {}),
  };
}
