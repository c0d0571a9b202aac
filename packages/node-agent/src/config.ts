// What a node actor is started with: what a real host keeps across a power cycle (its network
// configuration and its cluster membership as configured), never anything from memory.
import type { NodeDirectoryConfig } from './directory-client/config.js';
import type { HeartbeatSettings } from './settings.js';
import type { NodeStorageConfig } from './storage/config.js';

export type ClusterNetworkRole = 'None' | 'ClusterOnly' | 'ClusterAndClient';

export interface NodeNetwork {
  name: string;
  subnet: string;
  role: ClusterNetworkRole;
}

export interface PeerNode {
  name: string;
  /** The cluster node ID (1 for the first node added). */
  id: number;
  /** Address per network name. */
  addresses: Record<string, string>;
}

export interface NodeConfig {
  name: string;
  /** This node's cluster node ID. */
  id: number;
  /** Absent until the node is a member of a cluster. */
  clusterName?: string;
  networks: NodeNetwork[];
  addresses: Record<string, string>;
  /** The other nodes of the cluster. */
  peers: PeerNode[];
  settings: HeartbeatSettings;
  /** The domain and its controller (also the DNS server); absent: a machine with no directory. */
  directory?: NodeDirectoryConfig;
  /** The iSCSI initiator's name, portals and favourite targets; absent: a machine with no iSCSI. */
  storage?: NodeStorageConfig;
}
