// A resource may stay OnlinePending or OfflinePending for at most PendingTimeout (default
// 180000 ms, facts §4.3 [R1]); after that it is Failed, and the restart policy takes over. The
// actor sets a timer for `deadlineMs` when the resource enters a pending state and asks here
// when it fires (the resource may have left the pending state meanwhile).
import { isPendingResourceState, type ResourceState } from './states.js';

export interface PendingCheckInput {
  state: ResourceState;
  /** When the resource entered its current pending state, simulated ms. */
  pendingSinceMs: number;
  nowMs: number;
  /** The resource's PendingTimeout, in ms. */
  pendingTimeoutMs: number;
}

export type PendingCheck =
  | { kind: 'NotPending' }
  | { kind: 'StillPending'; deadlineMs: number; remainingMs: number }
  | { kind: 'TimedOut'; next: 'Failed'; pendingForMs: number };

export function checkPendingTimeout(input: PendingCheckInput): PendingCheck {
  if (!isPendingResourceState(input.state)) return { kind: 'NotPending' };
  const deadlineMs = input.pendingSinceMs + input.pendingTimeoutMs;
  if (input.nowMs < deadlineMs) return { kind: 'StillPending', deadlineMs, remainingMs: deadlineMs - input.nowMs };
  return { kind: 'TimedOut', next: 'Failed', pendingForMs: input.nowMs - input.pendingSinceMs };
}
