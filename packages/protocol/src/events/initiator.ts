// A node's iSCSI initiator (the iScsiPrt driver), as the System log shows it.
import type { Catalog } from './catalog.js';

export type InitiatorEvent =
  | { type: 'IscsiConnectionLost'; node: string; target: string; detail: string }
  | { type: 'IscsiReconnected'; node: string; target: string }
  | { type: 'IscsiLoginFailed'; node: string; target: string; status: string };

export const iscsiProvider = 'iScsiPrt';

export const initiatorCatalog: Catalog<InitiatorEvent> = {
  IscsiConnectionLost: {
    Id: 20,
    provider: iscsiProvider,
    level: 'Warning',
    component: 'ISCSI',
    message: (e) => `Connection to the target was lost. The initiator will attempt to retry the connection. (target ${e.target}: ${e.detail})`,
  },
  IscsiReconnected: {
    Id: 34,
    provider: iscsiProvider,
    level: 'Information',
    component: 'ISCSI',
    message: (e) => `A connection to the target was lost, but Initiator successfully reconnected to the target. (target ${e.target})`,
  },
  IscsiLoginFailed: {
    provider: iscsiProvider,
    level: 'Error',
    component: 'ISCSI',
    message: (e) => `Login to target ${e.target} failed: ${e.status}.`,
  },
};
