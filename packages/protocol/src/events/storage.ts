// Events of the iSCSI target (owned by the storage-target work; see issue 4).
import type { Catalog } from './catalog.js';

export type StorageEvent = { type: 'IscsiLoginRefused'; initiator: string; target: string; reason: string };

export const storageCatalog: Catalog<StorageEvent> = {
  IscsiLoginRefused: {
    level: 'Error',
    component: 'ISCSI',
    message: (e) => `login of initiator ${e.initiator} to target ${e.target} refused: ${e.reason}`,
  },
};
