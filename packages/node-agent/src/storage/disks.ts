// The iSCSI disks as the node's disk stack sees them. A LUN reported on a logged-in session is a
// disk; the disk number is given when the LUN (by serial number) first arrives, after disk 0, the
// node's own system disk, and the same LUN keeps its number when it comes back. A disk arrives
// Offline unless an administrator set it online before (SAN policy OfflineShared, the Windows
// Server default, which seed 000's "unknown disk added" shows); its partition table is read at
// once, so Get-Disk knows its partition style, but its volumes mount only while it is online.
import type { StorageIo, StorageState, IscsiDisk, TargetSession } from './state.js';
import { storageLimits } from './limits.js';

export const systemDiskNumber = 0;

function lowestFreeNumber(state: StorageState): number {
  const used = new Set(state.disks.map((d) => d.number));
  let number = systemDiskNumber + 1;
  while (used.has(number)) number++;
  return number;
}

/** Disks arrive for every LUN of the session; disks of its target that it no longer reports leave. */
export function arriveLuns(state: StorageState, io: StorageIo, session: TargetSession): IscsiDisk[] {
  const arrived: IscsiDisk[] = [];
  const reported = new Set(session.luns.map((l) => l.serialNumber));
  for (const disk of state.disks) if (disk.targetIqn === session.targetIqn && !reported.has(disk.serialNumber)) disk.present = false;
  for (const lun of session.luns) {
    let disk = state.disks.find((d) => d.serialNumber === lun.serialNumber);
    if (!disk) {
      if (state.disks.length >= storageLimits.disksMax) {
        io.probe('iscsi disk not added: disksMax reached');
        continue;
      }
      const online = state.onlineDisks.includes(lun.serialNumber);
      disk = {
        number: lowestFreeNumber(state),
        serialNumber: lun.serialNumber,
        name: lun.disk,
        targetIqn: session.targetIqn,
        lun: lun.lun,
        sizeBlocks: lun.sizeBlocks,
        present: false,
        isOffline: !online,
        offlineReason: online ? null : 'Policy',
        layout: null,
        refresh: null,
      };
      state.disks.push(disk);
    }
    Object.assign(disk, { name: lun.disk, targetIqn: session.targetIqn, lun: lun.lun, sizeBlocks: lun.sizeBlocks, present: true });
    arrived.push(disk);
  }
  return arrived;
}

/** Every disk of the target leaves (its session ended or was lost). */
export function departTarget(state: StorageState, targetIqn: string): void {
  for (const disk of state.disks) if (disk.targetIqn === targetIqn) disk.present = false;
}

export function presentDisks(state: StorageState): IscsiDisk[] {
  return state.disks.filter((d) => d.present).sort((a, b) => a.number - b.number);
}
