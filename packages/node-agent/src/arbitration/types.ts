// The arbitration state machine's state, inputs and outputs: the sans-I/O shape of etcd's raft
// package (regroup/types.ts has the same shape). The caller feeds inputs (the resource manager's
// Acquire and Release, the regroup's ArbitrateWitness, membership changes, writes, storage
// completions, timers) and carries out the outputs: storage commands through the initiator
// (host.ts does it with storage/cluster-api.ts), timers, events, and outcomes for the caller.
import type { ArbitrationEvent, ArbitrationPurpose, ReservationKey, ReservationLossCause } from '@wsfc-lab/protocol';
import type { ViewMember } from '../regroup/types.js';
import type { StorageCommand, StorageCompletion } from '../storage/mod.js';
import type { WitnessClaim } from './grant-rule.js';
import type { ArbitrationTiming } from './timing.js';

export type { ArbitrationPurpose, ReservationLossCause, ViewMember };

/** The subsystem name in timers and in the tags of storage commands (node.ts routes by it). */
export const arbitrationSubsystemName = 'arbitration';

export interface ArbitrationConfig {
  /** This node's name. */
  self: string;
  /** This node's cluster node ID (Get-ClusterNode Id): its reservation key carries it (keys.ts). */
  selfId: number;
  clusterName: string;
  /** Every configured node, to name the holder of a key. */
  nodes: ViewMember[];
  timing?: Partial<ArbitrationTiming>;
}

/** A regroup's witness arbitration being served on this node (its leader is this node). */
export interface WitnessRequest extends WitnessClaim {
  arbitrationId: number;
  /** Node IDs of the requesting set, sorted. */
  members: number[];
  tagLba: number;
  receivedAtMs: number;
  /** Answer won: false if not done by then (QuorumArbitrationTimeMax less one command's transit). */
  deadlineMs: number;
}

export type ChallengeStep =
  | 'Register'
  | 'ReadKeys'
  | 'ReadReservation'
  | 'Reserve'
  | 'Preempt'
  | 'Fence'
  | 'Wait'
  | 'VerifyKeys'
  | 'VerifyReservation'
  | 'ReadTag'
  | 'WriteTag';

/** Taking a disk (facts §3.2): register, read, reserve or preempt, wait, verify; for the witness, the tag. */
export interface ChallengeRole {
  role: 'Challenging';
  purpose: ArbitrationPurpose;
  /** Node IDs taken as members: a holder outside them is preempted. */
  members: number[];
  step: ChallengeStep;
  startedAtMs: number;
  /** The last READ KEYS. */
  keys: ReservationKey[];
  /** Keys this challenge preempted: if one comes back, its owner defended and the challenge backs off. */
  victims: ReservationKey[];
  /** Keys still to preempt in the Fence step, and what follows it. */
  toFence: ReservationKey[];
  afterFence: 'Wait' | 'Claim';
  /** When this challenge took the reservation from a holder (or found it under its own key). */
  preemptedAtMs: number | null;
  /** Issue time of the command that last showed or made this node the holder. */
  confirmedIssueMs: number | null;
  /** The witness is held by a member of the requesting set: write the tag as a registrant, then withdraw. */
  registrant: boolean;
  /** A member holding the reservation is challenged like an outsider (it yields, or defends if it still has the disk). */
  takeFromMember: boolean;
  attempts: number;
  /** The request behind it was cancelled or timed out: withdraw at the next safe point. */
  abandoned: boolean;
}

/** What an owner is doing with its disk, one command at a time. */
export type OwnerOp =
  | { op: 'Idle' }
  /** The defence check: read the keys, fence non-members, read the reservation. */
  | { op: 'Check'; step: 'ReadKeys' | 'Fence' | 'ReadReservation'; toFence: ReservationKey[]; issuedAtMs: number }
  /** Taking the reservation back from `victim` (null: nobody holds it). */
  | { op: 'Restore'; step: 'Register' | 'ReadReservation' | 'Reserve' | 'Preempt'; victim: ReservationKey | null; issuedAtMs: number; steps: number }
  /** Serving a witness arbitration as the holder. */
  | { op: 'Tag'; step: 'ReadTag' | 'WriteTag' };

export interface OnlineRole {
  role: 'Online';
  /** `Witness`: taken only for a witness arbitration (given back if a later tag refuses this node's set). */
  heldFor: ArbitrationPurpose;
  sinceMs: number;
  /** Issue time of the last command that showed this node holding the reservation (the lease starts there). */
  lastConfirmedIssueMs: number;
  /** Not released before this: a holder it preempted may defend until then. */
  lingerUntilMs: number;
  op: OwnerOp;
  /** A check was asked for (a write conflict, a membership change) while another op ran. */
  checkWanted: boolean;
}

export interface ReleasingRole {
  role: 'Releasing';
  step: 'Linger' | 'Unregister';
  lingerUntilMs: number;
  /** Report DiskReleased when done (a Release asked for it). */
  report: boolean;
}

export type DiskRole = { role: 'Offline' } | ChallengeRole | OnlineRole | ReleasingRole;

export type SerialTimer = 'DefenceCheck' | 'ChallengeWait' | 'Linger';

export interface DiskState {
  /** The disk's name at the target (the cluster disk's name). */
  disk: string;
  role: DiskRole;
  /** Token of the protocol command in flight (one at a time); writes are tracked apart. */
  awaiting: string | null;
  /** Serial of the armed timer of each kind; a timer with another serial is stale. */
  armed: Record<SerialTimer, number>;
  serial: number;
  /** The regroup's arbitration to answer, if any. */
  witness: WitnessRequest | null;
  /** An Acquire to serve once the disk settles (online: report it; offline: start a challenge). */
  pendingAcquire: { members: number[]; takeFromMember: boolean } | null;
}

export interface WriteInFlight {
  disk: string;
  writeId: string;
}

export interface ArbitrationCounters {
  completionsIgnored: number;
  writesRefusedLocally: number;
  requestsRefused: number;
}

export interface ArbitrationState {
  config: ArbitrationConfig;
  timing: ArbitrationTiming;
  clusterTag: number;
  selfKey: ReservationKey;
  /** Node IDs of the current view's members (sorted); null before the first. */
  view: number[] | null;
  disks: Record<string, DiskState>;
  writes: Record<string, WriteInFlight>;
  writeCount: number;
  nextToken: number;
  counters: ArbitrationCounters;
}

export type ArbitrationTimer =
  | { subsystem: typeof arbitrationSubsystemName; type: SerialTimer; disk: string; serial: number }
  | { subsystem: typeof arbitrationSubsystemName; type: 'WitnessDeadline'; disk: string; arbitrationId: number };

export type ArbitrationStopReason = 'LostQuorum' | 'RemovedFromMembership' | 'Shutdown';

export type ArbitrationInput =
  /** Bring `disk` online here (the resource manager, or the quorum for the witness resource). */
  /** `takeFromMember`: challenge a member's reservation too (one left behind by a member that no longer has the disk). */
  | { type: 'Acquire'; nowMs: number; disk: string; members: ViewMember[]; reason: ArbitrationPurpose; takeFromMember?: boolean }
  | { type: 'Release'; nowMs: number; disk: string }
  /** The regroup's decision (regroup/types.ts), with the witness disk's name and size. */
  | {
      type: 'ArbitrateWitness';
      nowMs: number;
      disk: string;
      sizeBlocks: number;
      arbitrationId: number;
      viewNumber: number;
      previousViewNumber: number;
      coordinator: string;
      members: string[];
      timeoutMs: number;
    }
  /** A view was installed: owners fence the keys of nodes outside it. */
  | { type: 'MembershipChanged'; nowMs: number; members: ViewMember[] }
  /** Block I/O on an owned disk, fenced at the target; answered by WriteCompleted. */
  | { type: 'Write'; nowMs: number; disk: string; writeId: string; lba: number; data: Uint8Array }
  | { type: 'StorageCompleted'; nowMs: number; completion: StorageCompletion }
  | { type: 'Timer'; nowMs: number; timer: ArbitrationTimer }
  /** The cluster service stops (1177, 1006, or shut down): all I/O stops, nothing is released. */
  | { type: 'Stop'; nowMs: number; reason: ArbitrationStopReason };

/** A storage command to send with the tag `{ subsystem: 'arbitration', token }`. */
export interface ArbitrationCommand {
  disk: string;
  token: string;
  command: StorageCommand;
}

export interface ArbitrationTimerRequest {
  delayMs: number;
  timer: ArbitrationTimer;
}

export type AcquireFailure =
  /** A member of the view holds the reservation: take the disk offline there first. */
  | 'HeldByMember'
  /** The holder restored its key during the wait. */
  | 'Defended'
  /** Another node took the reservation during the challenge. */
  | 'Preempted'
  | 'StorageError'
  | 'Cancelled'
  | 'TooManyDisks';

export type WriteResult = 'Done' | 'ReservationConflict' | 'NotOwner' | 'Failed' | 'QueueFull';

export type ArbitrationOutcome =
  | { type: 'DiskAcquired'; disk: string }
  | { type: 'DiskAcquireFailed'; disk: string; reason: AcquireFailure; detail: string }
  | { type: 'DiskReleased'; disk: string }
  /** Event 1038: I/O on the disk has stopped here. */
  | { type: 'ReservationLost'; disk: string; cause: ReservationLossCause; preemptor: string | null }
  /** The answer to the regroup's ArbitrateWitness (its WitnessArbitrated input, less `nowMs`). */
  | { type: 'WitnessArbitrated'; arbitrationId: number; won: boolean }
  | { type: 'WriteCompleted'; disk: string; writeId: string; result: WriteResult; detail: string };

export interface ArbitrationStepResult {
  state: ArbitrationState;
  commands: ArbitrationCommand[];
  timers: ArbitrationTimerRequest[];
  events: ArbitrationEvent[];
  outcomes: ArbitrationOutcome[];
}
