// Events of the AD DS + DNS actor (the lab's domain controller). These are what the DC itself would
// log (directory service, DNS server and KDC); the cluster's own events about computer objects and
// DNS (1193/1194, 1196, 1257, 1683–1688, facts §16.1) are logged by the nodes that get a refusal.
import type { Catalog } from './catalog.js';

export type ComputerObjectChangeKind = 'Created' | 'Joined' | 'Enabled' | 'Disabled' | 'Deleted' | 'DelegationChanged';
export type DnsRecordChangeKind = 'Registered' | 'Updated' | 'Deleted';

export type DirectoryEvent =
  | { type: 'DirectoryDatabaseLoaded'; domain: string; restored: boolean; computers: number; dnsNames: number }
  | { type: 'ComputerObjectChanged'; name: string; objectKind: string; change: ComputerObjectChangeKind; by: string }
  | { type: 'DnsRecordChanged'; name: string; change: DnsRecordChangeKind; addresses: string[]; by: string }
  /** Any refused request or failed directory cmdlet: the real status and its text. */
  | { type: 'DirectoryRequestRefused'; request: string; requester: string; status: string; detail: string };

const securityEventOf = { Created: 4741, Joined: 4742, Enabled: 4742, Disabled: 4742, Deleted: 4743, DelegationChanged: 4742 } as const;

export const directoryCatalog: Catalog<DirectoryEvent> = {
  DirectoryDatabaseLoaded: {
    level: 'Information',
    component: 'DS',
    message: (e) =>
      `${e.restored ? 'loaded the directory database' : 'created the directory database'} of ${e.domain}: ${e.computers} computer objects, ${e.dnsNames} DNS names`,
  },
  ComputerObjectChanged: {
    level: (e) => (e.change === 'Deleted' || e.change === 'Disabled' ? 'Warning' : 'Information'),
    component: 'DS',
    message: (e) => `computer account ${e.name} (${e.objectKind}) ${e.change.toLowerCase()} by ${e.by} (Security ${securityEventOf[e.change]})`,
  },
  DnsRecordChanged: {
    level: 'Information',
    component: 'DNS',
    message: (e) => `A records of ${e.name} ${e.change.toLowerCase()} by ${e.by}: [${e.addresses.join(', ')}]`,
  },
  DirectoryRequestRefused: {
    level: 'Warning',
    component: 'DS',
    message: (e) => `${e.request} from ${e.requester} refused with ${e.status}: ${e.detail}`,
  },
};
