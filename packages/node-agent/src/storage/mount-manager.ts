// The mount manager's database: which drive letter each volume has on this node. Windows keeps it
// in the registry (MountedDevices), keyed for a GPT volume by its partition GUID, so letters are a
// node's own and survive a restart: node01's E: is not written on the disk. A volume this node has
// never seen gets the lowest free letter when it arrives (automount); a letter stays with its
// volume while the volume is away ("sticky" letters), so automount never hands it to another.
// Lab rule for the node's own devices: C: is the system volume and D: the DVD drive of a Hyper-V
// guest, which is why seed 000's shared volume became E:.
import type { DurableStore } from '@wsfc-lab/protocol';
import { storageLimits } from './limits.js';

export interface MountEntry {
  partitionGuid: string;
  /** Upper case; null: known to this node, with no letter. */
  driveLetter: string | null;
}

export interface MountDatabase {
  entries: MountEntry[];
}

export const systemDriveLetter = 'C';
export const dvdDriveLetter = 'D';
const localLetters = [systemDriveLetter, dvdDriveLetter];
const storeKey = 'storage/mounted-devices';

export function isDriveLetter(text: string): boolean {
  return /^[A-Za-z]$/.test(text);
}

export function entryOf(db: MountDatabase, partitionGuid: string): MountEntry | undefined {
  return db.entries.find((e) => e.partitionGuid === partitionGuid);
}

export function isLocalLetter(letter: string): boolean {
  return localLetters.includes(letter.toUpperCase());
}

/** Automount's choice: the lowest letter from C that is neither local nor remembered for a volume. */
export function nextFreeLetter(db: MountDatabase): string | null {
  const taken = new Set([...localLetters, ...db.entries.flatMap((e) => (e.driveLetter ? [e.driveLetter] : []))]);
  for (let code = 'C'.charCodeAt(0); code <= 'Z'.charCodeAt(0); code++) {
    const letter = String.fromCharCode(code);
    if (!taken.has(letter)) return letter;
  }
  return null;
}

/**
 * Gives `partitionGuid` the letter (or none). A letter remembered for a volume that is not mounted
 * now moves to this one; the caller has checked that no mounted volume uses it.
 */
export function assignLetter(db: MountDatabase, partitionGuid: string, driveLetter: string | null): boolean {
  const letter = driveLetter?.toUpperCase() ?? null;
  for (const entry of db.entries) if (letter !== null && entry.driveLetter === letter) entry.driveLetter = null;
  const entry = entryOf(db, partitionGuid);
  if (entry) {
    entry.driveLetter = letter;
    return true;
  }
  if (db.entries.length >= storageLimits.mountEntriesMax) return false;
  db.entries.push({ partitionGuid, driveLetter: letter });
  return true;
}

export function saveMountDatabase(store: DurableStore, db: MountDatabase): void {
  store.put(storeKey, { version: 1, entries: db.entries });
}

/** The stored database, or an empty one when there is none or it does not parse. */
export function loadMountDatabase(store: DurableStore): { db: MountDatabase; discarded: boolean } {
  const value = store.get(storeKey) as { version?: unknown; entries?: unknown } | undefined;
  if (value === undefined) return { db: { entries: [] }, discarded: false };
  if (value?.version !== 1 || !Array.isArray(value.entries)) return { db: { entries: [] }, discarded: true };
  const entries: MountEntry[] = [];
  for (const raw of value.entries.slice(0, storageLimits.mountEntriesMax) as { partitionGuid?: unknown; driveLetter?: unknown }[]) {
    const letterOk = raw?.driveLetter === null || (typeof raw?.driveLetter === 'string' && isDriveLetter(raw.driveLetter));
    if (typeof raw?.partitionGuid !== 'string' || !letterOk) return { db: { entries: [] }, discarded: true };
    entries.push({ partitionGuid: raw.partitionGuid, driveLetter: raw.driveLetter as string | null });
  }
  return { db: { entries }, discarded: false };
}
