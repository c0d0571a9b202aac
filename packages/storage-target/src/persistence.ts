// What the storage target keeps on its own system disk (`io.store`): the server configuration
// (targets, access lists, virtual disks, mappings), as the iSCSI Target service keeps it across a
// reboot, and per logical unit the persistent-reservation state when APTPL is set. Each change is
// one `put` of the whole record, so a worker killed mid-change leaves the old record or the new
// one, never half of each.
import { reservationKeySchema, reservationTypeSchema, storageLimits } from '@wsfc-lab/protocol';
import type { DurableStore } from '@wsfc-lab/protocol';
import { emptyReservationState, checkReservationInvariants, type ReservationState } from './reservations.js';
import type { StorageTargetState } from './state.js';
import { formatInitiatorId } from './acl.js';

export interface StoredDisk {
  name: string;
  path: string;
  sizeBytes: number;
  serialNumber: string;
  description: string;
}

export interface StoredTarget {
  name: string;
  iqn: string;
  description: string;
  enabled: boolean;
  enforceIdleTimeoutDetection: boolean;
  initiatorIds: string[];
  luns: { lun: number; disk: string }[];
}

export interface StoredConfiguration {
  version: 1;
  disks: StoredDisk[];
  targets: StoredTarget[];
}

const configurationKey = 'iscsiTarget/configuration';
const reservationsKey = (disk: string) => `iscsiTarget/reservations/${disk}`;

export function saveConfiguration(store: DurableStore, configuration: StoredConfiguration): void {
  store.put(configurationKey, configuration);
}

/** The stored configuration; undefined on a first start. Only this module writes the record. */
export function loadConfiguration(store: DurableStore): StoredConfiguration | undefined {
  const value = store.get(configurationKey) as StoredConfiguration | undefined;
  if (value === undefined) return undefined;
  if (value.version !== 1 || !Array.isArray(value.disks) || !Array.isArray(value.targets)) {
    throw new Error(`stored record "${configurationKey}" is not a version 1 configuration: ${JSON.stringify(value).slice(0, 200)}`);
  }
  return value;
}

export function configurationOf(state: StorageTargetState): StoredConfiguration {
  return {
    version: 1,
    disks: [...state.disks.values()].map((d) => ({ name: d.name, path: d.path, sizeBytes: d.sizeBytes, serialNumber: d.serialNumber, description: d.description })),
    targets: [...state.targets.values()].map((t) => ({
      name: t.name,
      iqn: t.iqn,
      description: t.description,
      enabled: t.enabled,
      enforceIdleTimeoutDetection: t.enforceIdleTimeoutDetection,
      initiatorIds: t.initiatorIds.map(formatInitiatorId),
      luns: t.luns.map((l) => ({ lun: l.lun, disk: l.disk })),
    })),
  };
}

/**
 * Stores a logical unit's reservations after a change. Without APTPL the record is emptied, so a
 * restart finds none; with it, registrations and the reservation are kept. PRgeneration is not
 * kept: SPC-3 sets it to zero at power on whatever APTPL says.
 */
export function saveReservations(store: DurableStore, disk: string, state: ReservationState): void {
  const record = state.aptpl
    ? { aptpl: true, registrations: state.registrations, reservation: state.reservation }
    : { aptpl: false, registrations: [], reservation: null };
  store.put(reservationsKey(disk), record);
}

export type LoadedReservations = { ok: true; state: ReservationState; restored: boolean } | { ok: false; detail: string };

/** The reservations a restart starts with: the APTPL record if one is stored, else none. */
export function loadReservations(store: DurableStore, disk: string): LoadedReservations {
  const value = store.get(reservationsKey(disk));
  if (value === undefined) return { ok: true, state: emptyReservationState, restored: false };
  const parsed = parseRecord(value);
  if (!parsed.ok) return parsed;
  if (!parsed.state.aptpl) return { ok: true, state: emptyReservationState, restored: false };
  try {
    checkReservationInvariants(parsed.state, `stored reservations of "${disk}"`);
  } catch (error) {
    return { ok: false, detail: (error as Error).message };
  }
  return { ok: true, state: parsed.state, restored: true };
}

function parseRecord(value: unknown): { ok: true; state: ReservationState } | { ok: false; detail: string } {
  const bad = (why: string) => ({ ok: false as const, detail: `${why}: ${JSON.stringify(value).slice(0, 200)}` });
  if (typeof value !== 'object' || value === null) return bad('not a record');
  const record = value as { aptpl?: unknown; registrations?: unknown; reservation?: unknown };
  if (typeof record.aptpl !== 'boolean') return bad('"aptpl" is not a boolean');
  if (!Array.isArray(record.registrations) || record.registrations.length > storageLimits.registrationsPerLunMax) return bad('"registrations" is not a bounded list');
  const registrations = [];
  for (const r of record.registrations as { initiator?: unknown; key?: unknown }[]) {
    const key = reservationKeySchema.safeParse(r?.key);
    if (typeof r?.initiator !== 'string' || !key.success) return bad('a registration is not { initiator, key }');
    registrations.push({ initiator: r.initiator, key: key.data });
  }
  let reservation: ReservationState['reservation'] = null;
  if (record.reservation !== null) {
    const r = record.reservation as { type?: unknown; holder?: unknown } | undefined;
    const type = reservationTypeSchema.safeParse(r?.type);
    if (!type.success || !(typeof r?.holder === 'string' || r?.holder === null)) return bad('"reservation" is not { type, holder }');
    reservation = { type: type.data, holder: r.holder };
  }
  return { ok: true, state: { generation: 0, aptpl: record.aptpl, registrations, reservation } };
}
