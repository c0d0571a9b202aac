// The storage target's state: virtual disks (each a LUN backing device with its persistent
// reservations), iSCSI targets with their access lists and LUN mappings, and the sessions logged
// in. Disks, targets and reservations with APTPL outlive a restart (they are on the server's own
// disk, `io.store`, and on the LUN files, `io.blocks`); sessions do not.
import type { ActorIo, ScsiRefusalReasonOf } from './_types.js';
import type { InitiatorId } from './acl.js';
import type { ReservationState } from './reservations.js';

export type StorageTimer = { type: 'SessionIdleCheck'; sessionId: number };
export type StorageIo = ActorIo<StorageTimer>;

export interface VirtualDisk {
  /** The block device's name; for the lab's disks, the cluster disk name ("Cluster Disk 1"). */
  name: string;
  /** The VHDX path the cmdlets show and take. */
  path: string;
  sizeBytes: number;
  sizeBlocks: number;
  serialNumber: string;
  description: string;
  reservations: ReservationState;
}

export interface LunMapping {
  lun: number;
  /** A `VirtualDisk.name`. */
  disk: string;
}

export interface IscsiTarget {
  name: string;
  iqn: string;
  description: string;
  enabled: boolean;
  /** Drop sessions silent for `sessionIdleTimeoutMs` (Set-IscsiServerTarget -EnforceIdleTimeoutDetection). */
  enforceIdleTimeoutDetection: boolean;
  initiatorIds: InitiatorId[];
  luns: LunMapping[];
  /** Simulated ms of the last successful login; null when none since start. */
  lastLoginMs: number | null;
}

export interface IscsiSession {
  /** The TSIH. */
  sessionId: number;
  /** The lab machine that logged in; every later PDU on the session must come from it. */
  node: string;
  network: string;
  initiatorName: string;
  initiatorAddress: string | undefined;
  /** `IscsiTarget.name`. */
  target: string;
  targetIqn: string;
  establishedAtMs: number;
  lastHeardMs: number;
  timerId: number | null;
}

export interface StorageCounters {
  refused: Record<ScsiRefusalReasonOf, number>;
  loginsRefused: number;
  sessionsTimedOut: number;
  writesAccepted: number;
  writesRefused: number;
  /** Refusal events not emitted because `limits.rejectEventsPerActorMax` were already emitted. */
  refusalEventsSuppressed: number;
}

export interface StorageTargetState {
  host: string;
  address: string;
  incarnation: number;
  sessionIdleTimeoutMs: number;
  /** Keyed by `VirtualDisk.name`. */
  disks: Map<string, VirtualDisk>;
  /** Keyed by the lower-cased TargetName. */
  targets: Map<string, IscsiTarget>;
  sessions: Map<number, IscsiSession>;
  /** The next TSIH to try. */
  nextSessionId: number;
  counters: StorageCounters;
  refusalEventsEmitted: number;
  /** SMB shares the server serves (file share witnesses). */
  shares: string[];
}

export function emptyCounters(): StorageCounters {
  return {
    refused: { NoSession: 0, ForgedSource: 0, LunNotFound: 0, InvalidField: 0, LbaOutOfRange: 0, ReservationConflict: 0 },
    loginsRefused: 0,
    sessionsTimedOut: 0,
    writesAccepted: 0,
    writesRefused: 0,
    refusalEventsSuppressed: 0,
  };
}

export function targetByName(state: StorageTargetState, name: string): IscsiTarget | undefined {
  return state.targets.get(name.toLowerCase());
}

export function targetByIqn(state: StorageTargetState, iqn: string): IscsiTarget | undefined {
  const wanted = iqn.toLowerCase();
  return [...state.targets.values()].find((t) => t.iqn.toLowerCase() === wanted);
}

/** A disk by its path or its name, ignoring case as Windows paths do. */
export function diskByPath(state: StorageTargetState, pathOrName: string): VirtualDisk | undefined {
  const wanted = pathOrName.toLowerCase();
  return [...state.disks.values()].find((d) => d.path.toLowerCase() === wanted || d.name.toLowerCase() === wanted);
}

/** The targets a disk is mapped to. */
export function targetsOfDisk(state: StorageTargetState, disk: string): IscsiTarget[] {
  return [...state.targets.values()].filter((t) => t.luns.some((l) => l.disk === disk));
}

export function sessionsOfTarget(state: StorageTargetState, target: string): IscsiSession[] {
  return [...state.sessions.values()].filter((s) => s.target === target);
}
