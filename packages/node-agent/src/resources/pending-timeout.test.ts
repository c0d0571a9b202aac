import test from 'ava';
import { checkPendingTimeout } from './pending-timeout.js';
import { resourceDefaults } from './resource-properties.js';
import type { ResourceState } from './states.js';

const cases: { state: ResourceState; nowMs: number; expected: string }[] = [
  { state: 'Online', nowMs: 500_000, expected: 'NotPending' },
  { state: 'OnlinePending', nowMs: 179_999, expected: 'StillPending 1' },
  { state: 'OnlinePending', nowMs: 180_000, expected: 'TimedOut -> Failed' },
  { state: 'OfflinePending', nowMs: 200_000, expected: 'TimedOut -> Failed' },
  { state: 'OfflinePending', nowMs: 60_000, expected: 'StillPending 120000' },
];

for (const c of cases) {
  test(`a resource ${c.state} since 0 with PendingTimeout 180 s is ${c.expected} at ${c.nowMs} ms`, (t) => {
    const check = checkPendingTimeout({ state: c.state, pendingSinceMs: 0, nowMs: c.nowMs, pendingTimeoutMs: resourceDefaults.PendingTimeout });
    const shown = check.kind === 'StillPending' ? `StillPending ${check.remainingMs}` : check.kind === 'TimedOut' ? `TimedOut -> ${check.next}` : check.kind;
    t.is(shown, c.expected);
  });
}
