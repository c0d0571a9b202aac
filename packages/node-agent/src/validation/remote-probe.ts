// The runner's second phase: the storage tests (storage-plan.ts, probe-runner.ts). Each stage's
// steps go out at once, each to the agent of the node that issues it (this node's own through the
// loopback), and the stage is recorded when every answer is in. A stage not answered within
// stageTimeoutMs records the missing answers as timed out, and their nodes as silent: later steps
// of a silent node are not sent but time out at once, so a server that dies during the run costs
// one timeout, and the cleanup stages of the others still run.
import { assert, type ValidationMessageOf } from '@wsfc-lab/protocol';
import type { StorageResult } from '../storage/mod.js';
import type { GatheredFacts } from './facts.js';
import { nextStage, recordStage, startProbeRun } from './probe-runner.js';
import { planStorage } from './storage-plan.js';
import { validationTiming } from './timing.js';
import { sendTo } from './transport.js';
import type { Probing, Run, StageInFlight, ValidationHost, ValidationState } from './state.js';

const timedOut = (node: string, why: string): StorageResult => ({ type: 'Failed', reason: 'Timeout', detail: `node ${node} did not answer ${why}` });

/** Plans the storage tests on the disks the servers reported; the keys are salted with a random 32-bit value per run. */
export function startProbing(host: ValidationHost, run: Run, facts: GatheredFacts): Probing {
  const salt = Math.floor(host.io.random() * 0x1_0000_0000);
  const plan = planStorage({ plan: run.plan, facts, salt });
  return { plan, run: startProbeRun(plan.probes), stage: null, stagesIssued: 0, silent: [] };
}

function sendStage(state: ValidationState, host: ValidationHost, run: Run, stage: StageInFlight): void {
  stage.steps.forEach((step, i) => {
    if (stage.results[i] !== undefined) return;
    const target = run.nodes.find((n) => n.name === step.node);
    assert(target?.route, `validation step for ${step.node}, which is not a validated server with a route`);
    const stepId = run.nextStepId++;
    stage.stepIds[i] = stepId;
    const request: ValidationMessageOf<'ValidationStepRequest'> = { type: 'ValidationStepRequest', runId: run.runId, stepId, disk: { name: step.disk.name, serialNumber: step.disk.serialNumber }, command: step.command };
    sendTo(state, host, { node: step.node, route: target.route }, request);
  });
}

/**
 * Issues the next stage that needs an answer from a node; returns false when the probes are done.
 * Stages whose every step is a silent node's are recorded on the spot.
 */
export function issueNextStage(state: ValidationState, host: ValidationHost, run: Run): boolean {
  const probing = run.probing;
  assert(probing !== null && probing.stage === null, 'a stage is issued only while probing, one at a time');
  for (let next = nextStage(probing.run); next !== undefined; next = nextStage(probing.run)) {
    const results = next.steps.map((step) => (probing.silent.includes(step.node) ? timedOut(step.node, 'an earlier step in time') : undefined));
    if (results.every((r) => r !== undefined)) {
      recordStage(probing.run, results);
      continue;
    }
    const number = probing.stagesIssued++;
    const timerId = host.io.setTimer(validationTiming.stageTimeoutMs, { subsystem: 'validation', type: 'StageDeadline', runId: run.runId, stageNumber: number });
    probing.stage = { number, steps: next.steps, stepIds: next.steps.map(() => null), results, timerId };
    sendStage(state, host, run, probing.stage);
    return true;
  }
  return false;
}

/** Records one step's answer; true when the stage is complete (and recorded). */
export function recordStepAnswer(host: ValidationHost, run: Run, response: ValidationMessageOf<'ValidationStepResponse'>): boolean {
  const stage = run.probing?.stage;
  const i = stage?.stepIds.indexOf(response.stepId) ?? -1;
  if (!stage || i < 0 || stage.results[i] !== undefined) return false;
  stage.results[i] = response.result;
  return completeIfAnswered(host, run);
}

function completeIfAnswered(host: ValidationHost, run: Run): boolean {
  const probing = run.probing;
  const stage = probing?.stage;
  if (!probing || !stage || stage.results.some((r) => r === undefined)) return false;
  host.io.cancelTimer(stage.timerId);
  recordStage(probing.run, stage.results as StorageResult[]);
  probing.stage = null;
  return true;
}

/** The stage's deadline: its missing answers time out, and their nodes are silent from now on. */
export function onStageDeadline(host: ValidationHost, run: Run, stageNumber: number): boolean {
  const probing = run.probing;
  const stage = probing?.stage;
  if (!probing || !stage || stage.number !== stageNumber) return false;
  stage.steps.forEach((step, i) => {
    if (stage.results[i] !== undefined) return;
    stage.results[i] = timedOut(step.node, `within ${validationTiming.stageTimeoutMs} ms`);
    if (!probing.silent.includes(step.node)) probing.silent.push(step.node);
  });
  return completeIfAnswered(host, run);
}
