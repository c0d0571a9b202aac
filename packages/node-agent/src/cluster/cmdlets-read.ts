// The read cmdlets: Get-Cluster, Get-ClusterNode, Get-ClusterGroup, Get-ClusterResource,
// Get-ClusterQuorum, Get-ClusterOwnerNode, answered from this node's copy of the database and its
// view of the membership, with the real output objects (resources/view-*.ts).
import { clusterGroupView, clusterResourceView, groupOwnerNodeView, resourceOwnerNodeView, type ClusterGroup } from '../resources/mod.js';
import { getClusterQuorumRow } from '../quorum/mod.js';
import { namesOf, pick, readCluster, resourceErrors, type ClusterCmdlet } from './cmdlet-support.js';
import { quorumConfigOf } from './identity.js';
import type { ClusterState } from './types.js';
import { drainStatusOf } from './drain.js';
import { isIsolated, isUnmonitored } from './isolation.js';
import { protectedNetworkFailed } from './protected-network-health.js';

function nodeRows(state: ClusterState, nowMs: number) {
  const identity = state.identity!;
  const votes = state.view?.votes.DynamicWeight ?? {};
  return identity.nodes.map((n) => ({
    Name: n.name,
    ID: n.id,
    State: state.nodeStates[n.name] ?? 'Down',
    NodeWeight: n.NodeWeight,
    DynamicWeight: votes[n.name] ?? 0,
    DrainStatus: drainStatusOf(state, n.name),
    // Normal, or Isolated (compute resiliency, facts §5.1, §5.4).
    StatusInformation: isIsolated(state, n.name, nowMs) ? 'Isolated' : 'Normal',
    Cluster: identity.name,
  }));
}

export const getClusterNode: ClusterCmdlet = (state, call, host) => {
  if (!readCluster(state, call, host)) return;
  const rows = pick(nodeRows(state, host.io.now()).map((r) => ({ ...r, name: r.Name })), namesOf(call), resourceErrors.nodeNotFound, call, host);
  if (rows) host.io.reply(call.requestId, { ok: true, output: rows.map(({ name: _name, ...row }) => row) });
};

export const getCluster: ClusterCmdlet = (state, call, host) => {
  const read = readCluster(state, call, host);
  if (!read) return;
  const { identity } = read;
  const output = {
    Name: identity.name,
    Domain: identity.domain,
    ...identity.properties,
    WitnessDynamicWeight: state.view?.votes.WitnessDynamicWeight ?? 0,
    QuorumType: getClusterQuorumRow({ clusterName: identity.name, config: quorumConfigOf(identity) }).QuorumType,
  };
  host.io.reply(call.requestId, { ok: true, output });
};

export const getClusterQuorum: ClusterCmdlet = (state, call, host) => {
  const read = readCluster(state, call, host);
  if (read) host.io.reply(call.requestId, { ok: true, output: getClusterQuorumRow({ clusterName: read.identity.name, config: quorumConfigOf(read.identity) }) });
};

export const getClusterGroup: ClusterCmdlet = (state, call, host) => {
  const read = readCluster(state, call, host);
  if (!read) return;
  // The hidden group of each Cluster Shared Volume is not a role: Get-ClusterGroup does not list it.
  const groups = pick(read.objects.groups.filter((g) => g.groupType !== 'ClusterSharedVolume'), namesOf(call), resourceErrors.groupNotFound, call, host);
  if (groups) host.io.reply(call.requestId, { ok: true, output: groups.map((g) => clusterGroupView(g, { clusterName: read.identity.name, unmonitored: isUnmonitored(state, read.objects, g, host.io.now()), networkFailure: protectedNetworkFailed(state, read.objects, g) })) });
};

export const getClusterResource: ClusterCmdlet = (state, call, host) => {
  const read = readCluster(state, call, host);
  if (!read) return;
  const ownerOf = new Map<string, ClusterGroup>(read.objects.groups.map((g) => [g.name, g]));
  const resources = pick(read.objects.resources, namesOf(call), resourceErrors.resourceNotFound, call, host);
  if (resources) host.io.reply(call.requestId, { ok: true, output: resources.map((r) => clusterResourceView(r, { clusterName: read.identity.name, ownerNode: ownerOf.get(r.ownerGroup)?.ownerNode })) });
};

export const getClusterOwnerNode: ClusterCmdlet = (state, call, host) => {
  const read = readCluster(state, call, host);
  if (!read) return;
  // Piped in (-InputObject): a group's name, else a resource's.
  const piped = namesOf(call, 'InputObject');
  const pipedGroup = piped?.every((n) => read.objects.groups.some((g) => g.name.toLowerCase() === n.toLowerCase())) ? piped : undefined;
  const groupName = namesOf(call, 'Group') ?? pipedGroup;
  if (groupName) {
    const groups = pick(read.objects.groups, groupName, resourceErrors.groupNotFound, call, host);
    if (groups) host.io.reply(call.requestId, { ok: true, output: groups.map(groupOwnerNodeView) });
    return;
  }
  const resources = pick(read.objects.resources, namesOf(call, 'Resource') ?? piped, resourceErrors.resourceNotFound, call, host);
  if (resources) host.io.reply(call.requestId, { ok: true, output: resources.map((r) => resourceOwnerNodeView(r, read.identity.nodes)) });
};
