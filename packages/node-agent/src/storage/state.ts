// The initiator's state: discovery portals and favourite targets (kept in `io.store`), one session
// per target, the requests in flight (data: what to do with each answer), the iSCSI disks with
// their last-read layout, the mount manager's drive letters, the disk-management cmdlets queued,
// and the completions waiting for node.ts. Nothing in here is a closure.
import type { ActorIo, LunDescriptor } from '@wsfc-lab/protocol';
import type { DiskLayout } from '@wsfc-lab/storage-target';
import type { CommandSummary, CompletionTag, StorageCompletion } from './commands.js';
import type { PortalRoute } from './config.js';
import type { DiskOperation } from './disk-operation.js';
import type { MountDatabase } from './mount-manager.js';
import type { IscsiInitiatorTiming } from './timing.js';

export type StorageTimer =
  | { subsystem: 'storage'; type: 'RequestTimeout'; requestId: string }
  | { subsystem: 'storage'; type: 'NopOut'; targetIqn: string }
  | { subsystem: 'storage'; type: 'Reconnect'; targetIqn: string };

export type StorageIo = ActorIo<StorageTimer>;

export interface TargetPortal {
  address: string;
  portNumber: number;
}

export interface KnownTarget {
  nodeAddress: string;
  /** The portal that reported it (SendTargets), or the one it was logged in through. */
  portalAddress: string;
}

/**
 * A session's life: `LoggingIn` (a login is in flight), `LoggedIn`, `WaitingToReconnect` (lost or
 * refused; a Reconnect timer is set) and `LoggingOut` (Disconnect-IscsiTarget).
 */
export type SessionPhase = 'LoggingIn' | 'LoggedIn' | 'WaitingToReconnect' | 'LoggingOut';

export interface TargetSession {
  targetIqn: string;
  portal: PortalRoute;
  isPersistent: boolean;
  phase: SessionPhase;
  /** The target's TSIH while logged in. */
  sessionId: number | null;
  /** MSFT_iSCSISession.SessionIdentifier, set at each login. */
  sessionIdentifier: string | null;
  /** The ISID (initiator side), fixed for the session object. */
  initiatorSideIdentifier: string;
  loggedInAtMs: number | null;
  /** Logged in at least once: a lost session is retried for ever (MaxConnectionRetries). */
  everLoggedIn: boolean;
  loginAttempts: number;
  /** The LUNs of the last REPORT LUNS. */
  luns: LunDescriptor[];
  nopTimerId: number | null;
  reconnectTimerId: number | null;
  /** A Connect-IscsiTarget (its cmdlet requestId) waiting for this login and the LUN scan. */
  connectCmdlet: string | null;
  /** A Disconnect-IscsiTarget waiting for the logout. */
  disconnectCmdlet: string | null;
}

/** What a request in flight is for: the answer is handled by this, and only this. */
export type RequestPurpose =
  /** `makePersistent`: Connect-IscsiTarget -IsPersistent $true, which adds a favourite once logged in. */
  | { type: 'Login'; makePersistent: boolean }
  | { type: 'Logout' }
  | { type: 'NopOut' }
  | { type: 'ReportLuns' }
  | { type: 'SendTargets'; portal: PortalRoute; portNumber: number; cmdletRequestId: string | null }
  | { type: 'Command'; command: CommandSummary; tag: CompletionTag; disk: string; serialNumber: string };

export interface PendingRequest {
  requestId: string;
  /** The session's target; null for discovery (SendTargets). */
  targetIqn: string | null;
  /** The TSIH the request went out on, for SCSI commands and NOP-Outs. */
  sessionId: number | null;
  sentAtMs: number;
  timerId: number;
  purpose: RequestPurpose;
}

export type OfflineReason = 'Policy' | 'Manual';

export interface LayoutRefresh {
  round: number;
  /** Blocks read so far (dropped when the read ends). */
  blocks: { lba: number; data: Uint8Array }[];
  outstanding: number;
  failed: boolean;
  /** Disk operations (their opIds) waiting for this read. */
  waiters: string[];
}

export interface IscsiDisk {
  /** The disk number: 0 is the local system disk; iSCSI disks follow in the order they arrived. */
  number: number;
  serialNumber: string;
  /** The virtual disk's name at the target. */
  name: string;
  targetIqn: string;
  lun: number;
  sizeBlocks: number;
  /** Reported by REPORT LUNS on a logged-in session. */
  present: boolean;
  isOffline: boolean;
  offlineReason: OfflineReason | null;
  /** The layout as last read; null until a read finished. */
  layout: DiskLayout | null;
  refresh: LayoutRefresh | null;
}

export interface StorageCounters {
  loginsSucceeded: number;
  loginsRefused: number;
  loginsTimedOut: number;
  sessionsLost: number;
  requestsTimedOut: number;
  requestsFailedOnSessionLoss: number;
  requestsRefusedQueueFull: number;
  answersUnmatched: number;
  completionsDropped: number;
  diskOperationsRefused: number;
}

export interface StorageState {
  node: string;
  initiatorName: string;
  /** This node's address per network, for InitiatorPortalAddress. */
  addresses: Record<string, string>;
  timing: IscsiInitiatorTiming;
  portalRoutes: PortalRoute[];
  targetPortals: TargetPortal[];
  knownTargets: KnownTarget[];
  persistentTargets: KnownTarget[];
  sessions: TargetSession[];
  pending: Record<string, PendingRequest>;
  pendingCount: number;
  nextRequestNumber: number;
  nextSessionNumber: number;
  disks: IscsiDisk[];
  mount: MountDatabase;
  /** Disks set online by an administrator, by serial number (kept in `io.store`). */
  onlineDisks: string[];
  operations: DiskOperation[];
  /** Completions not yet handed to their consumer (settled at the end of each entry point). */
  settling: StorageCompletion[];
  /** Completions for other subsystems, waiting for node.ts. */
  completions: StorageCompletion[];
  counters: StorageCounters;
}

export function emptyCounters(): StorageCounters {
  return {
    loginsSucceeded: 0,
    loginsRefused: 0,
    loginsTimedOut: 0,
    sessionsLost: 0,
    requestsTimedOut: 0,
    requestsFailedOnSessionLoss: 0,
    requestsRefusedQueueFull: 0,
    answersUnmatched: 0,
    completionsDropped: 0,
    diskOperationsRefused: 0,
  };
}

export function sessionOf(state: StorageState, targetIqn: string): TargetSession | undefined {
  const wanted = targetIqn.toLowerCase();
  return state.sessions.find((s) => s.targetIqn.toLowerCase() === wanted);
}

export function diskByNumber(state: StorageState, number: number): IscsiDisk | undefined {
  return state.disks.find((d) => d.present && d.number === number);
}

export function diskBySerial(state: StorageState, serialNumber: string): IscsiDisk | undefined {
  return state.disks.find((d) => d.serialNumber === serialNumber);
}
