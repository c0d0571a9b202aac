// Starting the storage target, first time or after a restart of its worker. A restart is a
// reboot of the server: sessions are gone (initiators log in again), the configuration comes back
// from the server's own disk, the LUN files are reopened as they are (never wiped), and each
// logical unit's reservations come back only if APTPL was set, with PRgeneration at zero.
import { blockSizeBytes } from '@wsfc-lab/protocol';
import { parseInitiatorIds } from './acl.js';
import { defaultVirtualDiskPath, sessionIdleTimeoutMsOf, targetIqnFor, validateConfig, type StorageTargetConfig } from './config.js';
import { randomGuid } from './guid.js';
import { configurationOf, loadConfiguration, loadReservations, saveConfiguration, type StoredConfiguration } from './persistence.js';
import { emptyReservationState } from './reservations.js';
import { emptyCounters, type IscsiTarget, type StorageIo, type StorageTargetState, type VirtualDisk } from './state.js';

export function initStorageTarget(config: StorageTargetConfig, io: StorageIo): StorageTargetState {
  validateConfig(config);
  const stored = loadConfiguration(io.store);
  const configuration = stored ?? configurationFromLab(config, io);
  const state: StorageTargetState = {
    host: config.name,
    address: config.address,
    incarnation: io.incarnation,
    sessionIdleTimeoutMs: sessionIdleTimeoutMsOf(config),
    shares: [...(config.shares ?? [])],
    disks: new Map(),
    targets: new Map(),
    sessions: new Map(),
    nextSessionId: 1 + Math.floor(io.random() * 0xfffe),
    counters: emptyCounters(),
    refusalEventsEmitted: 0,
  };
  for (const disk of configuration.disks) state.disks.set(disk.name, openDisk(disk, io));
  for (const target of configuration.targets) state.targets.set(target.name.toLowerCase(), targetFromStored(target));
  if (!stored) saveConfiguration(io.store, configurationOf(state));
  return state;
}

/** The first start: one virtual disk per distinct disk name, each target with its LUNs in order. */
function configurationFromLab(config: StorageTargetConfig, io: StorageIo): StoredConfiguration {
  const disks = new Map<string, StoredConfiguration['disks'][number]>();
  for (const target of config.targets) {
    for (const lun of target.luns) {
      if (disks.has(lun.disk)) continue;
      disks.set(lun.disk, { name: lun.disk, path: defaultVirtualDiskPath(lun.disk), sizeBytes: lun.sizeBytes, serialNumber: randomGuid(() => io.random()), description: '' });
    }
  }
  return {
    version: 1,
    disks: [...disks.values()],
    targets: config.targets.map((t) => ({
      name: t.name,
      iqn: t.iqn ?? targetIqnFor(config.name, t.name),
      description: '',
      enabled: true,
      enforceIdleTimeoutDetection: true,
      initiatorIds: t.initiatorIds,
      luns: t.luns.map((l, index) => ({ lun: index, disk: l.disk })),
    })),
  };
}

/** Reopens (or creates) the LUN's backing device and brings back its APTPL reservations. */
function openDisk(disk: StoredConfiguration['disks'][number], io: StorageIo): VirtualDisk {
  const sizeBlocks = io.blocks.open(disk.name, disk.sizeBytes / blockSizeBytes);
  const loaded = loadReservations(io.store, disk.name);
  let reservations = emptyReservationState;
  if (loaded.ok) {
    reservations = loaded.state;
    if (loaded.restored) {
      io.emit({
        type: 'PersistentReservationsRestored',
        disk: disk.name,
        registrations: reservations.registrations.length,
        holder: reservations.reservation?.holder ?? null,
        reservationType: reservations.reservation?.type ?? null,
      });
    }
  } else {
    io.emit({ type: 'PersistentReservationsDiscarded', disk: disk.name, detail: loaded.detail });
  }
  return { ...disk, sizeBytes: sizeBlocks * blockSizeBytes, sizeBlocks, reservations };
}

function targetFromStored(target: StoredConfiguration['targets'][number]): IscsiTarget {
  const ids = parseInitiatorIds(target.initiatorIds);
  if (!ids.ok) throw new Error(`stored target "${target.name}" initiatorIds ${ids.why}`);
  return { ...target, initiatorIds: ids.ids, luns: target.luns.map((l) => ({ ...l })), lastLoginMs: null };
}
