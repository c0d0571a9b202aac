// The requests in flight: each is data saying what its answer is for, with its own timeout timer.
// An answer is matched by requestId and taken out once; a late answer finds nothing and is only
// counted. The table is bounded by the initiator's MaxPendingRequests.
import { ownValue } from '@wsfc-lab/protocol';
import type { RequestPurpose, PendingRequest, StorageIo, StorageState } from './state.js';
import { storageLimits } from './limits.js';

export interface NewRequest {
  targetIqn: string | null;
  sessionId: number | null;
  purpose: RequestPurpose;
  timeoutMs: number;
}

/** Records a request and starts its timer; undefined when the table is full (nothing recorded). */
export function addPending(state: StorageState, io: StorageIo, request: NewRequest): string | undefined {
  if (state.pendingCount >= storageLimits.pendingRequestsMax) return undefined;
  const requestId = `i${io.incarnation}.${state.nextRequestNumber++}`;
  const timerId = io.setTimer(request.timeoutMs, { subsystem: 'storage', type: 'RequestTimeout', requestId });
  state.pending[requestId] = { requestId, targetIqn: request.targetIqn, sessionId: request.sessionId, sentAtMs: io.now(), timerId, purpose: request.purpose };
  state.pendingCount++;
  return requestId;
}

/** Takes a request out of the table and stops its timer. */
export function takePending(state: StorageState, io: StorageIo, requestId: string): PendingRequest | undefined {
  const pending = ownValue(state.pending, requestId);
  if (!pending) return undefined;
  delete state.pending[requestId];
  state.pendingCount--;
  io.cancelTimer(pending.timerId);
  return pending;
}

/** Every request in flight on a target's session, oldest first. */
export function pendingOfTarget(state: StorageState, targetIqn: string): PendingRequest[] {
  const wanted = targetIqn.toLowerCase();
  return Object.values(state.pending)
    .filter((p) => p.targetIqn?.toLowerCase() === wanted)
    .sort((a, b) => a.sentAtMs - b.sentAtMs || a.requestId.localeCompare(b.requestId));
}

export function hasPendingOfType(state: StorageState, targetIqn: string, type: RequestPurpose['type']): boolean {
  return pendingOfTarget(state, targetIqn).some((p) => p.purpose.type === type);
}
