// iSCSI sessions: discovery, login against the target's access list, keepalives, logout, and the
// idle timeout that ends a session whose initiator has gone silent (its worker was killed, its
// NIC is down). A session belongs to the machine that logged in: a PDU naming a session from any
// other machine is rejected, counted and logged, and never touches the session.
import { iscsiLoginStatus, storageLimits } from '@wsfc-lab/protocol';
import type { IscsiLoginStatusName, StorageMessage } from '@wsfc-lab/protocol';
import type { IscsiSessionEndReasonOf } from './_types.js';
import { initiatorAllowed, formatInitiatorId } from './acl.js';
import { refusals } from './errors.js';
import { answer, reject, reportLoginRefusal, reportRefusal, type FrameContext } from './reporting.js';
import { sessionsOfTarget, targetByIqn, type IscsiSession, type IscsiTarget, type StorageIo, type StorageTargetState } from './state.js';

type Message<T extends StorageMessage['type']> = Extract<StorageMessage, { type: T }>;

export function onSendTargets(state: StorageTargetState, io: StorageIo, context: FrameContext, message: Message<'IscsiSendTargets'>): void {
  // iSCSI Target Server only reveals the targets an initiator is allowed to log in to [inferred].
  // A target hidden from an initiator outside its access list is a refusal, and is logged as one.
  const who = { initiatorName: message.initiatorName, node: context.source };
  const enabled = [...state.targets.values()].filter((t) => t.enabled);
  const allowed = enabled.filter((t) => initiatorAllowed(t.initiatorIds, who));
  for (const hidden of enabled.filter((t) => !allowed.includes(t))) {
    const reason = refusals.loginNotInAcl({ initiator: message.initiatorName, node: context.source, target: hidden.iqn, initiatorIds: hidden.initiatorIds.map(formatInitiatorId) });
    const status = iscsiLoginStatus.AuthorizationFailure;
    reportLoginRefusal(state, io, { initiator: message.initiatorName, node: context.source, target: hidden.iqn, statusClass: status.statusClass, statusDetail: status.statusDetail, reason: `hidden from discovery: ${reason}` });
  }
  const targets = allowed.map((t) => ({ targetName: t.iqn, address: state.address }));
  answer(io, context, { type: 'IscsiSendTargetsResponse', requestId: message.requestId, targets });
}

type LoginDecision = { ok: true; target: IscsiTarget } | { ok: false; status: IscsiLoginStatusName; reason: string };

function decideLogin(state: StorageTargetState, context: FrameContext, message: Message<'IscsiLogin'>): LoginDecision {
  const target = targetByIqn(state, message.targetName);
  if (!target) return { ok: false, status: 'NotFound', reason: refusals.loginTargetNotFound(message.targetName) };
  if (!target.enabled) return { ok: false, status: 'NotFound', reason: refusals.loginTargetDisabled(target.iqn) };
  const who = { initiatorName: message.initiatorName, node: context.source, address: message.initiatorAddress };
  if (!initiatorAllowed(target.initiatorIds, who)) {
    const initiatorIds = target.initiatorIds.map(formatInitiatorId);
    return { ok: false, status: 'AuthorizationFailure', reason: refusals.loginNotInAcl({ initiator: message.initiatorName, node: context.source, target: target.iqn, initiatorIds }) };
  }
  return { ok: true, target };
}

export function onLogin(state: StorageTargetState, io: StorageIo, context: FrameContext, message: Message<'IscsiLogin'>): void {
  let decision = decideLogin(state, context, message);
  if (decision.ok) {
    // Session reinstatement (RFC 7143 §6.3.5): a new login of the same initiator to the same
    // target replaces the old session, which is what a rebooted node does.
    const target = decision.target;
    const old = [...state.sessions.values()].find((s) => s.target === target.name && s.initiatorName.toLowerCase() === message.initiatorName.toLowerCase());
    if (old) {
      io.probe('iscsi session reinstated by a new login');
      endSession(state, io, old, 'Reinstated');
    }
    if (state.sessions.size >= storageLimits.sessionsMax) decision = { ok: false, status: 'OutOfResources', reason: refusals.loginSessionsFull(storageLimits.sessionsMax) };
  }
  if (!decision.ok) {
    const status = iscsiLoginStatus[decision.status];
    reportLoginRefusal(state, io, {
      initiator: message.initiatorName,
      node: context.source,
      target: message.targetName,
      statusClass: status.statusClass,
      statusDetail: status.statusDetail,
      reason: `${status.text}: ${decision.reason}`,
    });
    answer(io, context, { type: 'IscsiLoginResponse', requestId: message.requestId, targetName: message.targetName, statusClass: status.statusClass, statusDetail: status.statusDetail });
    return;
  }
  const session = openSession(state, io, context, { message, target: decision.target });
  const success = iscsiLoginStatus.Success;
  answer(io, context, {
    type: 'IscsiLoginResponse',
    requestId: message.requestId,
    targetName: decision.target.iqn,
    statusClass: success.statusClass,
    statusDetail: success.statusDetail,
    sessionId: session.sessionId,
  });
}

function openSession(state: StorageTargetState, io: StorageIo, context: FrameContext, o: { message: Message<'IscsiLogin'>; target: IscsiTarget }): IscsiSession {
  const now = io.now();
  const session: IscsiSession = {
    sessionId: allocateSessionId(state),
    node: context.source,
    network: context.network,
    initiatorName: o.message.initiatorName,
    initiatorAddress: o.message.initiatorAddress,
    target: o.target.name,
    targetIqn: o.target.iqn,
    establishedAtMs: now,
    lastHeardMs: now,
    timerId: null,
  };
  if (o.target.enforceIdleTimeoutDetection) {
    session.timerId = io.setTimer(state.sessionIdleTimeoutMs, { type: 'SessionIdleCheck', sessionId: session.sessionId });
  }
  state.sessions.set(session.sessionId, session);
  o.target.lastLoginMs = now;
  io.emit({ type: 'IscsiSessionEstablished', sessionId: session.sessionId, initiator: session.initiatorName, node: session.node, target: session.targetIqn });
  return session;
}

/** The next free TSIH (1..65535); there is always one, as sessionsMax is far below 65535. */
function allocateSessionId(state: StorageTargetState): number {
  let candidate = state.nextSessionId;
  while (state.sessions.has(candidate)) candidate = (candidate % 0xffff) + 1;
  state.nextSessionId = (candidate % 0xffff) + 1;
  return candidate;
}

export function endSession(state: StorageTargetState, io: StorageIo, session: IscsiSession, reason: IscsiSessionEndReasonOf): void {
  state.sessions.delete(session.sessionId);
  if (session.timerId !== null) io.cancelTimer(session.timerId);
  io.emit({
    type: 'IscsiSessionEnded',
    sessionId: session.sessionId,
    initiator: session.initiatorName,
    node: session.node,
    target: session.targetIqn,
    reason,
    idleMs: io.now() - session.lastHeardMs,
  });
}

/**
 * The session a PDU names, when it exists and belongs to the sender; it counts as heard from.
 * Otherwise the PDU is rejected (Protocol Error), counted and logged, and undefined is returned.
 */
export function sessionForPdu(
  state: StorageTargetState,
  io: StorageIo,
  context: FrameContext,
  message: { type: string; requestId: string; sessionId: number },
): IscsiSession | undefined {
  const session = state.sessions.get(message.sessionId);
  const refuse = (reason: 'NoSession' | 'ForgedSource', detail: string) => {
    reportRefusal(state, io, { node: context.source, sessionId: message.sessionId, messageType: message.type, reason, detail });
    reject(io, context, { requestId: message.requestId, reason: 'ProtocolError', detail });
    return undefined;
  };
  if (!session) return refuse('NoSession', refusals.noSession(message.sessionId, context.source));
  if (session.node !== context.source) return refuse('ForgedSource', refusals.forgedSource({ sessionId: session.sessionId, node: context.source, owner: session.node }));
  session.lastHeardMs = io.now();
  return session;
}

export function onNopOut(state: StorageTargetState, io: StorageIo, context: FrameContext, message: Message<'IscsiNopOut'>): void {
  const session = sessionForPdu(state, io, context, message);
  if (!session) return;
  answer(io, context, { type: 'IscsiNopIn', requestId: message.requestId, sessionId: session.sessionId });
}

export function onLogout(state: StorageTargetState, io: StorageIo, context: FrameContext, message: Message<'IscsiLogout'>): void {
  const session = sessionForPdu(state, io, context, message);
  if (!session) return;
  endSession(state, io, session, 'Logout');
  answer(io, context, { type: 'IscsiLogoutResponse', requestId: message.requestId, sessionId: session.sessionId, response: 0 });
}

/** The idle check: drop the session if it has been silent for the whole timeout, else look again later. */
export function onSessionIdleCheck(state: StorageTargetState, io: StorageIo, o: { timerId: number; sessionId: number }): void {
  const session = state.sessions.get(o.sessionId);
  if (!session || session.timerId !== o.timerId) return;
  const idleMs = io.now() - session.lastHeardMs;
  if (idleMs >= state.sessionIdleTimeoutMs) {
    session.timerId = null;
    state.counters.sessionsTimedOut++;
    io.probe('iscsi session dropped after the idle timeout');
    endSession(state, io, session, 'Timeout');
    return;
  }
  // At least 1 ms: with fractional clocks the remainder can round to ~1e-11 ms and spin in place.
  session.timerId = io.setTimer(Math.max(1, state.sessionIdleTimeoutMs - idleMs), { type: 'SessionIdleCheck', sessionId: session.sessionId });
}

export function isTargetConnected(state: StorageTargetState, target: IscsiTarget): boolean {
  return sessionsOfTarget(state, target.name).length > 0;
}
