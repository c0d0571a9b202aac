// The cluster service of one node: its regroup, its GUM and its copy of the cluster database, its
// disk arbitration and its resource control manager, as one slice of the node actor's state.
import type { ActorIo, NodeState } from '@wsfc-lab/protocol';
import type { ArbitrationInput, ArbitrationOutcome, ArbitrationState, ArbitrationTimer } from '../arbitration/mod.js';
import type { NodeConfig } from '../config.js';
import type { GumInput, GumNodeState } from '../gum/mod.js';
import type { RegroupInput, RegroupState, RegroupTimer, View } from '../regroup/mod.js';
import type { ClusterObjects, ResourceState } from '../resources/mod.js';
import type { StorageState, StorageTimer } from '../storage/mod.js';
import type { ClusterIdentity } from './identity.js';
import type { DirectoryChannel } from '../directory-client/mod.js';
import type { ClusterDirectoryTag } from './names.js';
import type { ClusterBootstrap } from './bootstrap.js';
import type { ClusterLogRing } from '../cluster-log/mod.js';
import type { HeartbeatSettings } from '../settings.js';
import type { NewClusterValidation } from '../validation/new-cluster-gate.js';
import type { HyperVState } from '../hyperv/types.js';
import type { HyperVHost } from '../hyperv/migration-link.js';

export type ClusterTimer =
  | { subsystem: 'cluster'; type: 'Regroup'; timer: RegroupTimer }
  | { subsystem: 'cluster'; type: 'GumTick' }
  /** Look again at what this node should host (a retry after a refused disk, a restart delay). */
  | { subsystem: 'cluster'; type: 'Reconcile' }
  /** An isolated node's clustered VM reached the end of its ResiliencyPeriod (isolated-host.ts). */
  | { subsystem: 'cluster'; type: 'ResiliencyPeriodEnded' }
  /** A file share witness claim: send it (after ArbitrationDelay), or give up on it. */
  | { subsystem: 'cluster'; type: 'FileShareWitness'; arbitrationId: number; step: 'Send' | 'Deadline' }
  /** A request to the domain controller waits for its answer (directory-client/channel.ts). */
  | { subsystem: 'cluster'; type: 'DirectoryAttempt'; requestId: string; attempt: number };

export type ClusterIoTimer = ClusterTimer | ArbitrationTimer | StorageTimer;

/** What the node hands the cluster service on every call: its io, its initiator, its routes. */
export interface ClusterHost {
  io: ActorIo<ClusterIoTimer>;
  storage: StorageState;
  /** The networks with a working route to `peer`, best first. */
  networksTo(peer: string): string[];
  /** The failure detector must watch exactly these peers (the cluster's other nodes). */
  watchPeers(peers: string[]): void;
  /** The failure detector's delays and thresholds, from the cluster database. */
  setHeartbeatSettings(settings: HeartbeatSettings): void;
  /** The cluster service stopped cleanly: the failure detector stops both ways. */
  stopHeartbeats(): void;
  /** A peer said it is leaving: it is lost now. */
  peerLeft(peer: string): void;
  /** The machine turns off (Stop-Computer): it answers nothing until started again. */
  powerOff(): void;
  /** This node's interface on a cluster network ("Cluster Network N") as the failure detector judges it. */
  interfaceOn(clusterNetwork: string): { name: string; state: string | undefined; networkState: string | undefined } | undefined;
  /** The last Test-Cluster report this node wrote, for New-Cluster's gate. */
  lastValidation(): NewClusterValidation | undefined;
  /** The node's Hyper-V host: its VMs and migrations. */
  hyperv: { state: HyperVState; host: HyperVHost };
  /** This node can use the Cluster Shared Volume made of `disk` now (Direct or redirected). */
  csvAccessible(disk: string): boolean;
}

/** A resource this node hosts, as its resource monitor knows it. */
export interface HostedResource {
  state: ResourceState;
  sinceMs: number;
}

/** A cmdlet waiting for the cluster to reach a state (Move-ClusterGroup returns once the group is online). */
export interface Waiter {
  requestId: string;
  kind: 'GroupOnline' | 'GroupOffline' | 'ResourceOnline' | 'ResourceOffline' | 'Committed' | 'Control' | 'ServiceStopped' | 'NodeDown' | 'NodeUp' | 'Drained';
  object: string;
  node?: string;
  gumRequestId?: string;
  deadlineMs: number;
  output?: unknown;
  /** The GUM request behind it finished: Committed, or why it was rejected. */
  gumOutcome?: string;
  /** A request forwarded to another node's cluster service (ClusterControl), and its answer. */
  controlId?: string;
  controlResult?: { ok: boolean; message: string };
  /** GroupOnline: the group was seen not Failed since the request, so a Failed now is this attempt's. */
  sawNotFailed?: boolean;
}

export interface RcmState {
  hosted: Record<string, HostedResource>;
  /** The one database update this node's resource manager has in flight. */
  inFlight: string | null;
  /** When each group last failed over, for FailoverThreshold in FailoverPeriod. */
  failovers: Record<string, number[]>;
  /** Resources not to bring online here before this time (a refused disk, a restart delay, a failed group's retry). */
  retryAtMs: Record<string, number>;
  /** The Start-ClusterGroup requests (rcm.ts onlineRequested) this node has acted on, by group. */
  onlineRequestsSeen?: Record<string, number>;
  /** The leader's isolation events already logged, by node (isolation.ts). */
  isolationAnnounced?: Record<string, 'Isolated' | 'Ended'>;
  /** When the leader's wake-up for an ending isolation is due. */
  isolationWakeAtMs?: number;
  /** Disks refused here in a row because a member holds their reservation (rcm.ts heldByMemberTriesMax). */
  heldByMember?: Record<string, number>;
  /** Each resource's failures on this node inside its RestartPeriod (the restart policy's count). */
  failures: Record<string, number[]>;
  /** Services of Generic Service resources stopped on this node behind the cluster's back (services.ts). */
  stoppedServices: string[];
  /** When the leader looks again for a failback whose window is closed now. */
  failbackCheckAtMs?: number;
  /** Roles whose VM an administrator started (1) or stopped (0) on this node behind the cluster's back. */
  vmIntents: Record<string, 0 | 1>;
  /** Migration cut-overs this node proposed, by GUM request id → migration id. */
  commits: Record<string, string>;
  /** Move-ClusterVirtualMachineRole requests waiting for their migration to end, by migration id. */
  migrationReplies: Record<string, { controlId: string; from: string }>;
  /** When the periodic look (the health checks) last ran. */
  lastPollMs?: number;
  /** Roles whose live migration off this node failed (a drain then fails, facts §5.2 1137). */
  failedMoves: string[];
}

export type ServiceState = 'NotConfigured' | 'Running' | 'Stopped';

export interface ClusterState {
  config: NodeConfig;
  service: ServiceState;
  identity: ClusterIdentity | undefined;
  regroup: RegroupState | undefined;
  gum: GumNodeState;
  arbitration: ArbitrationState | undefined;
  /** The last view this node installed, while it is a member. */
  view: View | null;
  /** Each node's state as this node reports it (Get-ClusterNode). */
  nodeStates: Record<string, NodeState>;
  rcm: RcmState;
  waiters: Waiter[];
  nextRequestNumber: number;
  gumTicking: boolean;
  /**
   * This node has held the cluster's current database since its service (re)started: it joined.
   * A new view's GUM re-sync does not make it Joining again.
   */
  joined: boolean;
  /** Stopping cleanly: Stop (the service) or PowerOff (then the machine). */
  stopping?: 'Stop' | 'PowerOff';
  /** Peers that said they were leaving: their removal is not an unexpected one (no 1135). */
  leaving: string[];
  /** The cluster service's own requests to AD DS and DNS (names.ts). */
  directory: DirectoryChannel<ClusterDirectoryTag>;
  /** The regroup's file share witness arbitration this node is carrying out (file-share-witness.ts). */
  fileShareClaim?: {
    arbitrationId: number;
    requestId: string;
    server: string;
    share: string;
    claim: { viewNumber: number; previousViewNumber: number; coordinator: string };
    sent: boolean;
  };
  /** Add-Cluster…Role waiting for its virtual computer object, by the cmdlet's requestId. */
  pendingRoles: Record<string, { name: string; objects: ClusterObjects; output: unknown }>;
  /** New-Cluster waiting for its cluster name object. */
  pendingNewCluster?: { requestId: string; bootstrap: ClusterBootstrap };
  /** Since when this node's cluster service is out of the cluster keeping its clustered VMs (isolated-host.ts). */
  isolatedSinceMs?: number;
  /** The lab's block workload waiting for the target (workload.ts): writeId/token → the command's requestId. */
  workload?: { writes: Record<string, string>; reads: Record<string, string>; count: number; next: number };
  /** This node's cluster.log (cmdlets-log.ts): lines of the events it emitted, oldest overwritten first. */
  clusterLog?: ClusterLogRing;
}

export type ClusterWork =
  | { type: 'Regroup'; input: RegroupInput }
  | { type: 'Gum'; input: GumInput }
  | { type: 'Arbitration'; input: ArbitrationInput }
  | { type: 'Outcome'; outcome: ArbitrationOutcome }
  | { type: 'Reconcile' };
