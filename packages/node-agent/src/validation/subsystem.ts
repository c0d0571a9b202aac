// The validation subsystem's entry points for node.ts (Test-Cluster, facts §15): its cmdlet, its
// frames, its timers, the storage completions tagged `{ subsystem: 'validation' }`, its invariants,
// and the last report for New-Cluster's gate. The runner's reactions live here; the agent's in
// agent-facts.ts and agent-steps.ts, the phases in gather.ts and remote-probe.ts, the end in
// finish.ts.
import { assert, assertNever, type DurableStore, type NodeMessage, type ValidationMessage, type ValidationMessageOf } from '@wsfc-lab/protocol';
import type { NodeConfig } from '../config.js';
import type { StorageCompletion } from '../storage/mod.js';
import type { CmdletCall, FrameIn } from '../subsystem.js';
import { isFactsToken, onFactsJobDeadline, onKeysCompletion, onPingReply, startFactsJob } from './agent-facts.js';
import { isStepToken, onStepCompletion, startStepJob } from './agent-steps.js';
import { abortRun, finishRun, loadLastValidation } from './finish.js';
import { firstSilentNode, gatheredFacts, recordFacts } from './gather.js';
import type { NewClusterValidation } from './new-cluster-gate.js';
import { issueNextStage, onStageDeadline, recordStepAnswer, startProbing } from './remote-probe.js';
import { testClusterCmdlet } from './test-cluster-cmdlet.js';
import { validationRunLimits } from './timing.js';
import { kick } from './transport.js';
import { initialValidationState, validationSubsystemName, type Peer, type Run, type ValidationHost, type ValidationState, type ValidationTimer } from './state.js';

export type { ValidationHost, ValidationState, ValidationTimer } from './state.js';

/** A fresh state; the last report (New-Cluster's gate input) comes back from the store. */
export function initValidation(config: NodeConfig, store: DurableStore): ValidationState {
  return initialValidationState(config, loadLastValidation(store));
}

/** The report of the last Test-Cluster this node ran, for New-Cluster (checkNewClusterValidation). */
export function lastValidationOf(state: ValidationState): NewClusterValidation | undefined {
  return state.last;
}

export function isValidationMessage(message: NodeMessage): message is ValidationMessage {
  return message.type.startsWith('Validation');
}

/** Probes when a run has no stage left to issue. */
function probeOrFinish(state: ValidationState, host: ValidationHost, run: Run): void {
  if (!issueNextStage(state, host, run)) finishRun(state, host, run);
}

function onFactsResponse(state: ValidationState, host: ValidationHost, from: Peer, response: ValidationMessageOf<'ValidationFactsResponse'>): void {
  const run = state.run;
  if (!run || run.runId !== response.runId || run.phase !== 'Gathering') return void state.counters.messagesUnmatched++;
  if (!recordFacts(run, { node: from.node, route: from.route, response })) return;
  if (run.factsTimerId !== null) host.io.cancelTimer(run.factsTimerId);
  run.factsTimerId = null;
  if (!run.plan.selected.some((t) => t.category === 'Storage')) return finishRun(state, host, run);
  run.phase = 'Probing';
  run.probing = startProbing(host, run, gatheredFacts(run));
  probeOrFinish(state, host, run);
}

function onStepResponse(state: ValidationState, host: ValidationHost, response: ValidationMessageOf<'ValidationStepResponse'>): void {
  const run = state.run;
  if (!run || run.runId !== response.runId || run.phase !== 'Probing') return void state.counters.messagesUnmatched++;
  if (recordStepAnswer(host, run, response)) probeOrFinish(state, host, run);
}

function dispatch(state: ValidationState, host: ValidationHost, from: Peer, message: ValidationMessage): void {
  switch (message.type) {
    case 'ValidationFactsRequest':
      return startFactsJob(state, host, from, message);
    case 'ValidationFactsResponse':
      return onFactsResponse(state, host, from, message);
    case 'ValidationPing':
      // The echo of Validate Network Communication goes back on the network the ping came in on.
      if (from.route.type === 'Network') host.io.send(from.node, from.route.network, { ...message, type: 'ValidationPingReply' });
      return;
    case 'ValidationPingReply':
      return onPingReply(state, host, message);
    case 'ValidationStepRequest':
      return startStepJob(state, host, from, message);
    case 'ValidationStepResponse':
      return onStepResponse(state, host, message);
    default:
      assertNever(message, 'validation message');
  }
}

export function onValidationMessage(state: ValidationState, frame: FrameIn, host: ValidationHost): boolean {
  if (!isValidationMessage(frame.message)) return false;
  dispatch(state, host, { node: frame.source, route: { type: 'Network', network: frame.network } }, frame.message);
  return true;
}

/** Storage completions for this subsystem are queued and handled in a step of their own (Advance). */
export function onValidationCompletions(state: ValidationState, completions: readonly StorageCompletion[], host: ValidationHost): void {
  let queued = 0;
  for (const completion of completions) {
    if (completion.tag.subsystem !== validationSubsystemName) continue;
    if (state.completions.length >= validationRunLimits.completionsQueuedMax) {
      state.counters.completionsDropped++;
      host.io.probe('validation completion dropped: completionsQueuedMax reached');
      continue;
    }
    state.completions.push(completion);
    queued++;
  }
  if (queued > 0) kick(state, host.io);
}

function onCompletion(state: ValidationState, host: ValidationHost, completion: StorageCompletion): void {
  const token = completion.tag.token;
  const matched = (isFactsToken(token) && onKeysCompletion(state, host, completion)) || (isStepToken(token) && onStepCompletion(state, host, completion));
  if (!matched) state.counters.completionsUnmatched++;
}

/** Handles queued completions, then messages this node sent itself, up to handledPerStepMax. */
function advance(state: ValidationState, host: ValidationHost): void {
  state.advanceTimerId = null;
  for (let handled = 0; handled < validationRunLimits.handledPerStepMax; handled++) {
    const completion = state.completions.shift();
    if (completion) {
      onCompletion(state, host, completion);
      continue;
    }
    const message = state.loopback.shift();
    if (!message) return;
    dispatch(state, host, { node: state.self, route: { type: 'Self' } }, message);
  }
  if (state.completions.length > 0 || state.loopback.length > 0) kick(state, host.io);
}

export function onValidationTimer(state: ValidationState, timer: ValidationTimer, host: ValidationHost): void {
  const run = state.run;
  switch (timer.type) {
    case 'Advance':
      return advance(state, host);
    case 'FactsJobDeadline':
      return onFactsJobDeadline(state, host, timer.jobId);
    case 'FactsDeadline': {
      const silent = run?.runId === timer.runId && run.phase === 'Gathering' ? firstSilentNode(run) : undefined;
      if (run && silent) abortRun(state, host, run, { node: silent.name, detail: 'The RPC server is unavailable. (Exception from HRESULT: 0x800706BA)' });
      return;
    }
    case 'StageDeadline':
      if (run?.runId === timer.runId && onStageDeadline(host, run, timer.stageNumber)) probeOrFinish(state, host, run);
      return;
    default:
      assertNever(timer, 'validation timer');
  }
}

export const validationCmdlets: Readonly<Record<string, (state: ValidationState, call: CmdletCall, host: ValidationHost) => void>> = {
  'Test-Cluster': testClusterCmdlet,
};

export function checkValidationInvariants(state: ValidationState): void {
  const run = state.run;
  if (run) {
    assert(run.nodes.length === run.plan.nodes.length, `validation run ${run.runId} tracks ${run.nodes.length} servers for ${run.plan.nodes.length} planned`);
    assert(run.phase === 'Gathering' || (run.probing !== null && run.nodes.every((n) => n.facts !== null)), `validation run ${run.runId} probes before every server answered`);
    const stage = run.probing?.stage;
    if (stage) assert(stage.results.length === stage.steps.length && stage.stepIds.length === stage.steps.length, `validation stage ${stage.number} has ${stage.steps.length} steps and ${stage.results.length} answers`);
  }
  assert(state.stepJobCount === Object.keys(state.stepJobs).length, `validation counts ${state.stepJobCount} step jobs but holds ${Object.keys(state.stepJobs).length}`);
  assert(state.stepJobCount <= validationRunLimits.stepJobsMax, `validation holds ${state.stepJobCount} step jobs, over stepJobsMax`);
  assert(state.factsServed.length <= validationRunLimits.factsJobsMax, `validation remembers ${state.factsServed.length} answered facts requests, over factsJobsMax`);
  assert(state.factsJobs.length <= validationRunLimits.factsJobsMax, `validation holds ${state.factsJobs.length} facts jobs, over factsJobsMax`);
  assert(state.loopback.length <= validationRunLimits.loopbackQueueMax, `validation loopback holds ${state.loopback.length} messages, over loopbackQueueMax`);
}
