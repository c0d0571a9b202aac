// Whether this machine is a domain member: what the machine keeps on its own disk (the LSA's
// domain information and its computer account password), so it survives a restart. A join takes
// effect when the machine restarts, as Add-Computer warns ("The changes will take effect after you
// restart the computer"): until then the machine is `JoinPending` and still acts as a workgroup
// machine. The lab configuration gives the state at lab start; once anything is stored, the store
// wins.
import type { DurableStore } from '@wsfc-lab/protocol';
import type { NodeDirectoryConfig } from './config.js';

export type DomainMembership = { state: 'Workgroup' } | { state: 'JoinPending'; domain: string } | { state: 'Member'; domain: string };

export const membershipStoreKey = 'directory-client/domain-membership';

function isMembership(value: unknown): value is DomainMembership {
  if (typeof value !== 'object' || value === null) return false;
  const { state, domain } = value as { state?: unknown; domain?: unknown };
  if (state === 'Workgroup') return true;
  return (state === 'JoinPending' || state === 'Member') && typeof domain === 'string' && domain.length > 0;
}

/** What the disk says, else what the lab started the machine as. */
export function loadMembership(config: NodeDirectoryConfig | undefined, store: DurableStore): DomainMembership {
  const stored = store.get(membershipStoreKey);
  if (isMembership(stored)) return stored;
  return config?.joined ? { state: 'Member', domain: config.domain } : { state: 'Workgroup' };
}

export function saveMembership(store: DurableStore, membership: DomainMembership): void {
  store.put(membershipStoreKey, membership);
}

/** At start a pending join takes effect: the machine comes up as a member. */
export function membershipAtStart(stored: DomainMembership): DomainMembership {
  return stored.state === 'JoinPending' ? { state: 'Member', domain: stored.domain } : stored;
}

/** True when this machine may use the domain (Kerberos, secure DNS updates) right now. */
export function isMember(config: NodeDirectoryConfig | undefined, store: DurableStore): boolean {
  return config !== undefined && loadMembership(config, store).state === 'Member';
}
