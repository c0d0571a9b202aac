// Reading one disk's layout through the initiator, in rounds (layout-read.ts). Its READs are
// ordinary storage commands tagged for this module; while a read runs, disk operations that need
// the layout wait on it. When it ends the layout is kept (or, if a READ failed, the old one
// stays) and an online disk's new volumes are mounted (automount).
import { assert } from '@wsfc-lab/protocol';
import { partitionTypeGuids, type DiskLayout } from '@wsfc-lab/storage-target';
import type { StorageCompletion } from './commands.js';
import { issueCommand } from './issue.js';
import { attemptLayout } from './layout-read.js';
import { storageLimits } from './limits.js';
import { assignLetter, entryOf, nextFreeLetter, saveMountDatabase } from './mount-manager.js';
import { diskBySerial, type IscsiDisk, type StorageIo, type StorageState } from './state.js';

const layoutTokenPrefix = 'layout:';

export function isLayoutToken(token: string): boolean {
  return token.startsWith(layoutTokenPrefix);
}

function layoutToken(serialNumber: string, lba: number): string {
  return `${layoutTokenPrefix}${lba}:${serialNumber}`;
}

function parseLayoutToken(token: string): { lba: number; serialNumber: string } | undefined {
  const rest = token.slice(layoutTokenPrefix.length);
  const colon = rest.indexOf(':');
  const lba = Number(rest.slice(0, colon));
  if (colon < 0 || !Number.isSafeInteger(lba)) return undefined;
  return { lba, serialNumber: rest.slice(colon + 1) };
}

/** Starts reading the disk's layout, or joins the read under way. */
export function refreshLayout(state: StorageState, io: StorageIo, disk: IscsiDisk, waiter: string | null): void {
  if (disk.refresh) {
    if (waiter !== null) disk.refresh.waiters.push(waiter);
    return;
  }
  disk.refresh = { round: 0, blocks: [], outstanding: 0, failed: false, waiters: waiter === null ? [] : [waiter] };
  nextRound(state, io, disk);
  // The first round always READs the primary GPT range, so a read never ends where it starts and
  // its waiters are always told later, from a completion.
  assert(disk.refresh !== null && disk.refresh.outstanding > 0, `the layout read of disk ${disk.number} ended as it started`);
}

/** The waiters of a read that ended, for the caller to tell; empty while it goes on. */
function nextRound(state: StorageState, io: StorageIo, disk: IscsiDisk): string[] {
  const refresh = disk.refresh;
  if (!refresh) return [];
  const attempt = attemptLayout(refresh.blocks, disk.sizeBlocks);
  if (attempt.missing.length === 0) return finish(state, io, disk, attempt.layout);
  if (refresh.round >= storageLimits.layoutReadRoundsMax) {
    io.probe('layout read gave up after layoutReadRoundsMax rounds');
    return finish(state, io, disk, null);
  }
  refresh.round++;
  for (const range of attempt.missing.slice(0, storageLimits.layoutReadsPerRoundMax)) {
    refresh.outstanding++;
    issueCommand(state, io, {
      disk: { serialNumber: disk.serialNumber },
      command: { type: 'Read', lba: range.lba, blockCount: range.blockCount },
      tag: { subsystem: 'storage', token: layoutToken(disk.serialNumber, range.lba) },
    });
  }
  return [];
}

function finish(state: StorageState, io: StorageIo, disk: IscsiDisk, layout: DiskLayout | null): string[] {
  const waiters = disk.refresh?.waiters ?? [];
  disk.refresh = null;
  if (layout) {
    disk.layout = layout;
    if (disk.present && !disk.isOffline) automount(state, io, disk);
  }
  return waiters;
}

/** A READ of a layout read completed; returns the waiters to tell when the read has ended. */
export function onLayoutReadCompletion(state: StorageState, io: StorageIo, completion: StorageCompletion): string[] {
  const parsed = parseLayoutToken(completion.tag.token);
  const disk = parsed ? diskBySerial(state, parsed.serialNumber) : undefined;
  const refresh = disk?.refresh;
  if (!parsed || !disk || !refresh) return [];
  refresh.outstanding--;
  if (completion.result.type === 'Data') refresh.blocks.push({ lba: parsed.lba, data: completion.result.data });
  else refresh.failed = true;
  if (refresh.outstanding > 0) return [];
  if (refresh.failed) {
    io.probe('layout read failed; the last layout read stays');
    return finish(state, io, disk, null);
  }
  return nextRound(state, io, disk);
}

/** Basic data partitions this node has never seen get the lowest free drive letter. */
export function automount(state: StorageState, io: StorageIo, disk: IscsiDisk): void {
  let changed = false;
  for (const partition of disk.layout?.partitions ?? []) {
    if (partition.typeGuid !== partitionTypeGuids.BasicData || entryOf(state.mount, partition.partitionGuid)) continue;
    changed = assignLetter(state.mount, partition.partitionGuid, nextFreeLetter(state.mount)) || changed;
  }
  if (changed) saveMountDatabase(io.store, state.mount);
}
