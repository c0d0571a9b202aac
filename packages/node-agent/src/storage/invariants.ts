// What must hold after every step (STYLE 9): the pending table is counted right and bounded, every
// request in flight belongs to a live session in the right phase, sessions and disks are unique,
// and no drive letter is given twice.
import { assert } from '@wsfc-lab/protocol';
import { storageLimits } from './limits.js';
import { isLocalLetter } from './mount-manager.js';
import { sessionOf, type StorageState } from './state.js';

function checkPending(state: StorageState): void {
  const pending = Object.values(state.pending);
  assert(pending.length === state.pendingCount, `storage pendingCount ${state.pendingCount} but ${pending.length} requests are in flight`);
  assert(state.pendingCount <= storageLimits.pendingRequestsMax, `storage has ${state.pendingCount} requests in flight, over pendingRequestsMax`);
  for (const p of pending) {
    if (p.targetIqn === null) continue;
    const session = sessionOf(state, p.targetIqn);
    assert(session, `request ${p.requestId} (${p.purpose.type}) is in flight on ${p.targetIqn}, which has no session`);
    const phaseOk = p.purpose.type === 'Login' ? session.phase === 'LoggingIn' : p.purpose.type === 'Logout' ? session.phase === 'LoggingOut' : session.phase === 'LoggedIn' || session.phase === 'LoggingOut';
    assert(phaseOk, `request ${p.requestId} (${p.purpose.type}) is in flight on a ${session.phase} session to ${p.targetIqn}`);
    if (p.purpose.type !== 'Login') assert(p.sessionId === session.sessionId, `request ${p.requestId} went out on session ${p.sessionId}, the session is now ${session.sessionId}`);
  }
}

function checkSessions(state: StorageState): void {
  assert(state.sessions.length <= storageLimits.sessionsMax, `storage has ${state.sessions.length} sessions, over sessionsMax`);
  const targets = new Set(state.sessions.map((s) => s.targetIqn.toLowerCase()));
  assert(targets.size === state.sessions.length, 'two sessions to the same target');
  for (const s of state.sessions) {
    const loggedIn = s.phase === 'LoggedIn' || s.phase === 'LoggingOut';
    assert(loggedIn === (s.sessionId !== null), `session to ${s.targetIqn} is ${s.phase} with TSIH ${s.sessionId}`);
  }
}

function checkDisks(state: StorageState): void {
  assert(state.disks.length <= storageLimits.disksMax, `storage remembers ${state.disks.length} disks, over disksMax`);
  assert(new Set(state.disks.map((d) => d.number)).size === state.disks.length, 'two disks share a disk number');
  assert(new Set(state.disks.map((d) => d.serialNumber)).size === state.disks.length, 'two disks share a serial number');
  for (const d of state.disks) {
    assert(d.number >= 1, `iSCSI disk ${d.serialNumber} has number ${d.number}; disk 0 is the system disk`);
    const phase = sessionOf(state, d.targetIqn)?.phase;
    if (d.present) assert(phase === 'LoggedIn' || phase === 'LoggingOut', `disk ${d.number} is present without a logged-in session to ${d.targetIqn}`);
  }
}

function checkLetters(state: StorageState): void {
  const letters = state.mount.entries.flatMap((e) => (e.driveLetter ? [e.driveLetter] : []));
  assert(new Set(letters).size === letters.length, `a drive letter is given twice: ${letters.join(', ')}`);
  assert(!letters.some(isLocalLetter), `a shared volume holds a local drive letter: ${letters.join(', ')}`);
}

export function checkStorageInvariants(state: StorageState): void {
  checkPending(state);
  checkSessions(state);
  checkDisks(state);
  checkLetters(state);
  assert(state.settling.length === 0, `${state.settling.length} storage completions were left unsettled after a step`);
  assert(state.completions.length <= storageLimits.completionsQueuedMax, 'storage completions over completionsQueuedMax');
  assert(state.operations.length <= storageLimits.diskOperationsQueuedMax + 1, 'disk operations over diskOperationsQueuedMax');
  assert(state.operations.slice(1).every((op) => op.phase === 'Queued'), 'a disk operation runs while another is ahead of it');
}
