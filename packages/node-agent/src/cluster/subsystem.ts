// The cluster service's entry points for node.ts: frames, timers, connectivity from the failure
// detector, storage completions for the arbitration, and cmdlets. Each call queues work and pumps
// it to the end (drive.ts).
import type { NodeMessage } from '@wsfc-lab/protocol';
import type { GumMessage } from '../gum/mod.js';
import type { RegroupMessage } from '../regroup/mod.js';
import type { ConnectivityChange } from '../membership/subsystem.js';
import type { StorageCompletion } from '../storage/mod.js';
import { arbitrationSubsystemName, type ArbitrationTimer } from '../arbitration/mod.js';
import { pump, publishNodeStates, sendAnyway } from './drive.js';
import { failResource } from './failure.js';
import { formCluster } from './form.js';
import { onFileShareWitnessAnswer, onFileShareWitnessTimer } from './file-share-witness.js';
import { onDirectoryAnswer, onDirectoryAttempt } from './names.js';
import { onDirectoryCompletion } from './directory-answers.js';
import { beginStop, startService } from './stop-node.js';
import { gumTickMs, refreshIdentity } from './service.js';
import { migrationControl } from './vm-roles.js';
import { resourceTypeInfo } from '../resources/mod.js';
import { onHyperVNotices } from './vm-resources.js';
import { checkProtectedNetworks } from './protected-network.js';
import type { HyperVNotice } from '../hyperv/types.js';
import type { ClusterHost, ClusterState, ClusterTimer, ClusterWork } from './types.js';
import { endPeriods } from './isolated-host.js';

export { initCluster } from './service.js';

/** The resource types' LooksAlivePollInterval (5 s, facts §4.3): how often the periodic look runs. */
const looksAlivePollMs = resourceTypeInfo['Generic Service'].looksAlivePollIntervalMs;

/** Starts the cluster service if the node's copy of the database names it (after init, and after New-Cluster or Add-ClusterNode). */
export function startCluster(state: ClusterState, host: ClusterHost): void {
  const work: ClusterWork[] = [];
  refreshIdentity(state, host, work);
  pump(state, host, work);
  publishNodeStates(state, host);
}

export function isClusterMessage(message: NodeMessage): boolean {
  return message.type.startsWith('Regroup') || message.type.startsWith('Gum') || message.type.startsWith('ClusterControl') || message.type.startsWith('ClusterForm') || message.type === 'ClusterLeave' || message.type === 'FileShareWitnessAnswer';
}

/** Carries out a request from another node's cluster service (or this node's own cmdlet); returns why not. */
export function control(state: ClusterState, host: ClusterHost, action: 'FailResource' | 'StopNode' | 'StartNode', object: string, work: ClusterWork[]): string | undefined {
  switch (action) {
    case 'FailResource':
      return failResource(state, host, object, work);
    case 'StopNode':
      beginStop(state, host, 'Stop', work);
      return undefined;
    case 'StartNode':
      return startService(state, host, work);
  }
}

/** Another node's cluster service asks this one's resource manager to act, or answers such a request. */
function onControl(state: ClusterState, from: string, message: NodeMessage, host: ClusterHost): void {
  if (message.type === 'ClusterLeave') {
    if (!state.leaving.includes(from)) state.leaving.push(from);
    host.peerLeft(from);
    return;
  }
  if (message.type === 'ClusterControl') {
    if (message.action === 'MigrateVm' || message.action === 'CancelMigration') {
      const { requestId, type: _type, ...rest } = message;
      migrationControl(state, host, { ...rest, action: message.action, controlId: requestId, from });
      return pump(state, host, []);
    }
    const work: ClusterWork[] = [];
    const error = control(state, host, message.action, message.object, work);
    sendAnyway(state, host, from, { type: 'ClusterControlReply', requestId: message.requestId, ok: error === undefined, message: error ?? '' });
    pump(state, host, work);
    return;
  }
  if (message.type === 'ClusterForm') {
    const error = formCluster(state, host, message.bootstrap);
    for (const network of Object.keys(state.config.peers.find((p) => p.name === from)?.addresses ?? {})) {
      host.io.send(from, network, { type: 'ClusterFormReply', requestId: message.requestId, ok: error === undefined, message: error?.message ?? '' });
    }
    return;
  }
  if (message.type === 'ClusterFormReply') {
    if (!message.ok) host.io.probe(`cluster: ${from} did not form the cluster: ${message.message}`);
    return;
  }
  if (message.type !== 'ClusterControlReply') return;
  const waiter = state.waiters.find((w) => w.controlId === message.requestId);
  if (!waiter) return host.io.probe(`cluster: a ClusterControlReply from ${from} that no cmdlet waits for`);
  waiter.controlResult = { ok: message.ok, message: message.message };
  pump(state, host, []);
}

export function onClusterMessage(state: ClusterState, from: string, message: NodeMessage, host: ClusterHost): void {
  const nowMs = host.io.now();
  if (message.type === 'FileShareWitnessAnswer') {
    const work: ClusterWork[] = [];
    onFileShareWitnessAnswer(state, host, message, work);
    return pump(state, host, work);
  }
  if (message.type.startsWith('ClusterControl') || message.type.startsWith('ClusterForm') || message.type === 'ClusterLeave') return onControl(state, from, message, host);
  if (message.type.startsWith('Regroup')) {
    if (!state.regroup) return host.io.probe(`cluster: ${message.type} from ${from} before the cluster service runs here`);
    pump(state, host, [{ type: 'Regroup', input: { type: 'Message', nowMs, from, message: message as RegroupMessage } }]);
    return;
  }
  pump(state, host, [{ type: 'Gum', input: { type: 'Message', nowMs, from, message: message as GumMessage } }]);
}

export function onClusterTimer(state: ClusterState, timer: ClusterTimer | ArbitrationTimer, host: ClusterHost): void {
  const nowMs = host.io.now();
  if (timer.subsystem === arbitrationSubsystemName) return pump(state, host, [{ type: 'Arbitration', input: { type: 'Timer', nowMs, timer } }]);
  switch (timer.type) {
    case 'Regroup':
      return pump(state, host, [{ type: 'Regroup', input: { type: 'Timer', nowMs, timer: timer.timer } }]);
    case 'GumTick': {
      host.io.setTimer(gumTickMs, { subsystem: 'cluster', type: 'GumTick' });
      // Every database change, notice and retry reconciles at once; the periodic look (the resource
      // health checks) runs at the resource types' LooksAlivePollInterval, 5 s (facts §4.3).
      const poll = nowMs - (state.rcm.lastPollMs ?? -Infinity) >= looksAlivePollMs;
      if (poll) state.rcm.lastPollMs = nowMs;
      // The Virtual Machine resources' network health checks, each at its own phase (protected-network.ts).
      const checks: ClusterWork[] = [];
      checkProtectedNetworks(state, host, checks);
      return pump(state, host, [{ type: 'Gum', input: { type: 'Tick', nowMs } }, ...(poll ? [{ type: 'Reconcile' } as const] : []), ...checks]);
    }
    case 'Reconcile':
      return pump(state, host, [{ type: 'Reconcile' }]);
    case 'ResiliencyPeriodEnded':
      return endPeriods(state, host);
    case 'FileShareWitness': {
      const work: ClusterWork[] = [];
      onFileShareWitnessTimer(state, host, timer.arbitrationId, timer.step, work);
      return pump(state, host, work);
    }
    case 'DirectoryAttempt': {
      const completion = onDirectoryAttempt(state, host, timer);
      if (completion) onDirectoryCompletion(state, host, completion);
      return;
    }
  }
}

export function onConnectivity(state: ClusterState, changes: readonly ConnectivityChange[], host: ClusterHost): void {
  if (!state.regroup || changes.length === 0) return;
  const nowMs = host.io.now();
  // A node back after leaving cleanly is like any other from now on.
  state.leaving = state.leaving.filter((node) => !changes.some((c) => c.type === 'PeerConnected' && c.peer === node));
  pump(
    state,
    host,
    changes.map((c): ClusterWork => ({ type: 'Regroup', input: c.type === 'PeerConnected' ? { type: 'PeerConnected', nowMs, peer: c.peer } : { type: 'PeerLost', nowMs, peer: c.peer } })),
  );
}

export function onArbitrationCompletions(state: ClusterState, completions: readonly StorageCompletion[], host: ClusterHost): void {
  const nowMs = host.io.now();
  const work = completions.filter((c) => c.tag.subsystem === arbitrationSubsystemName).map((completion): ClusterWork => ({ type: 'Arbitration', input: { type: 'StorageCompleted', nowMs, completion } }));
  if (work.length > 0) pump(state, host, work);
}

/** What the Hyper-V host reported after a step (a VM running or stopped, a migration's cut-over or end). */
export function onHyperVReports(state: ClusterState, notices: readonly HyperVNotice[], host: ClusterHost): void {
  const work: ClusterWork[] = [];
  onHyperVNotices(state, host, notices, work);
  pump(state, host, work);
}

export function checkClusterInvariants(state: ClusterState): void {
  const hosted = Object.keys(state.rcm.hosted).length;
  if (state.view === null && state.service !== 'Running' && hosted > 0) throw new Error(`${state.config.name} hosts ${hosted} resources with its cluster service stopped`);
}

/** The machine shuts down (Stop-Computer): the cluster service stops cleanly first, then the power goes. */
export function shutDown(state: ClusterState, host: ClusterHost): void {
  if (state.service !== 'Running' || state.view === null) return host.powerOff();
  const work: ClusterWork[] = [];
  beginStop(state, host, 'PowerOff', work);
  pump(state, host, work);
}

/** An answer from the domain controller to one of the cluster service's own requests; false when it is not one. */
export function onClusterDirectoryFrame(state: ClusterState, frame: { source: string; message: NodeMessage }, host: ClusterHost): boolean {
  const completion = onDirectoryAnswer(state, host, frame);
  if (!completion) return false;
  onDirectoryCompletion(state, host, completion);
  return true;
}
