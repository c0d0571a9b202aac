// The storage target's configuration: the server (its host name and address), its iSCSI targets
// with their access lists, and the virtual disks mapped to each as LUNs. The coordinator builds
// it from the lab file's `storageTarget:` (see `storageTargetConfigFromLab`).
import { blockSizeBytes, iscsiTimingDefaults, storageLimits } from '@wsfc-lab/protocol';
import { parseInitiatorIds } from './acl.js';
import { configErrors } from './errors.js';

export interface StorageTargetLunConfig {
  /** The virtual disk's name; a shared disk's cluster resource takes this name (scenario-format). */
  disk: string;
  /** Size in bytes, a whole number of 512-byte blocks. */
  sizeBytes: number;
}

export interface StorageTargetTargetConfig {
  /** TargetName, as New-IscsiServerTarget takes it. */
  name: string;
  /** TargetIqn; default `iqn.1991-05.com.microsoft:<host>-<target>-target`, as iSCSI Target Server derives it. */
  iqn?: string;
  /** InitiatorIds ("IQN:…", "DNSName:…", "IPAddress:…", or a lab machine name). */
  initiatorIds: string[];
  /** LUN i is `luns[i]`. */
  luns: StorageTargetLunConfig[];
}

export interface StorageTargetConfig {
  /** The server's host name ("host" in seed 000). */
  name: string;
  /** The portal address initiators connect to. */
  address: string;
  targets: StorageTargetTargetConfig[];
  /**
   * Silence, in simulated ms, after which a session is dropped (EnforceIdleTimeoutDetection).
   * Default `iscsiTimingDefaults.sessionIdleTimeoutMs` (45 s: the LIO target's NOP-In timeouts).
   */
  sessionIdleTimeoutMs?: number;
  /** SMB shares the server also serves (a file share witness's, e.g. `witness` for \\host\witness). */
  shares?: string[];
}

const iqnPrefix = 'iqn.1991-05.com.microsoft';

/** IQN labels are lower case letters, digits, '-' and '.'; anything else becomes '-'. */
function iqnLabel(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9.-]/g, '-');
}

/** The IQN iSCSI Target Server gives a target: `iqn.1991-05.com.microsoft:<host>-<target>-target`. */
export function targetIqnFor(host: string, targetName: string): string {
  return `${iqnPrefix}:${iqnLabel(host)}-${iqnLabel(targetName)}-target`;
}

/** The IQN the Microsoft iSCSI initiator gives itself: `iqn.1991-05.com.microsoft:<fqdn>`. */
export function microsoftInitiatorIqn(fqdn: string): string {
  return `${iqnPrefix}:${iqnLabel(fqdn)}`;
}

/** The name of a Windows initiator's machine, from its default IQN; undefined for other IQNs. */
export function machineOfInitiator(iqn: string): string | undefined {
  const prefix = `${iqnPrefix}:`;
  if (!iqn.toLowerCase().startsWith(prefix)) return undefined;
  const fqdn = iqn.slice(prefix.length);
  return fqdn.split('.')[0] || undefined;
}

/** Where Server Manager's New iSCSI Virtual Disk wizard puts a disk by default. */
export function defaultVirtualDiskPath(disk: string): string {
  return `C:\\iSCSIVirtualDisks\\${disk}.vhdx`;
}

/** The lab file's `storageTarget:` block (scenario-format "A lab"). */
export interface LabStorageTarget {
  name: string;
  address: string;
  allowedInitiators: string[];
  disks: { name: string; sizeGiB: number }[];
}

/** One target serving every disk to every allowed initiator, as seed 000 sets it up. */
export function storageTargetConfigFromLab(lab: LabStorageTarget, targetName = 'wsfc', shares: string[] = []): StorageTargetConfig {
  return {
    name: lab.name,
    address: lab.address,
    ...(shares.length > 0 ? { shares } : {}),
    targets: [
      {
        name: targetName,
        initiatorIds: [...lab.allowedInitiators],
        luns: lab.disks.map((d) => ({ disk: d.name, sizeBytes: Math.round(d.sizeGiB * 1024 ** 3) })),
      },
    ],
  };
}

/** Throws an Error naming the value when the configuration is impossible (a programmer error). */
export function validateConfig(config: StorageTargetConfig): void {
  const fail = (what: string, value: unknown, why: string): never => {
    throw new Error(configErrors.invalid(what, value, why));
  };
  if (!/^[A-Za-z0-9][A-Za-z0-9-]{0,62}$/.test(config.name)) fail('name', config.name, 'is not a host name');
  if (config.targets.length > storageLimits.targetsMax) fail('targets', config.targets.length, `is over targetsMax ${storageLimits.targetsMax}`);
  const timeoutMs = config.sessionIdleTimeoutMs;
  if (timeoutMs !== undefined && !(Number.isFinite(timeoutMs) && timeoutMs > 0)) fail('sessionIdleTimeoutMs', timeoutMs, 'must be a positive number of ms');
  const targetNames = new Set<string>();
  const diskSizes = new Map<string, number>();
  for (const target of config.targets) {
    const where = `target "${target.name}"`;
    if (target.name.length === 0 || target.name.length > 64) fail(`${where} name`, target.name, 'must be 1 to 64 characters');
    if (targetNames.has(target.name.toLowerCase())) fail(`${where} name`, target.name, 'is used twice');
    targetNames.add(target.name.toLowerCase());
    const ids = parseInitiatorIds(target.initiatorIds);
    if (!ids.ok) fail(`${where} initiatorIds`, target.initiatorIds, ids.why);
    if (target.luns.length > storageLimits.lunsPerTargetMax) fail(`${where} luns`, target.luns.length, `is over lunsPerTargetMax ${storageLimits.lunsPerTargetMax}`);
    for (const lun of target.luns) {
      const valid = Number.isSafeInteger(lun.sizeBytes) && lun.sizeBytes > 0 && lun.sizeBytes % blockSizeBytes === 0;
      if (!valid || lun.sizeBytes > storageLimits.virtualDiskBytesMax) {
        fail(`${where} disk "${lun.disk}" sizeBytes`, lun.sizeBytes, `must be a positive multiple of ${blockSizeBytes} up to ${storageLimits.virtualDiskBytesMax}`);
      }
      if (lun.disk.length === 0 || lun.disk.length > 200) fail(`${where} disk name`, lun.disk, 'must be 1 to 200 characters');
      const seen = diskSizes.get(lun.disk);
      if (seen !== undefined && seen !== lun.sizeBytes) fail(`disk "${lun.disk}" sizeBytes`, lun.sizeBytes, `differs from ${seen} given for the same disk elsewhere`);
      diskSizes.set(lun.disk, lun.sizeBytes);
    }
  }
  if (diskSizes.size > storageLimits.virtualDisksMax) fail('disks', diskSizes.size, `is over virtualDisksMax ${storageLimits.virtualDisksMax}`);
}

export function sessionIdleTimeoutMsOf(config: StorageTargetConfig): number {
  return config.sessionIdleTimeoutMs ?? iscsiTimingDefaults.sessionIdleTimeoutMs;
}
