// Carries out what the cluster service's state machines decide: one queue of work, handled in
// order until empty (bounded), so that a regroup decision becomes an arbitration input, its
// outcome a regroup input or a resource-manager event, and a GUM update a fresh look at what this
// node should host, all within the node's one step.
import { assert, assertNever, type NodeMessage, type NodeState } from '@wsfc-lab/protocol';
import { runArbitration, type ArbitrationOutcome } from '../arbitration/mod.js';
import { GumNode, type GumStepResult } from '../gum/mod.js';
import { RegroupNode, type RegroupDecision, type RegroupStepResult } from '../regroup/mod.js';
import { databaseCurrent, onOutcome, reconcile } from './rcm.js';
import { claimFileShareWitness } from './file-share-witness.js';
import { isPaused } from './drain.js';
import { setClusterDiskOnline } from '../storage/mod.js';
import { settleWaiters } from './waiters.js';
import { onCommitDecided } from './vm-resources.js';
import { destinationLost } from '../hyperv/migration-source.js';
import { onClusterServiceStopped, onRejoined } from './isolated-host.js';
import { sourceLost } from '../hyperv/migration-target.js';
import type { ClusterHost, ClusterState, ClusterWork } from './types.js';
import { gumStoreKey, regroupStoreKey, refreshIdentity } from './service.js';

/** Work items handled in one node step before the loop is deemed runaway. */
const workPerStepMax = 10_000;

export function send(host: ClusterHost, to: string, message: NodeMessage): void {
  const network = host.networksTo(to)[0];
  if (network === undefined) return; // no route: the protocols send again on their ticks
  host.io.send(to, network, message);
}

/** To a node that may have no working route (stopped, or not yet in the cluster): every network it is on. */
export function sendAnyway(state: ClusterState, host: ClusterHost, to: string, message: NodeMessage): void {
  const networks = host.networksTo(to);
  const all = networks.length > 0 ? networks.slice(0, 1) : Object.keys(state.config.peers.find((p) => p.name === to)?.addresses ?? {});
  for (const network of all) host.io.send(to, network, message);
}

export function pump(state: ClusterState, host: ClusterHost, work: ClusterWork[]): void {
  for (let handled = 0; work.length > 0; handled++) {
    assert(handled < workPerStepMax, `cluster work did not settle within ${workPerStepMax} items`);
    const item = work.shift()!;
    switch (item.type) {
      case 'Regroup':
        if (state.regroup) afterRegroup(state, host, RegroupNode.step(state.regroup, item.input), work);
        break;
      case 'Gum':
        afterGum(state, host, GumNode.step(state.gum, item.input), work);
        break;
      case 'Arbitration':
        if (state.arbitration) for (const outcome of runArbitration(state.arbitration, item.input, host).outcomes) work.push({ type: 'Outcome', outcome });
        break;
      case 'Outcome':
        afterOutcome(state, host, item.outcome, work);
        break;
      case 'Reconcile':
        // A later reconcile in the queue sees everything this one would: one is enough.
        if (!work.some((w) => w.type === 'Reconcile')) reconcile(state, host, work);
        break;
      default:
        assertNever(item, 'cluster work');
    }
  }
  settleWaiters(state, host);
  publishNodeStates(state, host);
}

function afterRegroup(state: ClusterState, host: ClusterHost, result: RegroupStepResult, work: ClusterWork[]): void {
  const { io } = host;
  for (const out of result.outbox) send(host, out.to, out.message);
  for (const t of result.timers) io.setTimer(t.delayMs, { subsystem: 'cluster', type: 'Regroup', timer: t.timer });
  for (const e of result.events) {
    // A node that left cleanly was not removed unexpectedly: no 1135 for it.
    if (e.type === 'ClusterNodeRemoved' && state.leaving.includes(e.node)) continue;
    io.emit(e);
  }
  if (result.persist) io.store.put(regroupStoreKey, RegroupNode.persisted(result.state));
  for (const decision of result.decisions) onDecision(state, host, decision, work);
}

function onDecision(state: ClusterState, host: ClusterHost, decision: RegroupDecision, work: ClusterWork[]): void {
  const nowMs = host.io.now();
  switch (decision.type) {
    case 'ViewInstalled': {
      state.view = decision.view;
      // A leaving node's removal is in; one still a member has not been removed yet.
      state.leaving = state.leaving.filter((node) => decision.view.members.some((m) => m.name === node));
      state.service = 'Running';
      onRejoined(state);
      migrationPeersLost(state, host, decision.view.members.map((m) => m.name));
      const members = decision.view.members.map((m) => ({ name: m.name, nodeId: m.nodeId }));
      work.push({ type: 'Gum', input: { type: 'ViewChanged', nowMs, viewNumber: decision.view.number, members } });
      work.push({ type: 'Arbitration', input: { type: 'MembershipChanged', nowMs, members } });
      work.push({ type: 'Reconcile' });
      return;
    }
    case 'StopClusterService':
      // 1177 / 1006: every resource goes offline here and nothing comes online; the service
      // starts again and tries to join (the regroup's retry).
      state.view = null;
      work.push({ type: 'Arbitration', input: { type: 'Stop', nowMs, reason: decision.reason } });
      for (const name of Object.keys(state.rcm.hosted)) {
        setClusterDiskOnline(host.storage, host.io, { name, online: false });
        delete state.rcm.hosted[name];
      }
      // The resource monitors' memory goes with the service: restart counts, failover counts and
      // the RetryPeriodOnFailure waits start afresh when it joins again.
      state.rcm.retryAtMs = {};
      state.rcm.failures = {};
      state.rcm.failovers = {};
      // The resource monitors stop with the service: the clustered VMs here stay for their
      // ResiliencyPeriod (compute resiliency) or go off now (isolated-host.ts).
      onClusterServiceStopped(state, host, decision.reason);
      state.rcm.inFlight = null;
      return;
    case 'ArbitrateWitness':
      arbitrateWitness(state, host, decision, work);
      return;
    default:
      assertNever(decision, 'regroup decision');
  }
}

function arbitrateWitness(state: ClusterState, host: ClusterHost, d: Extract<RegroupDecision, { type: 'ArbitrateWitness' }>, work: ClusterWork[]): void {
  const nowMs = host.io.now();
  const witness = state.identity?.witness;
  if (witness?.type === 'FileShare' && state.regroup?.witnessAvailable !== false) return claimFileShareWitness(state, host, d, witness.sharePath, work);
  const disk = witness?.type === 'Disk' ? host.storage.disks.find((x) => x.present && x.name === witness.resource) : undefined;
  if (!disk || state.regroup?.witnessAvailable === false) {
    // No disk witness this node can reach, the witness resource is offline or failed, or a file
    // share or cloud witness (which the lab does not host yet): lost.
    work.push({ type: 'Regroup', input: { type: 'WitnessArbitrated', nowMs, arbitrationId: d.arbitrationId, won: false } });
    return;
  }
  const { type: _type, ...rest } = d;
  work.push({ type: 'Arbitration', input: { ...rest, type: 'ArbitrateWitness', nowMs, disk: disk.name, sizeBlocks: disk.sizeBlocks } });
}

function afterGum(state: ClusterState, host: ClusterHost, result: GumStepResult, work: ClusterWork[]): void {
  const { io } = host;
  state.gum = result.state;
  for (const out of result.outbox) send(host, out.to, out.message);
  for (const e of result.events) io.emit(e);
  if (result.persist) io.store.put(gumStoreKey, GumNode.persisted(result.state));
  for (const done of result.completed) {
    if (done.requestId === state.rcm.inFlight) state.rcm.inFlight = null;
    for (const waiter of state.waiters) if (waiter.gumRequestId === done.requestId) waiter.gumOutcome = done.outcome === 'Committed' ? 'Committed' : done.reason;
    onCommitDecided(state, host, done.requestId, done.outcome === 'Committed', done.outcome === 'Committed' ? '' : done.reason);
  }
  if (result.applied.length > 0 || result.completed.length > 0) {
    refreshIdentity(state, host, work);
    const available = witnessAvailable(state);
    if (available !== undefined) work.push({ type: 'Regroup', input: { type: 'WitnessAvailability', nowMs: io.now(), available } });
    work.push({ type: 'Regroup', input: { type: 'DatabaseSequenceChanged', nowMs: io.now(), sequence: state.gum.copy.sequence } });
    work.push({ type: 'Reconcile' });
  }
}

/** The witness resource's state in the database: Online true, Failed or taken offline false, else unknown. */
function witnessAvailable(state: ClusterState): boolean | undefined {
  const witness = state.identity?.witness;
  if (!witness || witness.type === 'None') return undefined;
  const value = state.gum.copy.entries[`Resources/${witness.resource}/State`];
  if (value === 'Online') return true;
  if (value === 'Failed') return false;
  // Offline because an administrator took it offline; otherwise it is on its way online (or moving).
  if (value === 'Offline' && state.gum.copy.entries[`Resources/${witness.resource}/PersistentState`] !== 1) return false;
  return undefined;
}

function afterOutcome(state: ClusterState, host: ClusterHost, outcome: ArbitrationOutcome, work: ClusterWork[]): void {
  if (outcome.type === 'WitnessArbitrated') {
    work.push({ type: 'Regroup', input: { type: 'WitnessArbitrated', nowMs: host.io.now(), arbitrationId: outcome.arbitrationId, won: outcome.won } });
    return;
  }
  onOutcome(state, host, outcome, work);
}


/** Migrations to or from nodes outside the new view end now rather than at the TCP time-out. */
function migrationPeersLost(state: ClusterState, host: ClusterHost, members: readonly string[]): void {
  const h = host.hyperv.state;
  const gone = new Set([...h.outgoing.map((m) => m.destination), ...h.incoming.map((m) => m.source)].filter((n) => !members.includes(n)));
  const roleMoved = (group: string) => state.gum.copy.entries[`Groups/${group}/OwnerNode`] !== state.config.name;
  for (const node of gone) {
    destinationLost(h, host.hyperv.host, node, roleMoved);
    sourceLost(h, node);
  }
}

export function publishNodeStates(state: ClusterState, host: ClusterHost): void {
  if (!state.regroup) return;
  const next: Record<string, NodeState> = RegroupNode.nodeStates(state.regroup);
  // A node joins once it holds the cluster's database: until then it answers nothing as Up.
  if (next[state.config.name] === 'Up' && databaseCurrent(state)) state.joined = true;
  if (next[state.config.name] !== 'Up') state.joined = false;
  if (next[state.config.name] === 'Up' && !state.joined) next[state.config.name] = 'Joining';
  // A paused member (Suspend-ClusterNode) reads Paused.
  for (const node of Object.keys(next)) if (next[node] === 'Up' && isPaused(state, node)) next[node] = 'Paused';
  for (const [node, State] of Object.entries(next)) {
    const previous = state.nodeStates[node] ?? 'Down';
    if (previous === State) continue;
    state.nodeStates[node] = State;
    host.io.emit({ type: 'NodeStateChanged', node, State, previous });
  }
}
