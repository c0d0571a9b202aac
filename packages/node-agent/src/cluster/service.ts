// Starting the cluster service on a node: its copy of the cluster database comes from its own
// store (what it had when it stopped), or, on a lab's first start, from the lab's cluster as
// New-Cluster left it. A node whose copy names it as a cluster node starts the regroup and the
// GUM and tries to join; a node with no copy is not in a cluster.
import type { ActorIo } from '@wsfc-lab/protocol';
import { initArbitration } from '../arbitration/mod.js';
import type { NodeConfig } from '../config.js';
import { GumNode, gumDefaults, type DatabaseCopy, type GumPersisted } from '../gum/mod.js';
import { RegroupNode, joinRetryIntervalMsDefault, regroupTimingOf, type RegroupPersisted } from '../regroup/mod.js';
import { bootstrapEntries, genesisCopy } from './bootstrap.js';
import { decodeIdentity, heartbeatSettingsOf, quorumConfigOf, regroupSettingsOf } from './identity.js';
import type { ClusterHost, ClusterState, ClusterWork } from './types.js';
import { newClusterDirectory } from './names.js';

export const gumStoreKey = 'cluster/database';
export const regroupStoreKey = 'cluster/regroup';

/** GUM ticks: its retransmissions and pulls run on them. */
export const gumTickMs = gumDefaults.retryIntervalMs;

function firstCopy(config: NodeConfig): DatabaseCopy | undefined {
  if (!config.cluster) return undefined;
  const entries = bootstrapEntries(config.cluster);
  if (!entries.ok) throw new Error(`the lab's cluster cannot be created: ${entries.error.message}`);
  return genesisCopy(config.cluster.formedBy, entries.value);
}

export function initCluster(config: NodeConfig, io: ActorIo<never>): ClusterState {
  const stored = io.store.get(gumStoreKey) as GumPersisted | undefined;
  const copy = stored?.copy ?? firstCopy(config);
  const persisted = stored ?? (copy ? { copy, syncedEpoch: 0 } : undefined);
  if (!stored && persisted) io.store.put(gumStoreKey, persisted);
  return {
    config,
    service: 'NotConfigured',
    identity: undefined,
    regroup: undefined,
    gum: GumNode.init({ self: config.name, incarnation: io.incarnation + 1, ...gumDefaults }, persisted),
    arbitration: undefined,
    view: null,
    nodeStates: {},
    rcm: { hosted: {}, inFlight: null, failovers: {}, retryAtMs: {}, failures: {}, stoppedServices: [], vmIntents: {}, commits: {}, migrationReplies: {}, failedMoves: [] },
    waiters: [],
    nextRequestNumber: 1,
    gumTicking: false,
    joined: false,
    leaving: [],
    directory: newClusterDirectory(),
    pendingRoles: {},
  };
}

/**
 * Reads the identity from the database copy again (after every change) and starts the service
 * the first time the copy names this node; keeps the regroup's quorum configuration, the
 * arbitration's node list and the failure detector's peers in step with the database.
 */
export function refreshIdentity(state: ClusterState, host: ClusterHost, work: ClusterWork[] = []): void {
  const identity = decodeIdentity(state.gum.copy.entries);
  const self = identity?.nodes.find((n) => n.name === state.config.name);
  if (!identity || !self) return;
  state.identity = identity;
  host.watchPeers(identity.nodes.filter((n) => n.name !== state.config.name).map((n) => n.name));
  host.setHeartbeatSettings(heartbeatSettingsOf(identity));
  // On a cluster node the cluster's MaximumParallelMigrations wins over Set-VMHost's (facts §6.1).
  host.hyperv.state.clusterMaximumParallelMigrations = identity.properties.MaximumParallelMigrations;
  const nodes = identity.nodes.map((n) => ({ name: n.name, nodeId: n.id }));
  if (state.arbitration) state.arbitration.config.nodes = nodes;
  else state.arbitration = initArbitration({ self: self.name, selfId: self.id, clusterName: identity.name, nodes });
  if (state.regroup) {
    state.regroup.config.quorum = quorumConfigOf(identity);
    const settings = regroupSettingsOf(identity);
    if (JSON.stringify(settings) !== JSON.stringify(state.regroup.config.settings)) {
      state.regroup.config.settings = settings;
      state.regroup.timing = regroupTimingOf(settings, state.regroup.config.joinRetryIntervalMs ?? joinRetryIntervalMsDefault);
    }
    return;
  }
  const stored = host.io.store.get(regroupStoreKey) as RegroupPersisted | undefined;
  state.regroup = RegroupNode.init({ self: self.name, quorum: quorumConfigOf(identity), settings: regroupSettingsOf(identity) }, stored ?? null);
  state.service = 'Running';
  state.joined = false;
  const nowMs = host.io.now();
  work.push({ type: 'Regroup', input: { type: 'ClusterServiceStarted', nowMs } });
  work.push({ type: 'Regroup', input: { type: 'DatabaseSequenceChanged', nowMs, sequence: state.gum.copy.sequence } });
  if (!state.gumTicking) {
    state.gumTicking = true;
    host.io.setTimer(gumTickMs, { subsystem: 'cluster', type: 'GumTick' });
  }
}
