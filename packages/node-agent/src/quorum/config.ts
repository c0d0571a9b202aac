// The quorum configuration as the cluster database keeps it (facts §2): each node's configured vote
// (NodeWeight), the witness, and the cluster properties DynamicQuorum and LowerQuorumPriorityNodeID.
// Get-ClusterQuorum's QuorumType is derived from this, never stored, so the two cannot disagree.
// Disk-only quorum is a disk witness with `diskOnly: true`: the nodes do not vote and the cluster
// runs while a member holds the disk.
import { assert, assertNever, limits } from '@wsfc-lab/protocol';

/** A vote: NodeWeight, DynamicWeight and WitnessDynamicWeight are each 0 or 1 (facts §2.2). */
export type Vote = 0 | 1;

export interface QuorumNode {
  /** Node name, e.g. "node01". */
  name: string;
  /** Cluster node ID as Get-ClusterNode shows it (Id): an integer from 1, unique in the cluster. */
  id: number;
  /** NodeWeight: the vote the administrator assigned. 0 or 1, default 1 (facts §2.2). */
  NodeWeight: Vote;
}

/** The witness, by type (Get-Cluster WitnessType: None, Disk, FileShare, Cloud). */
export type Witness =
  | { type: 'None' }
  /** A clustered Physical Disk in the Cluster Group; `diskOnly` is the legacy disk-only mode. */
  | { type: 'Disk'; resource: string; diskOnly: boolean }
  /** The File Share Witness resource and its SMB share, e.g. \\fs01\witness. */
  | { type: 'FileShare'; resource: string; sharePath: string }
  /** The Cloud Witness resource: an Azure Storage account; Endpoint default core.windows.net. */
  | { type: 'Cloud'; resource: string; accountName: string; endpoint: string };

export type WitnessType = Witness['type'];

export interface QuorumConfig {
  nodes: QuorumNode[];
  witness: Witness;
  /** DynamicQuorum (cluster common property): 1 enables dynamic vote management. Default 1 (facts §2.2). */
  DynamicQuorum: Vote;
  /** LowerQuorumPriorityNodeID: the node that gives up its vote in a 50/50 tie. Default 0 = none (facts §2.2). */
  LowerQuorumPriorityNodeID: number;
}

/** QuorumType as Get-ClusterQuorum prints it (the 2012–2016 names; facts §2.1). */
export type QuorumType = 'NodeMajority' | 'NodeAndDiskMajority' | 'NodeAndFileShareMajority' | 'NodeAndCloudMajority' | 'DiskOnly';

/** Resource names the real product gives the non-disk witnesses. */
export const witnessResourceNames = { FileShare: 'File Share Witness', Cloud: 'Cloud Witness' } as const;

/** Set-ClusterQuorum -Endpoint default for a cloud witness. */
export const cloudWitnessEndpointDefault = 'core.windows.net';

export const quorumDefaults = { NodeWeight: 1, DynamicQuorum: 1, LowerQuorumPriorityNodeID: 0 } as const;

export function quorumTypeOf(config: QuorumConfig): QuorumType {
  const { witness } = config;
  switch (witness.type) {
    case 'None':
      return 'NodeMajority';
    case 'Disk':
      return witness.diskOnly ? 'DiskOnly' : 'NodeAndDiskMajority';
    case 'FileShare':
      return 'NodeAndFileShareMajority';
    case 'Cloud':
      return 'NodeAndCloudMajority';
    default:
      return assertNever(witness);
  }
}

/** One Get-ClusterQuorum row: Cluster, QuorumResource (null without a witness), QuorumType. */
export interface ClusterQuorumRow {
  Cluster: string;
  QuorumResource: string | null;
  QuorumType: QuorumType;
}

export function getClusterQuorumRow(options: { clusterName: string; config: QuorumConfig }): ClusterQuorumRow {
  const { witness } = options.config;
  return {
    Cluster: options.clusterName,
    QuorumResource: witness.type === 'None' ? null : witness.resource,
    QuorumType: quorumTypeOf(options.config),
  };
}

export function nodeNamed(config: QuorumConfig, name: string): QuorumNode | undefined {
  return config.nodes.find((node) => node.name === name);
}

/** Programmer errors in a configuration: what the cluster database can never hold (STYLE 8). */
export function checkQuorumConfig(config: QuorumConfig): void {
  assert(config.nodes.length <= limits.nodesMax, `quorum config has ${config.nodes.length} nodes, more than nodesMax ${limits.nodesMax}`);
  const names = new Set<string>();
  const ids = new Set<number>();
  for (const node of config.nodes) {
    assert(!names.has(node.name), `quorum config names node "${node.name}" twice`);
    assert(Number.isInteger(node.id) && node.id >= 1 && !ids.has(node.id), `node "${node.name}" has a bad or duplicate Id ${node.id}`);
    assert(node.NodeWeight === 0 || node.NodeWeight === 1, `node "${node.name}" has NodeWeight ${String(node.NodeWeight)}, not 0 or 1`);
    names.add(node.name);
    ids.add(node.id);
  }
  assert(config.DynamicQuorum === 0 || config.DynamicQuorum === 1, `DynamicQuorum is ${String(config.DynamicQuorum)}, not 0 or 1`);
  assert(Number.isInteger(config.LowerQuorumPriorityNodeID) && config.LowerQuorumPriorityNodeID >= 0, `LowerQuorumPriorityNodeID is ${config.LowerQuorumPriorityNodeID}`);
}
