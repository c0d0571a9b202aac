// What the iSCSI Initiator service and the partition manager keep across a restart (in the
// registry on a real host, in `io.store` here): the discovery portals, the favourite targets, and
// which disks an administrator set online. The SAN policy (OfflineShared, the Windows Server
// default) leaves every other shared disk offline when it arrives.
import type { DurableStore } from '@wsfc-lab/protocol';
import { storageLimits } from './limits.js';
import type { KnownTarget } from './state.js';

const discoveryKey = 'storage/iscsi-discovery';
const onlineDisksKey = 'storage/online-disks';

export interface StoredDiscovery {
  targetPortals: string[];
  persistentTargets: KnownTarget[];
}

export function saveDiscovery(store: DurableStore, discovery: StoredDiscovery): void {
  store.put(discoveryKey, { version: 1, ...discovery });
}

/** The stored discovery data; undefined when none is stored or it does not parse. */
export function loadDiscovery(store: DurableStore): StoredDiscovery | undefined {
  const value = store.get(discoveryKey) as { version?: unknown; targetPortals?: unknown; persistentTargets?: unknown } | undefined;
  if (value?.version !== 1 || !Array.isArray(value.targetPortals) || !Array.isArray(value.persistentTargets)) return undefined;
  if (!value.targetPortals.every((p) => typeof p === 'string')) return undefined;
  const targets = value.persistentTargets as { nodeAddress?: unknown; portalAddress?: unknown }[];
  if (!targets.every((t) => typeof t?.nodeAddress === 'string' && typeof t?.portalAddress === 'string')) return undefined;
  return {
    targetPortals: (value.targetPortals as string[]).slice(0, storageLimits.targetPortalsMax),
    persistentTargets: targets.slice(0, storageLimits.persistentTargetsMax).map((t) => ({ nodeAddress: t.nodeAddress as string, portalAddress: t.portalAddress as string })),
  };
}

export function saveOnlineDisks(store: DurableStore, serialNumbers: string[]): void {
  store.put(onlineDisksKey, { version: 1, serialNumbers });
}

export function loadOnlineDisks(store: DurableStore): string[] {
  const value = store.get(onlineDisksKey) as { version?: unknown; serialNumbers?: unknown } | undefined;
  if (value?.version !== 1 || !Array.isArray(value.serialNumbers)) return [];
  return value.serialNumbers.filter((s): s is string => typeof s === 'string').slice(0, storageLimits.disksMax);
}
