// The cluster's own configuration as the database holds it: its name, its nodes with their IDs
// and votes, the witness, and the common properties (Get-Cluster | Format-List *). Every node reads
// it from its own copy; nothing here comes from the lab file once the cluster exists.
import type { DbValue } from '../gum/mod.js';
import { quorumDefaults, type QuorumConfig, type Vote, type Witness } from '../quorum/mod.js';
import { regroupDefaults, type RegroupSettings } from '../regroup/mod.js';
import { heartbeatDefaults, type HeartbeatSettings } from '../settings.js';

type Entries = Readonly<Record<string, DbValue>>;

export interface ClusterNodeEntry {
  name: string;
  id: number;
  NodeWeight: Vote;
}

/** The common properties the lab acts on, with the real names and defaults. */
export type CommonProperties = HeartbeatSettings &
  RegroupSettings & {
    DynamicQuorum: Vote;
    LowerQuorumPriorityNodeID: number;
    /** Live migrations a node takes part in at once, cluster-wide; it wins over Set-VMHost's (facts §6.1). */
    MaximumParallelMigrations: number;
    /** VM compute resiliency (facts §5.4): 1 IsolateOnSpecialHeartbeat, 2 AlwaysIsolate (default). */
    ResiliencyLevel: number;
    /** Seconds a node's VM roles stay unmonitored while it is isolated; default 240. */
    ResiliencyDefaultPeriod: number;
  };

export const commonPropertyDefaults: Readonly<CommonProperties> = {
  ...heartbeatDefaults,
  ...regroupDefaults,
  DynamicQuorum: quorumDefaults.DynamicQuorum,
  LowerQuorumPriorityNodeID: quorumDefaults.LowerQuorumPriorityNodeID,
  MaximumParallelMigrations: 1,
  ResiliencyLevel: 2,
  ResiliencyDefaultPeriod: 240,
};

export interface ClusterIdentity {
  name: string;
  domain: string;
  nodes: ClusterNodeEntry[];
  witness: Witness;
  properties: CommonProperties;
}

export function encodeIdentity(identity: ClusterIdentity): Record<string, DbValue> {
  const out: Record<string, DbValue> = { 'Cluster/Name': identity.name, 'Cluster/Domain': identity.domain };
  for (const node of identity.nodes) {
    out[`Nodes/${node.name}/Id`] = node.id;
    out[`Nodes/${node.name}/NodeWeight`] = node.NodeWeight;
  }
  const w = identity.witness;
  out['Cluster/WitnessType'] = w.type;
  if (w.type !== 'None') out['Cluster/WitnessResource'] = w.resource;
  if (w.type === 'Disk') out['Cluster/WitnessDiskOnly'] = w.diskOnly;
  if (w.type === 'FileShare') out['Cluster/WitnessSharePath'] = w.sharePath;
  if (w.type === 'Cloud') {
    out['Cluster/WitnessAccountName'] = w.accountName;
    out['Cluster/WitnessEndpoint'] = w.endpoint;
  }
  for (const [key, value] of Object.entries(identity.properties)) {
    if (value !== (commonPropertyDefaults as Record<string, unknown>)[key]) out[`Cluster/${key}`] = value;
  }
  return out;
}

function readWitness(entries: Entries): Witness {
  const resource = String(entries['Cluster/WitnessResource'] ?? '');
  switch (entries['Cluster/WitnessType']) {
    case 'Disk':
      return { type: 'Disk', resource, diskOnly: entries['Cluster/WitnessDiskOnly'] === true };
    case 'FileShare':
      return { type: 'FileShare', resource, sharePath: String(entries['Cluster/WitnessSharePath'] ?? '') };
    case 'Cloud':
      return { type: 'Cloud', resource, accountName: String(entries['Cluster/WitnessAccountName'] ?? ''), endpoint: String(entries['Cluster/WitnessEndpoint'] ?? '') };
    default:
      return { type: 'None' };
  }
}

/** The identity in a copy of the database, or undefined when the copy holds no cluster. */
export function decodeIdentity(entries: Entries): ClusterIdentity | undefined {
  const name = entries['Cluster/Name'];
  if (typeof name !== 'string') return undefined;
  const nodes = Object.keys(entries)
    .filter((path) => path.startsWith('Nodes/') && path.endsWith('/Id'))
    .map((path): ClusterNodeEntry => {
      const node = path.split('/')[1] as string;
      return { name: node, id: Number(entries[path]), NodeWeight: entries[`Nodes/${node}/NodeWeight`] === 0 ? 0 : 1 };
    })
    .sort((a, b) => a.id - b.id);
  const properties = { ...commonPropertyDefaults } as Record<string, unknown>;
  for (const key of Object.keys(commonPropertyDefaults)) {
    const value = entries[`Cluster/${key}`];
    if (value !== undefined) properties[key] = value;
  }
  return { name, domain: String(entries['Cluster/Domain'] ?? ''), nodes, witness: readWitness(entries), properties: properties as unknown as CommonProperties };
}

export function quorumConfigOf(identity: ClusterIdentity): QuorumConfig {
  return {
    nodes: identity.nodes.map((n) => ({ name: n.name, id: n.id, NodeWeight: n.NodeWeight })),
    witness: identity.witness,
    DynamicQuorum: identity.properties.DynamicQuorum,
    LowerQuorumPriorityNodeID: identity.properties.LowerQuorumPriorityNodeID,
  };
}

export function heartbeatSettingsOf(identity: ClusterIdentity): HeartbeatSettings {
  const p = identity.properties;
  return { SameSubnetDelay: p.SameSubnetDelay, SameSubnetThreshold: p.SameSubnetThreshold, CrossSubnetDelay: p.CrossSubnetDelay, CrossSubnetThreshold: p.CrossSubnetThreshold, RouteHistoryLength: p.RouteHistoryLength };
}

export function regroupSettingsOf(identity: ClusterIdentity): RegroupSettings {
  const p = identity.properties;
  return {
    ClusSvcRegroupOpeningTimeout: p.ClusSvcRegroupOpeningTimeout,
    ClusSvcRegroupPruningTimeout: p.ClusSvcRegroupPruningTimeout,
    ClusSvcRegroupStageTimeout: p.ClusSvcRegroupStageTimeout,
    ClusSvcRegroupTickInMilliseconds: p.ClusSvcRegroupTickInMilliseconds,
    QuorumArbitrationTimeMax: p.QuorumArbitrationTimeMax,
  };
}
