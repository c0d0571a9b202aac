// Events of the iSCSI target. The write history (`ScsiWrite`) and the reservation changes
// (`PersistentReserveOut`) are what the coordinator's checkers read to prove that no node
// whose key was preempted ever wrote again (DESIGN "What the lab checks"); each carries the
// target's incarnation because SPC-3 resets the PRgeneration counter to zero at power on.
// The iSCSI target is not a cluster node, so none of these has a FailoverClustering event ID.
import type { Catalog, SystemLevel } from './catalog.js';
import type { PrOutServiceAction, ReservationKey, ReservationType, ScsiStatus } from '../messages/storage.js';

export type IscsiSessionEndReason = 'Logout' | 'Timeout' | 'Reinstated';

/** Why a SCSI or session PDU was refused before it reached a logical unit's data. */
export type ScsiRefusalReason =
  | 'NoSession'
  | 'ForgedSource'
  | 'LunNotFound'
  | 'InvalidField'
  | 'LbaOutOfRange'
  | 'ReservationConflict';

export type StorageEvent =
  | {
      type: 'IscsiLoginRefused';
      /** The initiator's IQN as it presented itself. */
      initiator: string;
      /** The actor the login came from. */
      node: string;
      target: string;
      statusClass: number;
      statusDetail: number;
      reason: string;
    }
  | { type: 'IscsiSessionEstablished'; sessionId: number; initiator: string; node: string; target: string }
  | { type: 'IscsiSessionEnded'; sessionId: number; initiator: string; node: string; target: string; reason: IscsiSessionEndReason; idleMs: number }
  | {
      /** Every WRITE that reached a logical unit, accepted or refused. */
      type: 'ScsiWrite';
      disk: string;
      target: string;
      lun: number;
      node: string;
      initiator: string;
      /** The writer's registered key; null when it has none. */
      key: ReservationKey | null;
      /** The reservation holder's IQN; null when there is no reservation or the type is all-registrants. */
      holder: string | null;
      holderKey: ReservationKey | null;
      reservationType: ReservationType | null;
      generation: number;
      targetIncarnation: number;
      lba: number;
      blockCount: number;
      status: ScsiStatus;
      reason?: string;
    }
  | {
      /** Every PERSISTENT RESERVE OUT, with the state it left behind. */
      type: 'PersistentReserveOut';
      disk: string;
      node: string;
      initiator: string;
      serviceAction: PrOutServiceAction;
      requestedType: ReservationType | null;
      key: ReservationKey;
      serviceActionKey: ReservationKey;
      status: ScsiStatus;
      reason?: string;
      generation: number;
      holder: string | null;
      holderKey: ReservationKey | null;
      reservationType: ReservationType | null;
      registeredKeys: number;
      /** Registrations this command removed (preempted or cleared), other than the caller's own. */
      removed: { initiator: string; key: ReservationKey }[];
      aptpl: boolean;
      targetIncarnation: number;
    }
  | { type: 'PersistentReservationsRestored'; disk: string; registrations: number; holder: string | null; reservationType: ReservationType | null }
  | { type: 'PersistentReservationsDiscarded'; disk: string; detail: string }
  | { type: 'ScsiCommandRefused'; node: string; sessionId: number | null; messageType: string; reason: ScsiRefusalReason; detail: string };

const statusLevel = (status: ScsiStatus): SystemLevel => (status === 'Good' ? 'Information' : 'Warning');

export const storageCatalog: Catalog<StorageEvent> = {
  IscsiLoginRefused: {
    level: 'Error',
    component: 'ISCSI',
    message: (e) =>
      `login of initiator ${e.initiator} (${e.node}) to target ${e.target} refused with status 0x${hex2(e.statusClass)}${hex2(e.statusDetail)}: ${e.reason}`,
  },
  IscsiSessionEstablished: {
    level: 'Information',
    component: 'ISCSI',
    message: (e) => `session 0x${e.sessionId.toString(16)} of initiator ${e.initiator} (${e.node}) logged in to target ${e.target}`,
  },
  IscsiSessionEnded: {
    level: (e) => (e.reason === 'Timeout' ? 'Warning' : 'Information'),
    component: 'ISCSI',
    message: (e) =>
      `session 0x${e.sessionId.toString(16)} of initiator ${e.initiator} (${e.node}) to target ${e.target} ended: ${e.reason} after ${e.idleMs} ms idle`,
  },
  ScsiWrite: {
    level: (e) => statusLevel(e.status),
    component: 'SCSI',
    message: (e) =>
      `WRITE of ${e.blockCount} blocks at LBA ${e.lba} on "${e.disk}" by ${e.initiator} (key ${e.key ?? 'none'}): ${e.status}` +
      `${e.reason ? ` (${e.reason})` : ''}; reservation ${e.reservationType ?? 'none'} held by ${e.holder ?? (e.reservationType ? 'all registrants' : 'nobody')}, PRgeneration ${e.generation}`,
  },
  PersistentReserveOut: {
    level: (e) => statusLevel(e.status),
    component: 'PR',
    message: (e) =>
      `PERSISTENT RESERVE OUT ${e.serviceAction} on "${e.disk}" by ${e.initiator} (key ${e.key}, service action key ${e.serviceActionKey}): ${e.status}` +
      `${e.reason ? ` (${e.reason})` : ''}; PRgeneration ${e.generation}, ${e.registeredKeys} keys, reservation ${e.reservationType ?? 'none'}` +
      `${e.removed.length > 0 ? `, removed ${e.removed.map((r) => `${r.initiator} ${r.key}`).join(', ')}` : ''}`,
  },
  PersistentReservationsRestored: {
    level: 'Information',
    component: 'PR',
    message: (e) =>
      `restored ${e.registrations} registrations and reservation ${e.reservationType ?? 'none'} on "${e.disk}" (APTPL); PRgeneration starts at 0`,
  },
  PersistentReservationsDiscarded: {
    level: 'Warning',
    component: 'PR',
    message: (e) => `discarded the stored persistent reservations of "${e.disk}": ${e.detail}`,
  },
  ScsiCommandRefused: {
    level: 'Warning',
    component: 'SCSI',
    message: (e) => `refused ${e.messageType} from ${e.node}${e.sessionId === null ? '' : ` on session 0x${e.sessionId.toString(16)}`}: ${e.reason}: ${e.detail}`,
  },
};

function hex2(value: number): string {
  return value.toString(16).padStart(2, '0');
}
