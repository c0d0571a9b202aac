// The storage commands the cluster service sends through the initiator (facts §3.1), and what
// comes back: one typed completion per command. A command is data; so is its completion, so the
// cluster's disk arbitration can be a step function that consumes completions (node.ts routes
// each to the subsystem named in its tag). The disk-management cmdlets use the same path.
import { blockSizeBytes, type ReservationKey, type ReservationType, type Sense } from '@wsfc-lab/protocol';

export type StorageCommand =
  /** PERSISTENT RESERVE OUT REGISTER: `key` is the key held now (zero when none), `newKey` the key to hold (zero unregisters). */
  | { type: 'Register'; key: ReservationKey; newKey: ReservationKey; aptpl?: boolean }
  /** REGISTER AND IGNORE EXISTING KEY. */
  | { type: 'RegisterAndIgnoreExistingKey'; newKey: ReservationKey; aptpl?: boolean }
  /** RESERVE; the cluster's type is Write Exclusive – Registrants Only (the default). */
  | { type: 'Reserve'; key: ReservationKey; reservationType?: ReservationType }
  /** PREEMPT `victimKey`: removes its registrations and takes the reservation it held. */
  | { type: 'Preempt'; key: ReservationKey; victimKey: ReservationKey; reservationType?: ReservationType }
  | { type: 'Release'; key: ReservationKey; reservationType?: ReservationType }
  | { type: 'Clear'; key: ReservationKey }
  /** PERSISTENT RESERVE IN READ KEYS. */
  | { type: 'ReadKeys' }
  /** PERSISTENT RESERVE IN READ RESERVATION. */
  | { type: 'ReadReservation' }
  | { type: 'Read'; lba: number; blockCount: number }
  | { type: 'Write'; lba: number; data: Uint8Array };

export type StorageCommandType = StorageCommand['type'];

/** Who asked, as data: node.ts routes the completion to `subsystem`, which matches `token`. */
export interface CompletionTag {
  subsystem: string;
  token: string;
}

/** Why a command failed without an answer from the logical unit. */
export type StorageFailureReason =
  /** No disk with that name or serial number is present on this node. */
  | 'NoSuchDisk'
  /** The disk's session is not logged in. */
  | 'NoSession'
  /** The session dropped while the command was outstanding. */
  | 'SessionLost'
  /** No answer within `scsiRequestTimeoutMs`. */
  | 'Timeout'
  /** The target rejected the PDU (iSCSI Reject). */
  | 'Rejected'
  /** `storageLimits.pendingRequestsMax` requests were already in flight. */
  | 'QueueFull';

export type StorageResult =
  /** GOOD for a command that returns no data (PR OUT, WRITE). */
  | { type: 'Done' }
  | { type: 'Keys'; generation: number; keys: ReservationKey[] }
  | { type: 'Reservation'; generation: number; reservation: { key: ReservationKey; type: ReservationType } | null }
  | { type: 'Data'; data: Uint8Array }
  | { type: 'ReservationConflict' }
  | { type: 'CheckCondition'; sense: Sense; text: string }
  | { type: 'Busy' }
  | { type: 'Failed'; reason: StorageFailureReason; detail: string };

export interface StorageCompletion {
  requestId: string;
  tag: CompletionTag;
  /** The virtual disk's name (the cluster disk's name) and its serial number. */
  disk: string;
  serialNumber: string;
  command: StorageCommandType;
  issuedAtMs: number;
  completedAtMs: number;
  result: StorageResult;
}

/** A command's description without its payload, kept in the pending table. */
export interface CommandSummary {
  type: StorageCommandType;
  lba?: number;
  blockCount?: number;
}

export function summaryOf(command: StorageCommand): CommandSummary {
  switch (command.type) {
    case 'Read':
      return { type: command.type, lba: command.lba, blockCount: command.blockCount };
    case 'Write':
      return { type: command.type, lba: command.lba, blockCount: command.data.byteLength / blockSizeBytes };
    default:
      return { type: command.type };
  }
}
