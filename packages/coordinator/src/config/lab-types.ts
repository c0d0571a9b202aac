// A lab as the coordinator uses it: every default filled in, every name checked against the
// others (spec "A lab"). The file format is in lab-schema.ts; this is what it becomes.

export type ClusterNetworkRole = 'None' | 'ClusterOnly' | 'ClusterAndClient';

export interface NetworkSpec {
  name: string;
  /** IPv4 subnet in CIDR form, e.g. `10.0.1.0/24`. */
  subnet: string;
  /** Cluster network role (facts §12). Default: ClusterAndClient with a gateway, None for the
   * storage target's network when there are others, else ClusterOnly. */
  role: ClusterNetworkRole;
  /** Default 1 Gbps. */
  bandwidthGbps: number;
  /** One-way latency in simulated ms. Default 0.2 ms. */
  latencyMs: number;
  /** Default gateway, when the network has one. */
  gateway?: string;
  /** The NICs on it are RDMA-capable (SMB Direct for the SMB live-migration option, facts §6.3). Absent: not. */
  rdma?: boolean;
}

export interface CpuSpec {
  vendor: 'Intel' | 'AMD';
  /** A feature-set level; a higher level is a superset of a lower one (facts §9). Default 3. */
  features: number;
}

/** Windows Server release; 2012 stands for Windows Server 2012 R2. */
export type OsVersion = 2012 | 2016 | 2019 | 2022 | 2025;

export interface NodeSpec {
  name: string;
  /** The node's address on each network, by network name; every network has one. */
  addresses: Record<string, string>;
  /** Default 64 GiB. */
  memoryGiB: number;
  /** Default 16. */
  logicalProcessors: number;
  cpu: CpuSpec;
  /** Default 2022. */
  osVersion: OsVersion;
}

export interface DirectorySpec {
  /** The AD DS + DNS server's machine name. */
  name: string;
  address: string;
}

export interface DiskSpec {
  /** The disk's name; its cluster resource takes this name (spec "A lab"). */
  name: string;
  sizeGiB: number;
}

export interface StorageTargetSpec {
  /** The iSCSI target server's machine name. */
  name: string;
  address: string;
  /** Nodes whose initiators may log in; others are refused. */
  allowedInitiators: string[];
  disks: DiskSpec[];
}

export type WitnessSpec =
  | { type: 'None' }
  | { type: 'Disk'; disk: string }
  | { type: 'FileShare'; path: string }
  | { type: 'Cloud'; accountName: string };

export interface ClusterSpec {
  name: string;
  /** The cluster IP address (the administrative access point). */
  address: string;
  /** Default None (node majority). */
  witness: WitnessSpec;
  /** Disks added as Cluster Shared Volumes. */
  csv: string[];
  /** Cluster common properties by their real names (facts §1, §2, §6, §8), canonical casing. */
  settings: Record<string, number | string>;
}

export type GroupPriority = 'High' | 'Medium' | 'Low' | 'NoAutoStart';

export interface RoleSpec {
  name: string;
  /** Default FileServer, the role of the seed walkthrough. */
  type: 'FileServer';
  /** The shared disk the role owns. */
  disk: string;
  /** The role's client access point address, when it has one. */
  address?: string;
  /** Default none. */
  preferredOwners: string[];
  /** Default Medium (2000, facts §4.4). */
  priority: GroupPriority;
}

export interface VmAdapterSpec {
  /** The network (virtual switch) the adapter is connected to. */
  switch: string;
  /** Protected network; default true (facts §7). */
  clusterMonitored: boolean;
}

export type ProcessorCompatibility = 'None' | 'MinimumFeatureSet' | 'CommonClusterFeatureSet';

export interface VmSpec {
  name: string;
  /** Startup memory. Default 1 GiB (New-VM). */
  memoryGiB: number;
  /** How fast the guest dirties memory, for live migration pre-copy. A lab parameter. */
  dirtyRateMBps: number;
  /** Memory the guest touches; default all of `memoryGiB`. */
  workingSetGiB: number;
  /** A CSV disk name, or `local` (the host's own disk: the VM cannot fail over). */
  storage: string;
  preferredOwners: string[];
  /** The node the VM runs on at start. */
  host: string;
  /** Default Medium (facts §4.4). */
  priority: GroupPriority;
  adapters: VmAdapterSpec[];
  /** Default None: compatibility mode off (facts §9). */
  processorCompatibility: ProcessorCompatibility;
  /** `major.minor`; default the highest the host's OS supports (facts §10.2). */
  configVersion: string;
}

export interface LabSpec {
  /** Default wsfc.local. */
  domain: string;
  /** The wall-clock time at simulated 0, ISO 8601 with its offset. Default 2026-01-05T00:00:00Z. */
  startTime: string;
  networks: NetworkSpec[];
  directory: DirectorySpec;
  storageTarget: StorageTargetSpec;
  nodes: NodeSpec[];
  /** Absent: the lab has no cluster yet; a scenario creates it with New-Cluster. */
  cluster?: ClusterSpec;
  roles: RoleSpec[];
  vms: VmSpec[];
}

/** Every machine of the lab: the nodes, then the storage target and the directory server. */
export function machineNames(lab: LabSpec): string[] {
  return [...lab.nodes.map((node) => node.name), lab.storageTarget.name, lab.directory.name];
}
