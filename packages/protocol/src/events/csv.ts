// Cluster Shared Volume events of one node (facts §13, §16.1): the volume paused while it has no
// coordinator (5120, DCM_VOLUME_AUTO_PAUSE_AFTER_FAILURE), this node's direct I/O lost and its I/O
// redirected to the coordinator (5121, DCM_VOLUME_NO_DIRECT_IO_DUE_TO_FAILURE), and two
// cluster.log lines with no System-log ID: direct I/O back, and the volume resumed after a pause.
// The texts follow the real 5120/5121 messages; the status names are NTSTATUS names.
import type { Catalog } from './catalog.js';

/** Why a volume paused: its coordinator left the membership, or the coordinator's own I/O failed. */
export type CsvPauseStatus = 'STATUS_CONNECTION_DISCONNECTED(c000020c)' | 'STATUS_DEVICE_NOT_CONNECTED(c000009d)' | 'STATUS_IO_TIMEOUT(c00000b5)';

export type CsvEvent =
  | { type: 'CsvPaused'; node: string; disk: string; volume: string; status: CsvPauseStatus }
  | { type: 'CsvBlockRedirected'; node: string; disk: string; volume: string; coordinator: string; detail: string }
  /** Block redirected no more: this node's direct I/O works again. */
  | { type: 'CsvDirectIoResumed'; node: string; disk: string; volume: string }
  /** The pause ended: this node does I/O on the volume again, directly or through the coordinator. */
  | { type: 'CsvResumed'; node: string; disk: string; volume: string; StateInfo: 'Direct' | 'BlockRedirected' };

export const csvCatalog: Catalog<CsvEvent> = {
  CsvPaused: {
    Id: 5120,
    level: 'Error',
    component: 'DCM',
    message: (e) =>
      `Cluster Shared Volume '${e.volume}' ('${e.disk}') has entered a paused state because of '${e.status}'. All I/O will temporarily be queued until a path to the volume is reestablished.`,
  },
  CsvBlockRedirected: {
    Id: 5121,
    level: 'Warning',
    component: 'DCM',
    message: (e) =>
      `Cluster Shared Volume '${e.volume}' ('${e.disk}') is no longer directly accessible from this cluster node. I/O access will be redirected to the storage device over the network to the node that owns the volume (${e.coordinator}). If this results in degraded performance, please troubleshoot this node's connectivity to the storage device and I/O will resume to a healthy state once connectivity to the storage device is reestablished. (${e.detail})`,
  },
  CsvDirectIoResumed: {
    level: 'Information',
    component: 'DCM',
    message: (e) => `Cluster Shared Volume '${e.volume}' ('${e.disk}'): direct I/O from ${e.node} resumed; the volume is no longer block redirected.`,
  },
  CsvResumed: {
    level: 'Information',
    component: 'DCM',
    message: (e) => `Cluster Shared Volume '${e.volume}' ('${e.disk}') resumed on ${e.node} with ${e.StateInfo} I/O.`,
  },
};
