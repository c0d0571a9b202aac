// Events of the AD DS + DNS actor (owned by the directory work; see issue 4).
import type { Catalog } from './catalog.js';

export type DirectoryEvent = { type: 'DnsUpdateRefused'; name: string; requester: string; reason: string };

export const directoryCatalog: Catalog<DirectoryEvent> = {
  DnsUpdateRefused: {
    level: 'Warning',
    component: 'DNS',
    message: (e) => `dynamic update of ${e.name} by ${e.requester} refused: ${e.reason}`,
  },
};
