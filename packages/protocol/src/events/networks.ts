// Cluster network and network interface state events (facts §12, §16.1). A node logs these when
// its judgement of an interface or a network turns bad; the texts are the System log's. The real
// product logs no event when an interface or a network comes back Up (the System-log list has
// none), so there is none here either: Get-ClusterNetwork shows the recovery.
//
// Event IDs: 1127, 1129 and 1130 are as the System-log event list gives them (Error level). The
// "unreachable" text is listed there as 1125 (TM_EVENT_CLUSTER_NETINTERFACE_UNREACHABLE, Warning);
// clusters in the field log the same text as 1126, which is the ID administrators search for, so
// the lab uses 1126 [CONFLICT: facts §16.1 says 1125; a 2020s field log shows 1126 with this
// meaning].
import type { Catalog } from './catalog.js';

export type NetworkEvent =
  /** The interface cannot be reached by at least one other node on its network. */
  | { type: 'NetInterfaceUnreachable'; networkInterface: string; node: string; network: string }
  /** The interface cannot communicate with any other interface on its network. */
  | { type: 'NetInterfaceFailed'; networkInterface: string; node: string; network: string }
  /** Some nodes attached to the network cannot communicate with each other over it. */
  | { type: 'NetworkPartitioned'; network: string }
  /** No node can communicate over the network. */
  | { type: 'NetworkDown'; network: string };

const checkNetwork =
  'Run the Validate a Configuration wizard to check your network configuration. If the condition persists, check for hardware or software errors related to the network adapter. Also check for failures in any other network components to which the node is connected such as hubs, switches, or bridges.';

export const networkCatalog: Catalog<NetworkEvent> = {
  NetInterfaceUnreachable: {
    Id: 1126,
    level: 'Warning',
    component: 'IM',
    message: (e) =>
      `Cluster network interface '${e.networkInterface}' for cluster node '${e.node}' on network '${e.network}' is unreachable by at least one other cluster node attached to the network. The failover cluster was not able to determine the location of the failure. ${checkNetwork}`,
  },
  NetInterfaceFailed: {
    Id: 1127,
    level: 'Error',
    component: 'IM',
    message: (e) => `Cluster network interface '${e.networkInterface}' for cluster node '${e.node}' on network '${e.network}' failed. ${checkNetwork}`,
  },
  NetworkPartitioned: {
    Id: 1129,
    level: 'Error',
    component: 'IM',
    message: (e) =>
      `Cluster network '${e.network}' is partitioned. Some attached failover cluster nodes cannot communicate with each other over the network. The failover cluster was not able to determine the location of the failure. ${checkNetwork}`,
  },
  NetworkDown: {
    Id: 1130,
    level: 'Error',
    component: 'IM',
    message: (e) => `Cluster network '${e.network}' is down. None of the available nodes can communicate using this network. ${checkNetwork}`,
  },
};
