// The IscsiTarget cmdlets an administrator runs against the target server (-ComputerName host):
// targets and their InitiatorIds, virtual disks, LUN mappings, and the sessions logged in. Each
// change is stored at once (one `put` of the whole configuration), as the iSCSI Target service
// writes its configuration file, so it survives a restart of the server.
import { blockSizeBytes, storageLimits } from '@wsfc-lab/protocol';
import type { CommandReply } from '@wsfc-lab/protocol';
import { formatInitiatorId, parseInitiatorIds } from './acl.js';
import { randomGuid } from './guid.js';
import { targetIqnFor } from './config.js';
import { cmdletErrors } from './errors.js';
import { CmdletParameters, type Bound } from './params.js';
import { configurationOf, saveConfiguration } from './persistence.js';
import { emptyReservationState } from './reservations.js';
import { diskByPath, targetByName, targetsOfDisk, type IscsiTarget, type StorageIo, type StorageTargetState } from './state.js';
import { serverTargetView, sessionView, virtualDiskView } from './views.js';

type Cmdlet = (state: StorageTargetState, io: StorageIo, p: CmdletParameters) => CommandReply;

const cmdlets: Record<string, Cmdlet> = {
  'Get-IscsiServerTarget': getServerTarget,
  'New-IscsiServerTarget': newServerTarget,
  'Set-IscsiServerTarget': setServerTarget,
  'New-IscsiVirtualDisk': newVirtualDisk,
  'Get-IscsiVirtualDisk': getVirtualDisk,
  'Add-IscsiVirtualDiskTargetMapping': addVirtualDiskTargetMapping,
  'Get-IscsiSession': (state) => ok([...state.sessions.values()].map(sessionView)),
};

export function runCmdlet(state: StorageTargetState, io: StorageIo, o: { name: string; parameters: Record<string, unknown> }): CommandReply {
  const entry = Object.entries(cmdlets).find(([name]) => name.toLowerCase() === o.name.toLowerCase());
  if (!entry) return { ok: false, error: cmdletErrors.unknownCmdlet(o.name) };
  const [name, cmdlet] = entry;
  return cmdlet(state, io, new CmdletParameters(name, o.parameters));
}

const ok = (output: unknown): CommandReply => ({ ok: true, output });

function persist(state: StorageTargetState, io: StorageIo): void {
  saveConfiguration(io.store, configurationOf(state));
}

/** Unwraps several bound parameters at once, or returns the first error. */
function all<T extends Record<string, Bound<unknown>>>(bounds: T): { ok: true; values: { [K in keyof T]: T[K] extends Bound<infer V> ? V : never } } | { ok: false; reply: CommandReply } {
  const values: Record<string, unknown> = {};
  for (const [name, bound] of Object.entries(bounds)) {
    if (!bound.ok) return { ok: false, reply: { ok: false, error: bound.error } };
    values[name] = bound.value;
  }
  return { ok: true, values: values as { [K in keyof T]: T[K] extends Bound<infer V> ? V : never } };
}

function getServerTarget(state: StorageTargetState, _io: StorageIo, p: CmdletParameters): CommandReply {
  const bound = all({ name: p.optionalString('TargetName'), initiatorId: p.optionalString('InitiatorId'), path: p.optionalString('Path', 'DevicePath') });
  if (!bound.ok) return bound.reply;
  const { name, initiatorId, path } = bound.values;
  if (name !== undefined && !targetByName(state, name)) return { ok: false, error: cmdletErrors.targetNotFound(p.cmdlet, name) };
  let targets = [...state.targets.values()].filter((t) => name === undefined || t.name.toLowerCase() === name.toLowerCase());
  if (initiatorId !== undefined) targets = targets.filter((t) => t.initiatorIds.some((id) => formatInitiatorId(id).toLowerCase() === initiatorId.toLowerCase()));
  if (path !== undefined) {
    const disk = diskByPath(state, path);
    targets = disk ? targets.filter((t) => t.luns.some((l) => l.disk === disk.name)) : [];
  }
  return ok(targets.map((t) => serverTargetView(state, t)));
}

function newServerTarget(state: StorageTargetState, io: StorageIo, p: CmdletParameters): CommandReply {
  const bound = all({ name: p.requiredString('TargetName'), ids: p.optionalStrings('InitiatorIds', 'InitiatorId'), description: p.optionalString('Description') });
  if (!bound.ok) return bound.reply;
  const { name, ids, description } = bound.values;
  if (name.length > 64) return { ok: false, error: cmdletErrors.invalidParameter(p.cmdlet, 'TargetName', name, 'is longer than 64 characters') };
  if (targetByName(state, name)) return { ok: false, error: cmdletErrors.targetExists(p.cmdlet, name) };
  if (state.targets.size >= storageLimits.targetsMax) return { ok: false, error: cmdletErrors.tooMany(p.cmdlet, 'iSCSI targets', storageLimits.targetsMax) };
  const parsed = parseInitiatorIds(ids ?? []);
  if (!parsed.ok) return { ok: false, error: cmdletErrors.invalidParameter(p.cmdlet, 'InitiatorIds', ids, parsed.why) };
  const target: IscsiTarget = {
    name,
    iqn: targetIqnFor(state.host, name),
    description: description ?? '',
    enabled: true,
    enforceIdleTimeoutDetection: true,
    initiatorIds: parsed.ids,
    luns: [],
    lastLoginMs: null,
  };
  state.targets.set(name.toLowerCase(), target);
  persist(state, io);
  return ok(serverTargetView(state, target));
}

function setServerTarget(state: StorageTargetState, io: StorageIo, p: CmdletParameters): CommandReply {
  const bound = all({
    name: p.requiredString('TargetName'),
    ids: p.optionalStrings('InitiatorIds', 'InitiatorId'),
    description: p.optionalString('Description'),
    enable: p.optionalBoolean('Enable'),
    enforce: p.optionalBoolean('EnforceIdleTimeoutDetection'),
  });
  if (!bound.ok) return bound.reply;
  const { name, ids, description, enable, enforce } = bound.values;
  const target = targetByName(state, name);
  if (!target) return { ok: false, error: cmdletErrors.targetNotFound(p.cmdlet, name) };
  if (ids !== undefined) {
    const parsed = parseInitiatorIds(ids);
    if (!parsed.ok) return { ok: false, error: cmdletErrors.invalidParameter(p.cmdlet, 'InitiatorIds', ids, parsed.why) };
    // Sessions already logged in stay: the access list is checked at login.
    target.initiatorIds = parsed.ids;
  }
  if (description !== undefined) target.description = description;
  if (enable !== undefined) target.enabled = enable;
  if (enforce !== undefined) target.enforceIdleTimeoutDetection = enforce;
  persist(state, io);
  return ok(p.switch('PassThru') ? serverTargetView(state, target) : null);
}

const vhdxPathPattern = /^[A-Za-z]:\\(?:[^\\/:*?"<>|]+\\)*([^\\/:*?"<>|]+)\.vhdx$/i;

function newVirtualDisk(state: StorageTargetState, io: StorageIo, p: CmdletParameters): CommandReply {
  const bound = all({ path: p.requiredString('Path', 'DevicePath'), sizeBytes: p.requiredSizeBytes('SizeBytes', 'Size'), description: p.optionalString('Description') });
  if (!bound.ok) return bound.reply;
  const { path, sizeBytes, description } = bound.values;
  const match = vhdxPathPattern.exec(path);
  if (!match?.[1]) return { ok: false, error: cmdletErrors.invalidParameter(p.cmdlet, 'Path', path, 'is not an absolute path to a .vhdx file') };
  if (sizeBytes <= 0 || sizeBytes % blockSizeBytes !== 0 || sizeBytes > storageLimits.virtualDiskBytesMax) {
    return { ok: false, error: cmdletErrors.invalidParameter(p.cmdlet, 'SizeBytes', sizeBytes, `is not a positive multiple of ${blockSizeBytes} up to ${storageLimits.virtualDiskBytesMax}`) };
  }
  const name = match[1];
  if (diskByPath(state, path) || diskByPath(state, name)) return { ok: false, error: cmdletErrors.diskExists(p.cmdlet, path) };
  if (state.disks.size >= storageLimits.virtualDisksMax) return { ok: false, error: cmdletErrors.tooMany(p.cmdlet, 'iSCSI virtual disks', storageLimits.virtualDisksMax) };
  const sizeBlocks = io.blocks.open(name, sizeBytes / blockSizeBytes);
  const serialNumber = randomGuid(() => io.random());
  const disk = { name, path, sizeBytes: sizeBlocks * blockSizeBytes, sizeBlocks, serialNumber, description: description ?? '', reservations: emptyReservationState };
  state.disks.set(name, disk);
  persist(state, io);
  return ok(virtualDiskView(state, disk));
}

function getVirtualDisk(state: StorageTargetState, _io: StorageIo, p: CmdletParameters): CommandReply {
  const bound = all({ path: p.optionalString('Path', 'DevicePath'), targetName: p.optionalString('TargetName') });
  if (!bound.ok) return bound.reply;
  const { path, targetName } = bound.values;
  let disks = [...state.disks.values()];
  if (path !== undefined) {
    const disk = diskByPath(state, path);
    if (!disk) return { ok: false, error: cmdletErrors.diskNotFound(p.cmdlet, path) };
    disks = [disk];
  }
  if (targetName !== undefined) {
    if (!targetByName(state, targetName)) return { ok: false, error: cmdletErrors.targetNotFound(p.cmdlet, targetName) };
    disks = disks.filter((d) => targetsOfDisk(state, d.name).some((t) => t.name.toLowerCase() === targetName.toLowerCase()));
  }
  return ok(disks.map((d) => virtualDiskView(state, d)));
}

function addVirtualDiskTargetMapping(state: StorageTargetState, io: StorageIo, p: CmdletParameters): CommandReply {
  const bound = all({ name: p.requiredString('TargetName'), path: p.requiredString('Path', 'DevicePath'), lun: p.optionalInteger('Lun', { min: 0, max: storageLimits.lunsPerTargetMax - 1 }) });
  if (!bound.ok) return bound.reply;
  const { name, path, lun } = bound.values;
  const target = targetByName(state, name);
  if (!target) return { ok: false, error: cmdletErrors.targetNotFound(p.cmdlet, name) };
  const disk = diskByPath(state, path);
  if (!disk) return { ok: false, error: cmdletErrors.diskNotFound(p.cmdlet, path) };
  if (target.luns.some((l) => l.disk === disk.name)) return { ok: false, error: cmdletErrors.diskAlreadyMapped(p.cmdlet, disk.path, target.name) };
  const used = new Set(target.luns.map((l) => l.lun));
  if (lun !== undefined && used.has(lun)) return { ok: false, error: cmdletErrors.lunInUse(p.cmdlet, lun, target.name) };
  // "By default, the lowest available LUN number is assigned" (Add-IscsiVirtualDiskTargetMapping).
  let chosen = lun ?? 0;
  while (lun === undefined && used.has(chosen)) chosen++;
  if (chosen >= storageLimits.lunsPerTargetMax) return { ok: false, error: cmdletErrors.tooMany(p.cmdlet, `LUNs on target "${target.name}"`, storageLimits.lunsPerTargetMax) };
  target.luns.push({ lun: chosen, disk: disk.name });
  target.luns.sort((a, b) => a.lun - b.lun);
  persist(state, io);
  return ok(null);
}
