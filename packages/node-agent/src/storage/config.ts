// What a node's iSCSI initiator starts with: its initiator name, where portal addresses answer,
// and the discovery portals and favourite (persistent) targets that the iSCSI Initiator service
// keeps in the registry. Seed 000 leaves every node in the target's access list with the host's
// portal discovered and the target logged in with Quick Connect, which makes it a favourite; the
// coordinator's lab builder fills this in that way. Changes made later by cmdlets are kept in
// `io.store` and win over this configuration on the next start, as the registry would.
import { assert } from '@wsfc-lab/protocol';
import { iscsiInitiatorDefaults, type IscsiInitiatorTiming } from './timing.js';

/** Which machine answers at a portal address, and on which network (the lab's stand-in for ARP). */
export interface PortalRoute {
  address: string;
  /** The lab machine (actor) serving the portal. */
  machine: string;
  network: string;
}

export interface PersistentTargetConfig {
  /** The target's IQN (Connect-IscsiTarget -NodeAddress). */
  nodeAddress: string;
  targetPortalAddress: string;
}

export interface NodeStorageConfig {
  /** The initiator's IQN: `iqn.1991-05.com.microsoft:<fqdn>`, as the Microsoft initiator names itself. */
  initiatorName: string;
  /** Portal addresses this node can reach. An address not listed answers nothing. */
  portalRoutes: PortalRoute[];
  /** Addresses in the discovery list (Get-IscsiTargetPortal) at first start. */
  targetPortals: string[];
  /** Favourite targets, logged in at every start (Connect-IscsiTarget -IsPersistent $true). */
  persistentTargets: PersistentTargetConfig[];
  /** Timers; every one defaults to the real initiator's (timing.ts). */
  timing?: Partial<IscsiInitiatorTiming>;
}

/** The TCP port of an iSCSI portal (RFC 7143 §13.1); the lab has no other. */
export const iscsiPortNumber = 3260;

export function timingOf(config: NodeStorageConfig): IscsiInitiatorTiming {
  const timing = { ...iscsiInitiatorDefaults, ...config.timing };
  for (const [name, value] of Object.entries(timing)) {
    assert(Number.isFinite(value) && value > 0, `storage timing ${name} must be a positive number of ms, got ${value}`);
  }
  return timing;
}
