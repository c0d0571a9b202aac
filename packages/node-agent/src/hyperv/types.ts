// A Hyper-V host's state: the VMs registered on it, the host's migration settings and the
// migrations it takes part in (as source or destination). The Virtual Machine Management service
// of one node; the cluster service drives it for clustered VMs (cluster/vm-resources.ts).
import type { MigrationType, VmState, VmStateCause } from '@wsfc-lab/protocol';
import type { CompressionFigures, MigrationPerformanceOption, PassPlan } from './precopy.js';
import type { HostCpu, ProcessorCompatibility, VmCpu } from './processor.js';
import type { VmMigrationNetwork } from './migration-networks.js';

/** What a VM is, as its configuration file (or the cluster's Virtual Machine resource) holds it. */
export interface VmConfig {
  name: string;
  memoryStartupBytes: number;
  /** Memory the guest touches; the pre-copy re-sends at most this much per pass. */
  workingSetBytes: number;
  /** How fast the guest dirties memory (a lab parameter, facts §6.4). */
  dirtyRateBytesPerSec: number;
  processorCount: number;
  /** Configuration version, `major.minor` (facts §10.2). */
  version: string;
  /** The folder of its files (C:\ClusterStorage\Volume1\vm01 on a CSV). */
  path: string;
  /** `local`, or the cluster disk (CSV) that holds its files. */
  storage: string;
  /** A highly available VM: the cluster decides where it runs. */
  clustered: boolean;
  /** Processor compatibility for migration (Set-VMProcessor, facts §9); absent: None. */
  processorCompatibility?: ProcessorCompatibility;
  /** Its network adapters (Get-VMNetworkAdapter, facts §7); absent: one adapter, connected to no switch (vm-adapters.ts). */
  adapters?: VmNetworkAdapter[];
}

/** A VM's network adapter: the virtual switch it is connected to and whether the cluster protects it (facts §7). */
export interface VmNetworkAdapter {
  /** "Network Adapter", Hyper-V's name for every adapter it adds. */
  name: string;
  /** The virtual switch, named after the lab network its physical NIC is on; '' when not connected. */
  switchName: string;
  /** Protected network (ClusterMonitored), on by default; `Set-VMNetworkAdapter -NotMonitoredInCluster $true` turns it off. */
  clusterMonitored: boolean;
}

export interface HostedVm {
  config: VmConfig;
  state: VmState;
  /** Since when it is Paused-Critical (storage-health.ts). */
  pausedCriticalSinceMs?: number;
  /** When the VM last became Running (Get-VM's Uptime). */
  runningSinceMs?: number;
  /** The processor features it was booted with, while it is not Off (facts §9). */
  cpu?: VmCpu;
  /** The transition under way ends at this time (a timer with this token). */
  transition?: { token: number; to: VmState; cause: VmStateCause };
  /** The cluster's network health check of this VM here (cluster/protected-network.ts): when it runs next, and whether it found a protected network failed. */
  networkCheck?: { atMs: number; failing: boolean };
}

/** Set-VMHost's migration settings (facts §6.1, §6.3). */
export interface VmHostSettings {
  MaximumVirtualMachineMigrations: number;
  MaximumStorageMigrations: number;
  VirtualMachineMigrationEnabled: boolean;
  VirtualMachineMigrationPerformanceOption: MigrationPerformanceOption;
  VirtualMachineMigrationAuthenticationType: 'CredSSP' | 'Kerberos';
  UseAnyNetworkForMigration: boolean;
  /** Add-VMMigrationNetwork's subnets (Get-VMMigrationNetwork), used when UseAnyNetworkForMigration is off. Replaced, never mutated. */
  migrationNetworks: readonly VmMigrationNetwork[];
}

export const vmHostDefaults: Readonly<VmHostSettings> = {
  MaximumVirtualMachineMigrations: 2,
  MaximumStorageMigrations: 2,
  VirtualMachineMigrationEnabled: true,
  VirtualMachineMigrationPerformanceOption: 'Compression',
  VirtualMachineMigrationAuthenticationType: 'CredSSP',
  UseAnyNetworkForMigration: false,
  migrationNetworks: [],
};

export type MigrationPhase = 'Queued' | 'Offering' | 'Copying' | 'Blackout' | 'Committing';

/** A migration this host drives (it is the source). */
export interface OutgoingMigration {
  migrationId: string;
  vm: string;
  destination: string;
  migrationType: MigrationType;
  /** The cluster group when clustered: the destination takes it over at the cut-over. */
  group?: string;
  phase: MigrationPhase;
  queuedAtMs: number;
  startedAtMs?: number;
  network?: string;
  passes: PassPlan[];
  /** Bytes the next pass (or the blackout) must send. */
  remainingBytes: number;
  blackout?: { bytes: number; wireBytes: number; durationMs: number; startedAtMs: number };
  /** The timer under way (a pass, the blackout, or the wait for the other side), by token. */
  token: number;
  /** When the destination was last heard from. */
  lastHeardMs: number;
  /** A frame to the destination waits for its answer. */
  awaiting: boolean;
  /** MigrationQueued was logged for it. */
  announcedQueued: boolean;
  /** A busy destination: not asked again before this time. */
  retryAtMs?: number;
  /** Of the current pass, the time still to run after this segment. */
  segmentLeftMs?: number;
}

/** A migration this host receives. */
export interface IncomingMigration {
  migrationId: string;
  source: string;
  migrationType: MigrationType;
  config: VmConfig;
  reservedBytes: number;
  lastHeardMs: number;
  group?: string;
  committing: boolean;
  /** The processor features the VM runs with (it keeps them on this host). */
  cpu?: VmCpu;
}

/** What the host tells the cluster service after a step (node.ts routes them). */
export type HyperVNotice =
  | { type: 'VmRunning'; vm: string }
  | { type: 'VmStopped'; vm: string; State: VmState; cause: VmStateCause }
  /** The destination has the VM's last pages: the cluster must give it the role before it resumes. */
  | { type: 'CommitMigration'; migrationId: string; vm: string; group: string; source: string }
  | { type: 'MigrationEnded'; migrationId: string; vm: string; destination: string; outcome: 'Completed' | 'Failed' | 'Cancelled'; message: string };

export interface HyperVState {
  node: string;
  /** This host's processor (vendor and feature level). */
  cpu: HostCpu;
  /** The largest feature level every cluster node has (CommonClusterFeatureSet), when a cluster node. */
  clusterFeatureLevel?: number;
  /** Windows Server release of the host (CommonClusterFeatureSet needs 2025). */
  osRelease: number;
  /** The configuration version New-VM gives by default: the highest this host's OS supports. */
  defaultVersion: string;
  /** Memory the host can give to VMs, in bytes (its memory less the host's own reserve). */
  memoryCapacityBytes: number;
  logicalProcessors: number;
  vms: Record<string, HostedVm>;
  host: VmHostSettings;
  /** The cluster's MaximumParallelMigrations when this host is a cluster node (it wins, facts §6.1). */
  clusterMaximumParallelMigrations?: number;
  outgoing: OutgoingMigration[];
  incoming: IncomingMigration[];
  compression: CompressionFigures;
  /** Networks and their bandwidth, for live-migration traffic. */
  networks: { name: string; role: string; bandwidthGbps: number }[];
  nextToken: number;
  nextMigration: number;
  notices: HyperVNotice[];
  /** What the cluster's protected-network check keeps on this host (cluster/protected-network-health.ts). */
  switchHealth?: SwitchHealth;
}

/** Per lab network (the switch's): since when this node judges its own interface failed, and when it last told the cluster. */
export interface SwitchHealth {
  failedSinceMs: Record<string, number>;
  proposedAtMs: Record<string, number>;
}

export type HyperVTimer =
  | { subsystem: 'hyperv'; type: 'VmTransition'; vm: string; token: number }
  | { subsystem: 'hyperv'; type: 'MigrationStep'; migrationId: string; token: number }
  /** Look again at the queue (a busy destination) and at silent peers (the TCP time-out). */
  | { subsystem: 'hyperv'; type: 'MigrationCheck' };
