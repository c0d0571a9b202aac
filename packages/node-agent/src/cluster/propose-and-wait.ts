// How a cmdlet that changes the cluster finishes: it proposes its change through the GUM and answers
// once the cluster has done what it asked (waiters.ts), or after `waitMs`. A change that changes
// nothing and only waits for its commit is answered at once.
import type { DbChange } from '../gum/mod.js';
import { pump } from './drive.js';
import { propose } from './rcm.js';
import type { ClusterHost, ClusterState, ClusterWork, Waiter } from './types.js';

export type WaitFor = Omit<Waiter, 'requestId' | 'deadlineMs' | 'gumRequestId'>;

export function proposeAndWait(state: ClusterState, host: ClusterHost, requestId: string, changes: DbChange[], waitFor: WaitFor, waitMs: number): void {
  if (changes.length === 0 && waitFor.kind === 'Committed') return host.io.reply(requestId, { ok: true, output: waitFor.output ?? null });
  const work: ClusterWork[] = [];
  const gumRequestId = changes.length > 0 ? propose(state, host, changes, work) : undefined;
  state.waiters.push({ ...waitFor, requestId, deadlineMs: host.io.now() + waitMs, ...(gumRequestId === undefined ? {} : { gumRequestId }) });
  pump(state, host, work);
}
