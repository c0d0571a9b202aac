// iSCSI sessions, one per target, as the Microsoft initiator runs them: login (RFC 7143 Login
// with the initiator's IQN and portal address), a REPORT LUNS scan that makes the LUNs disks,
// NOP-Out keepalives, logout, and recovery. A session is lost when a NOP-Out goes unanswered or
// the target rejects a PDU for a session it no longer knows (it restarted); every request still
// in flight on it then fails at once with SessionLost, its disks leave, and the initiator logs in
// again every DelayBetweenReconnect until it succeeds (MaxConnectionRetries is infinite). A
// refused login (status class 2, e.g. Authorization Failure) is not retried.
import { failed, queueCompletion } from './completion.js';
import type { PortalRoute } from './config.js';
import { arriveLuns, departTarget } from './disks.js';
import { iscsiError, iscsiStatusOfLogin, type IscsiStatusName } from './errors.js';
import { sessionView } from './iscsi-views.js';
import { refreshLayout } from './layout-refresh.js';
import { storageLimits } from './limits.js';
import { addPending, hasPendingOfType, pendingOfTarget, takePending } from './pending.js';
import { saveDiscovery } from './persistence.js';
import type { StorageIo, StorageState, TargetSession } from './state.js';
import type { ScsiResponseMessage } from '@wsfc-lab/protocol';

export interface OpenSession {
  targetIqn: string;
  portal: PortalRoute;
  isPersistent: boolean;
  /** A Connect-IscsiTarget waiting; null for a favourite's login at start. */
  connectCmdlet: string | null;
  makePersistent: boolean;
  /** Log in after this delay (a favourite at start) instead of at once. */
  delayMs?: number;
}

export function openSession(state: StorageState, io: StorageIo, o: OpenSession): TargetSession | undefined {
  if (state.sessions.length >= storageLimits.sessionsMax) return undefined;
  const session: TargetSession = {
    targetIqn: o.targetIqn,
    portal: o.portal,
    isPersistent: o.isPersistent,
    phase: 'WaitingToReconnect',
    sessionId: null,
    sessionIdentifier: null,
    initiatorSideIdentifier: `4000013700${(state.nextSessionNumber++ % 256).toString(16).padStart(2, '0')}`,
    loggedInAtMs: null,
    everLoggedIn: false,
    loginAttempts: 0,
    luns: [],
    nopTimerId: null,
    reconnectTimerId: null,
    connectCmdlet: o.connectCmdlet,
    disconnectCmdlet: null,
  };
  state.sessions.push(session);
  if (o.delayMs !== undefined) session.reconnectTimerId = io.setTimer(o.delayMs, { subsystem: 'storage', type: 'Reconnect', targetIqn: o.targetIqn });
  else startLogin(state, io, session, o.makePersistent);
  return session;
}

function startLogin(state: StorageState, io: StorageIo, session: TargetSession, makePersistent: boolean): void {
  session.phase = 'LoggingIn';
  session.loginAttempts++;
  const requestId = addPending(state, io, { targetIqn: session.targetIqn, sessionId: null, purpose: { type: 'Login', makePersistent }, timeoutMs: state.timing.loginTimeoutMs });
  if (requestId === undefined) return loginFailed(state, io, session, { status: 'OutOfResources', retry: true });
  const initiatorAddress = state.addresses[session.portal.network];
  io.send(session.portal.machine, session.portal.network, {
    type: 'IscsiLogin',
    requestId,
    initiatorName: state.initiatorName,
    targetName: session.targetIqn,
    ...(initiatorAddress !== undefined ? { initiatorAddress } : {}),
  });
}

export function onLoginResponse(state: StorageState, io: StorageIo, session: TargetSession, o: { statusClass: number; statusDetail: number; sessionId: number | undefined; makePersistent: boolean }): void {
  if (o.statusClass === 0 && o.sessionId !== undefined) return loggedIn(state, io, session, { sessionId: o.sessionId, makePersistent: o.makePersistent });
  state.counters.loginsRefused++;
  io.emit({ type: 'IscsiLoginFailed', node: io.self, target: session.targetIqn, status: iscsiStatusOfLogin(o.statusClass, o.statusDetail) });
  // Class 3 (target error, e.g. Out Of Resources) may pass; class 2 (initiator error) will not.
  loginFailed(state, io, session, { status: iscsiStatusOfLogin(o.statusClass, o.statusDetail), retry: o.statusClass === 3 });
}

export function onLoginTimeout(state: StorageState, io: StorageIo, session: TargetSession): void {
  state.counters.loginsTimedOut++;
  loginFailed(state, io, session, { status: 'ConnectionFailed', retry: true });
}

function randomHex(io: StorageIo, digits: number): string {
  let hex = '';
  for (let i = 0; i < digits; i++) hex += Math.floor(io.random() * 16).toString(16);
  return hex;
}

function loggedIn(state: StorageState, io: StorageIo, session: TargetSession, o: { sessionId: number; makePersistent: boolean }): void {
  state.counters.loginsSucceeded++;
  if (session.everLoggedIn) io.emit({ type: 'IscsiReconnected', node: io.self, target: session.targetIqn });
  session.phase = 'LoggedIn';
  session.sessionId = o.sessionId;
  session.sessionIdentifier = `ffffe000${randomHex(io, 8)}-${session.initiatorSideIdentifier}${o.sessionId.toString(16).padStart(4, '0')}`;
  session.loggedInAtMs = io.now();
  session.everLoggedIn = true;
  session.loginAttempts = 0;
  if (o.makePersistent && !session.isPersistent) makeFavourite(state, io, session);
  session.nopTimerId = io.setTimer(state.timing.nopOutIntervalMs, { subsystem: 'storage', type: 'NopOut', targetIqn: session.targetIqn });
  const requestId = addPending(state, io, { targetIqn: session.targetIqn, sessionId: o.sessionId, purpose: { type: 'ReportLuns' }, timeoutMs: state.timing.scsiRequestTimeoutMs });
  if (requestId === undefined) return sessionLost(state, io, session, 'no room in the pending table for REPORT LUNS');
  io.send(session.portal.machine, session.portal.network, { type: 'ScsiReportLuns', requestId, sessionId: o.sessionId });
}

function makeFavourite(state: StorageState, io: StorageIo, session: TargetSession): void {
  session.isPersistent = true;
  if (state.persistentTargets.length >= storageLimits.persistentTargetsMax) return io.probe('favourite target not kept: persistentTargetsMax reached');
  state.persistentTargets.push({ nodeAddress: session.targetIqn, portalAddress: session.portal.address });
  saveDiscovery(io.store, { targetPortals: state.targetPortals.map((p) => p.address), persistentTargets: state.persistentTargets });
}

/** REPORT LUNS answered: the LUNs are the session's disks; each has its layout read. */
export function onReportLunsResponse(state: StorageState, io: StorageIo, session: TargetSession, response: ScsiResponseMessage): void {
  if (response.status === 'Good') {
    session.luns = response.luns ?? [];
    for (const disk of arriveLuns(state, io, session)) refreshLayout(state, io, disk, null);
  } else {
    io.probe('REPORT LUNS failed');
  }
  if (session.connectCmdlet !== null) {
    io.reply(session.connectCmdlet, { ok: true, output: sessionView(state, session) });
    session.connectCmdlet = null;
  }
}

function loginFailed(state: StorageState, io: StorageIo, session: TargetSession, o: { status: IscsiStatusName; retry: boolean }): void {
  if (session.connectCmdlet !== null) {
    io.reply(session.connectCmdlet, { ok: false, error: iscsiError('Connect-IscsiTarget', o.status) });
    session.connectCmdlet = null;
  }
  if (o.retry && (session.everLoggedIn || session.isPersistent)) return waitToReconnect(state, io, session);
  removeSession(state, io, session);
}

function waitToReconnect(state: StorageState, io: StorageIo, session: TargetSession): void {
  session.phase = 'WaitingToReconnect';
  session.sessionId = null;
  session.reconnectTimerId = io.setTimer(state.timing.delayBetweenReconnectMs, { subsystem: 'storage', type: 'Reconnect', targetIqn: session.targetIqn });
}

/** Cancelled timers never fire, so the phase is all there is to check. */
export function onReconnectTimer(state: StorageState, io: StorageIo, session: TargetSession): void {
  if (session.phase !== 'WaitingToReconnect') return;
  session.reconnectTimerId = null;
  startLogin(state, io, session, false);
}

export function onNopTimer(state: StorageState, io: StorageIo, session: TargetSession): void {
  if (session.phase !== 'LoggedIn' || session.sessionId === null) return;
  session.nopTimerId = io.setTimer(state.timing.nopOutIntervalMs, { subsystem: 'storage', type: 'NopOut', targetIqn: session.targetIqn });
  if (hasPendingOfType(state, session.targetIqn, 'NopOut')) return;
  const requestId = addPending(state, io, { targetIqn: session.targetIqn, sessionId: session.sessionId, purpose: { type: 'NopOut' }, timeoutMs: state.timing.nopInTimeoutMs });
  if (requestId === undefined) return io.probe('NOP-Out skipped: pending table full');
  io.send(session.portal.machine, session.portal.network, { type: 'IscsiNopOut', requestId, sessionId: session.sessionId });
}

/** Stops the session's timers, fails what is in flight on it and lets its disks leave. */
function quiesce(state: StorageState, io: StorageIo, session: TargetSession, why: string): void {
  if (session.nopTimerId !== null) io.cancelTimer(session.nopTimerId);
  if (session.reconnectTimerId !== null) io.cancelTimer(session.reconnectTimerId);
  session.nopTimerId = null;
  session.reconnectTimerId = null;
  for (const pending of pendingOfTarget(state, session.targetIqn)) {
    takePending(state, io, pending.requestId);
    if (pending.purpose.type !== 'Command') continue;
    state.counters.requestsFailedOnSessionLoss++;
    queueCompletion(state, io, { pending, purpose: pending.purpose, result: failed('SessionLost', why) });
  }
  departTarget(state, session.targetIqn);
  session.sessionId = null;
}

/** The connection is gone: fail what is in flight, and log in again after DelayBetweenReconnect. */
export function sessionLost(state: StorageState, io: StorageIo, session: TargetSession, why: string): void {
  state.counters.sessionsLost++;
  io.emit({ type: 'IscsiConnectionLost', node: io.self, target: session.targetIqn, detail: why });
  quiesce(state, io, session, `the session to ${session.targetIqn} was lost: ${why}`);
  if (session.disconnectCmdlet !== null) return onLogoutDone(state, io, session);
  if (session.connectCmdlet !== null) {
    io.reply(session.connectCmdlet, { ok: false, error: iscsiError('Connect-IscsiTarget', 'ConnectionFailed') });
    session.connectCmdlet = null;
  }
  waitToReconnect(state, io, session);
}

/** Disconnect-IscsiTarget: log out if logged in, else just forget the session. */
export function logout(state: StorageState, io: StorageIo, session: TargetSession, cmdletRequestId: string): void {
  const requestId =
    session.phase === 'LoggedIn' && session.sessionId !== null
      ? addPending(state, io, { targetIqn: session.targetIqn, sessionId: session.sessionId, purpose: { type: 'Logout' }, timeoutMs: state.timing.loginTimeoutMs })
      : undefined;
  session.disconnectCmdlet = cmdletRequestId;
  if (requestId === undefined || session.sessionId === null) return onLogoutDone(state, io, session);
  session.phase = 'LoggingOut';
  io.send(session.portal.machine, session.portal.network, { type: 'IscsiLogout', requestId, sessionId: session.sessionId });
}

export function onLogoutDone(state: StorageState, io: StorageIo, session: TargetSession): void {
  if (session.disconnectCmdlet !== null) io.reply(session.disconnectCmdlet, { ok: true, output: null });
  session.disconnectCmdlet = null;
  removeSession(state, io, session);
}

function removeSession(state: StorageState, io: StorageIo, session: TargetSession): void {
  quiesce(state, io, session, `the session to ${session.targetIqn} ended`);
  state.sessions = state.sessions.filter((s) => s !== session);
}
