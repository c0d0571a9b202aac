// The agent runs one storage-test step on its own initiator (probe-commands.ts): a PR command as it
// is, or a RewriteBlock as a READ and, when the READ is GOOD, a WRITE of the same bytes. The answer
// goes back to the runner that sent the step. Steps are bounded by what the initiator can have in
// flight; a step over the bound is answered at once with QueueFull.
import { assert, validationWireLimits, type ValidationMessageOf, type ValidationStepResult } from '@wsfc-lab/protocol';
import { submitStorageCommand, type StorageCommand, type StorageCompletion, type StorageResult } from '../storage/mod.js';
import { afterRewriteRead, rewriteReadOf, storageCommandOf } from './probe-commands.js';
import { validationRunLimits } from './timing.js';
import { clampText, sendTo } from './transport.js';
import { validationSubsystemName, type Peer, type StepJob, type ValidationHost, type ValidationState } from './state.js';

export function isStepToken(token: string): boolean {
  return /^s\d+$/.test(token);
}

/** A storage answer as a step response carries it (READ data never is: a step's answer is never a READ's). */
export function wireResultOf(result: StorageResult): ValidationStepResult {
  switch (result.type) {
    case 'Data':
      return { type: 'Done' };
    case 'CheckCondition':
      return { ...result, text: clampText(result.text, validationWireLimits.detailCharsMax) };
    case 'Failed':
      return { ...result, detail: clampText(result.detail, validationWireLimits.detailCharsMax) };
    default:
      return result;
  }
}

function reply(state: ValidationState, host: ValidationHost, job: Pick<StepJob, 'requester' | 'runId' | 'stepId'>, result: StorageResult): void {
  sendTo(state, host, job.requester, { type: 'ValidationStepResponse', runId: job.runId, stepId: job.stepId, result: wireResultOf(result) });
}

function submit(host: ValidationHost, job: StepJob, command: StorageCommand): void {
  submitStorageCommand(host.storage, host.io, { disk: { serialNumber: job.serialNumber }, tag: { subsystem: validationSubsystemName, token: job.token }, command });
}

export function startStepJob(state: ValidationState, host: ValidationHost, requester: Peer, request: ValidationMessageOf<'ValidationStepRequest'>): void {
  const ids = { requester, runId: request.runId, stepId: request.stepId };
  if (state.stepJobCount >= validationRunLimits.stepJobsMax) {
    state.counters.jobsRefused++;
    host.io.probe('validation step refused: stepJobsMax reached');
    return reply(state, host, ids, { type: 'Failed', reason: 'QueueFull', detail: `${state.stepJobCount} validation steps are in flight on ${state.self} (stepJobsMax)` });
  }
  const command = request.command;
  const job: StepJob = {
    ...ids,
    token: `s${state.nextJobNumber++}`,
    phase: command.type === 'RewriteBlock' ? 'RewriteRead' : 'Direct',
    lba: command.type === 'RewriteBlock' ? command.lba : 0,
    serialNumber: request.disk.serialNumber,
    startedAtMs: host.io.now(),
  };
  state.stepJobs[job.token] = job;
  state.stepJobCount++;
  submit(host, job, command.type === 'RewriteBlock' ? rewriteReadOf(command.lba) : storageCommandOf(command));
}

/** A step's command answered: the WRITE of a RewriteBlock goes out, or the step is answered. */
export function onStepCompletion(state: ValidationState, host: ValidationHost, completion: StorageCompletion): boolean {
  const job = state.stepJobs[completion.tag.token];
  if (!job) return false;
  if (job.phase === 'RewriteRead') {
    const next = afterRewriteRead(job.lba, completion.result);
    if ('write' in next) {
      job.phase = 'RewriteWrite';
      submit(host, job, next.write);
      return true;
    }
    finish(state, host, job, next.result);
    return true;
  }
  finish(state, host, job, completion.result);
  return true;
}

function finish(state: ValidationState, host: ValidationHost, job: StepJob, result: StorageResult): void {
  assert(state.stepJobs[job.token] === job, `validation step ${job.token} finished twice`);
  delete state.stepJobs[job.token];
  state.stepJobCount--;
  reply(state, host, job, result);
}
