// Answers from the target, matched to the request they answer by requestId, and only when they
// come from the machine the request went to. An answer nobody waits for (late, after its request
// timed out or its session was lost) is counted and dropped. A request whose timer fires first
// fails here too, each purpose in its own way.
import { ownValue, type NodeMessage } from '@wsfc-lab/protocol';
import { failed, queueCompletion, resultOf } from './completion.js';
import { onSendTargetsFailed, onSendTargetsResponse } from './discovery.js';
import { takePending } from './pending.js';
import { onLoginResponse, onLoginTimeout, onLogoutDone, onReportLunsResponse, sessionLost } from './session.js';
import { sessionOf, type PendingRequest, type StorageIo, type StorageState } from './state.js';
import type { FrameIn } from '../subsystem.js';

type TargetAnswer = Extract<NodeMessage, { type: 'IscsiLoginResponse' | 'IscsiLogoutResponse' | 'IscsiNopIn' | 'IscsiReject' | 'ScsiResponse' | 'IscsiSendTargetsResponse' }>;

const answerTypes = new Set<string>(['IscsiLoginResponse', 'IscsiLogoutResponse', 'IscsiNopIn', 'IscsiReject', 'ScsiResponse', 'IscsiSendTargetsResponse']);

export function isTargetAnswer(message: NodeMessage): message is TargetAnswer {
  return answerTypes.has(message.type);
}

function expectedSource(state: StorageState, pending: PendingRequest): string | undefined {
  if (pending.purpose.type === 'SendTargets') return pending.purpose.portal.machine;
  return pending.targetIqn === null ? undefined : sessionOf(state, pending.targetIqn)?.portal.machine;
}

function unmatched(state: StorageState, io: StorageIo): void {
  state.counters.answersUnmatched++;
  io.probe('iscsi answer matched no request in flight');
}

/** Handles an answer from a target (the caller checked `isTargetAnswer`). */
export function onTargetAnswer(state: StorageState, io: StorageIo, frame: FrameIn & { message: TargetAnswer }): void {
  const message = frame.message;
  const waiting = ownValue(state.pending, message.requestId);
  if (!waiting || expectedSource(state, waiting) !== frame.source) return unmatched(state, io);
  const pending = takePending(state, io, message.requestId)!;
  if (message.type === 'IscsiReject') return failRequest(state, io, pending, { reason: 'Rejected', detail: `the target rejected the PDU (${message.reason}): ${message.detail}` });
  const session = pending.targetIqn === null ? undefined : sessionOf(state, pending.targetIqn);
  const purpose = pending.purpose;
  if (purpose.type === 'SendTargets' && message.type === 'IscsiSendTargetsResponse') return onSendTargetsResponse(state, io, { ...purpose, route: purpose.portal, targets: message.targets });
  if (!session) return unmatched(state, io);
  if (purpose.type === 'Login' && message.type === 'IscsiLoginResponse') {
    return onLoginResponse(state, io, session, { statusClass: message.statusClass, statusDetail: message.statusDetail, sessionId: message.sessionId, makePersistent: purpose.makePersistent });
  }
  if (purpose.type === 'Logout' && message.type === 'IscsiLogoutResponse') return onLogoutDone(state, io, session);
  if (purpose.type === 'NopOut' && message.type === 'IscsiNopIn') return;
  const sameSession = message.type === 'ScsiResponse' && message.sessionId === pending.sessionId;
  if (purpose.type === 'ReportLuns' && sameSession) return onReportLunsResponse(state, io, session, message);
  if (purpose.type === 'Command' && sameSession) return queueCompletion(state, io, { pending, purpose, result: resultOf(purpose, message) });
  failRequest(state, io, pending, { reason: 'Rejected', detail: `a ${message.type} answered a ${purpose.type} request` });
}

/** A request's timer fired before its answer came. */
export function onRequestTimeout(state: StorageState, io: StorageIo, requestId: string): void {
  const pending = takePending(state, io, requestId);
  if (!pending) return;
  state.counters.requestsTimedOut++;
  io.probe(`iscsi ${pending.purpose.type} request timed out`);
  const timeoutMs = pending.purpose.type === 'Login' || pending.purpose.type === 'Logout' || pending.purpose.type === 'SendTargets' ? state.timing.loginTimeoutMs : pending.purpose.type === 'NopOut' ? state.timing.nopInTimeoutMs : state.timing.scsiRequestTimeoutMs;
  failRequest(state, io, pending, { reason: 'Timeout', detail: `no answer within ${timeoutMs} ms` });
}

/** A request ended without its answer: what that means depends on what it was for. */
function failRequest(state: StorageState, io: StorageIo, pending: PendingRequest, o: { reason: 'Timeout' | 'Rejected'; detail: string }): void {
  const purpose = pending.purpose;
  if (purpose.type === 'SendTargets') return onSendTargetsFailed(io, purpose.cmdletRequestId);
  const session = pending.targetIqn === null ? undefined : sessionOf(state, pending.targetIqn);
  if (purpose.type === 'Command') queueCompletion(state, io, { pending, purpose, result: failed(o.reason, o.detail) });
  if (!session) return;
  switch (purpose.type) {
    case 'Login':
      return onLoginTimeout(state, io, session);
    case 'Logout':
      return onLogoutDone(state, io, session);
    case 'NopOut':
    case 'ReportLuns':
      return sessionLost(state, io, session, o.detail);
    case 'Command':
      // A timed-out command fails alone; a rejected one means the target has no such session.
      if (o.reason === 'Rejected' && session.phase === 'LoggedIn') sessionLost(state, io, session, o.detail);
      return;
  }
}
