// What a node actor is started with: what a real host keeps across a power cycle (its network
// configuration and its cluster membership as configured), never anything from memory.
import type { NodeDirectoryConfig } from './directory-client/config.js';
import type { HeartbeatSettings } from './settings.js';
import type { NodeStorageConfig } from './storage/config.js';
import type { ClusterBootstrap } from './cluster/bootstrap.js';
import type { WallClock } from './cluster-log/wall-clock.js';
import type { VmConfig } from './hyperv/types.js';
import type { HostCpu } from './hyperv/processor.js';
import type { CompressionFigures } from './hyperv/precopy.js';

export type ClusterNetworkRole = 'None' | 'ClusterOnly' | 'ClusterAndClient';

export interface NodeNetwork {
  name: string;
  subnet: string;
  role: ClusterNetworkRole;
  /** The lab file's role, kept once an administrator has set another (cluster/network-roles.ts). */
  labRole?: ClusterNetworkRole;
  /** The network's bandwidth (lab `networks[].bandwidthGbps`): live migration shares it. */
  bandwidthGbps?: number;
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
  /**
   * The cluster as it stood when the lab started (the lab file's `cluster:`): seeds the node's
   * cluster database on its first start. Absent: no cluster yet (New-Cluster makes one).
   */
  cluster?: ClusterBootstrap;
  /** The lab's wall clock (its date at simulated 0 and the nodes' UTC offset); absent: 2026-01-05 00:00 UTC. */
  clock?: WallClock;
  networks: NodeNetwork[];
  addresses: Record<string, string>;
  /** The other nodes of the cluster. */
  peers: PeerNode[];
  settings: HeartbeatSettings;
  /** The domain and its controller (also the DNS server); absent: a machine with no directory. */
  directory?: NodeDirectoryConfig;
  /** The iSCSI initiator's name, portals and favourite targets; absent: a machine with no iSCSI. */
  storage?: NodeStorageConfig;
  /** What the server is (domain, OS, processor, memory, roles), as Test-Cluster inventories it; absent: the lab's defaults. */
  inventory?: NodeInventoryConfig;
  /** The Hyper-V host: VMs registered here at the lab's start (not the clustered ones), compression as measured. */
  hyperv?: NodeHyperVConfig;
}

export interface NodeHyperVConfig {
  /** The configuration version New-VM gives (the highest the host's OS supports). */
  defaultVersion?: string;
  /** The host's processor: vendor and feature level (lab `nodes[].cpu`, facts §9). */
  cpu?: HostCpu;
  /** The lab's measurement of live-migration compression (ratio, speed per core). */
  compression?: CompressionFigures;
  vms: { config: VmConfig; running: boolean }[];
}

/** A server's inventory as the lab file describes it (lab `nodes:`; Test-Cluster, facts §15). */
export interface NodeInventoryConfig {
  /** The domain the computer is joined to (lab `domain`); null for a workgroup computer. */
  domain: string | null;
  /** Windows Server release; 2012 stands for Windows Server 2012 R2. */
  osRelease: 2012 | 2016 | 2019 | 2022 | 2025;
  installationOption: 'Server Core' | 'Server with Desktop Experience';
  processor: { manufacturer: 'Intel' | 'AMD'; logicalProcessors: number; slat: boolean };
  memoryBytes: number;
  hyperVInstalled: boolean;
}
