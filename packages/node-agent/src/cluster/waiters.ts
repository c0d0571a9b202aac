// Cmdlets that return when the cluster has done what they asked (Move-ClusterGroup when the group
// is online on its new node, Stop-ClusterGroup when it is offline), or with the real kind of error
// when it did not happen in time.
import { decodeObjects } from './schema.js';
import { drainStatusOf } from './drain.js';
import type { ClusterHost, ClusterState, Waiter } from './types.js';

function settled(state: ClusterState, waiter: Waiter): { done: boolean; error?: string } {
  if (waiter.gumOutcome !== undefined && waiter.gumOutcome !== 'Committed') return { done: true, error: waiter.gumOutcome };
  // Nothing to judge before the cmdlet's own update is in the database.
  if (waiter.gumRequestId !== undefined && waiter.gumOutcome === undefined) return { done: false };
  if (waiter.kind === 'Committed') return { done: waiter.gumOutcome === 'Committed' };
  if (waiter.kind === 'Drained') {
    const status = drainStatusOf(state, waiter.object);
    if (status === 'Failed') return { done: true, error: `Suspend-ClusterNode : The drain of node '${waiter.object}' failed: a role could not be moved to another node.` };
    return { done: status === 'Completed' };
  }
  if (waiter.kind === 'ServiceStopped') return { done: state.service === 'Stopped' };
  if (waiter.kind === 'NodeDown' || waiter.kind === 'NodeUp') {
    if (waiter.controlResult && !waiter.controlResult.ok) return { done: true, error: waiter.controlResult.message };
    return { done: state.nodeStates[waiter.object] === (waiter.kind === 'NodeDown' ? 'Down' : 'Up') };
  }
  // The node carrying out a forwarded request left the membership: it will never answer.
  if (waiter.kind === 'Control' && waiter.node !== undefined && state.view !== null && !state.view.members.some((m) => m.name === waiter.node)) {
    return { done: true, error: `The cluster node '${waiter.node}' carrying out the operation on '${waiter.object}' left the cluster.` };
  }
  if (waiter.kind === 'Control') return waiter.controlResult === undefined ? { done: false } : waiter.controlResult.ok ? { done: true } : { done: true, error: waiter.controlResult.message };
  const objects = decodeObjects(state.gum.copy.entries);
  if (waiter.kind === 'GroupOnline' || waiter.kind === 'GroupOffline') {
    const group = objects.groups.find((g) => g.name === waiter.object);
    if (!group) return { done: true, error: `The cluster group '${waiter.object}' was not found.` };
    if (waiter.kind === 'GroupOffline') return { done: group.state === 'Offline' };
    // A role left Failed before the request is tried again by its owner first (Start-ClusterGroup).
    if (group.state !== 'Failed') waiter.sawNotFailed = true;
    else if (waiter.sawNotFailed) return { done: true, error: `The group '${waiter.object}' failed to come online on '${group.ownerNode ?? ''}'.` };
    // A group with no resources has nothing to bring online: it is there once its owner is.
    const online = group.state === 'Online' || group.resources.length === 0;
    return { done: online && (waiter.node === undefined || group.ownerNode === waiter.node) };
  }
  const resource = objects.resources.find((r) => r.name === waiter.object);
  if (!resource) return { done: true, error: `The cluster resource '${waiter.object}' was not found.` };
  if (waiter.kind === 'ResourceOffline') return { done: resource.state === 'Offline' };
  if (resource.state === 'Failed') return { done: true, error: `The resource '${waiter.object}' failed to come online.` };
  return { done: resource.state === 'Online' };
}

/** Answers every waiter whose condition now holds, or whose time ran out. */
export function settleWaiters(state: ClusterState, host: ClusterHost): void {
  const nowMs = host.io.now();
  state.waiters = state.waiters.filter((waiter) => {
    const { done, error } = settled(state, waiter);
    if (done) {
      host.io.reply(waiter.requestId, error === undefined ? { ok: true, output: waiter.output ?? null } : { ok: false, error: { category: 'InvalidOperation', errorId: 'ClusterOperationFailed', message: error } });
      return false;
    }
    if (nowMs >= waiter.deadlineMs) {
      host.io.reply(waiter.requestId, { ok: false, error: { category: 'OperationTimeout', errorId: 'ClusterOperationTimedOut', message: `The operation on '${waiter.object}' did not finish in time: the cluster did not report it done.` } });
      return false;
    }
    return true;
  });
}
