// What Test-Cluster needs to know about the servers, networks and disks it validates, as data:
// the plan says which facts to gather, the integration gathers them from the lab's actual state
// (each node's inventory, pings across the fabric, each node's view of its disks), and the judge
// reads only these. Nothing here is looked up anywhere else.
import type { ReservationKey } from '@wsfc-lab/protocol';
import type { ClusterNetworkRole } from '../config.js';

/** Windows Server release; 2012 stands for Windows Server 2012 R2 (as in the lab file). */
export type OsRelease = 2012 | 2016 | 2019 | 2022 | 2025;

export const osReleases: readonly OsRelease[] = [2012, 2016, 2019, 2022, 2025];

/** Product name and build of each release (what `List Operating System Information` shows). */
export const osReleaseInfo: Record<OsRelease, { caption: string; version: string }> = {
  2012: { caption: 'Microsoft Windows Server 2012 R2 Datacenter', version: '6.3.9600' },
  2016: { caption: 'Microsoft Windows Server 2016 Datacenter', version: '10.0.14393' },
  2019: { caption: 'Microsoft Windows Server 2019 Datacenter', version: '10.0.17763' },
  2022: { caption: 'Microsoft Windows Server 2022 Datacenter', version: '10.0.20348' },
  2025: { caption: 'Microsoft Windows Server 2025 Datacenter', version: '10.0.26100' },
};

export type InstallationOption = 'Server Core' | 'Server with Desktop Experience';

export interface ValidationNetwork {
  name: string;
  /** IPv4 CIDR, e.g. 172.16.1.0/24. */
  subnet: string;
  role: ClusterNetworkRole;
}

export type FactRequest =
  /** The server's own description: domain, OS, processor, Hyper-V, its address on each network. */
  | { type: 'NodeInventory'; node: string }
  /** The disks the server sees, with the persistent-reservation keys on each (PR IN READ KEYS). */
  | { type: 'DiskInventory'; node: string }
  /** Whether `from` reaches `to` on `network` (the cluster's UDP 3343 path), and how fast. */
  | { type: 'Reachability'; network: string; from: string; to: string };

export interface NodeInventory {
  node: string;
  /** The domain the computer is joined to; null for a workgroup computer. */
  domain: string | null;
  osRelease: OsRelease;
  installationOption: InstallationOption;
  architecture: 'x64';
  processor: { manufacturer: 'Intel' | 'AMD'; logicalProcessors: number; slat: boolean };
  memoryBytes: number;
  hyperVInstalled: boolean;
  /** The server's address on each network it has an adapter on, by network name. */
  addresses: Record<string, string>;
}

export interface DiskSeen {
  /** The disk's name as the target names it (the cluster disk's name). */
  name: string;
  /** Identifies the same disk across servers. */
  serialNumber: string;
  sizeBytes: number;
  busType: 'iSCSI' | 'SAS' | 'Fibre Channel' | 'SATA' | 'NVMe' | 'SCSI' | 'Virtual';
  /** The server's own boot or system disk. */
  isSystem: boolean;
  /** Keys registered on the disk, read from this server; empty when there are none. */
  reservationKeys: ReservationKey[];
}

export interface DiskInventory {
  node: string;
  disks: DiskSeen[];
}

export interface Reachability {
  network: string;
  from: string;
  to: string;
  reachable: boolean;
  roundTripMs: number | null;
}

export interface GatheredFacts {
  nodes: NodeInventory[];
  disks: DiskInventory[];
  reachability: Reachability[];
}

/** A node's full name, as the report names servers. */
export function fullNameOf(node: NodeInventory): string {
  return node.domain === null ? node.node : `${node.node}.${node.domain}`;
}
