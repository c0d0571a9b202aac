// The protected network (facts §7, seed 002): the Virtual Machine resource's health check finds that
// a network adapter it protects (ClusterMonitored) is on a virtual switch whose physical NIC failed
// on this node. 1255 (RCM_RESOURCE_NETWORK_FAILURE, facts §16.1) is the System-log notice; its exact
// text is not in the sources, so the message follows 1250's wording for the same kind of notice
// [lab wording]. What the cluster then does (a live migration, nothing when no node has the
// network, the queued moves cancelled when the network is back) goes to cluster.log only.
import type { Catalog } from './catalog.js';

export type ProtectedNetworkEvent =
  | { type: 'VmNetworkFailure'; resource: string; group: string; node: string; adapter: string; switchName: string }
  /** The VM is live-migrated (queued when over the limit) to a node whose interface on the network is up. */
  | { type: 'ProtectedNetworkMove'; vm: string; node: string; switchName: string; target: string }
  /** No other node has the network working: the VM stays (seed 002). */
  | { type: 'ProtectedNetworkNoTarget'; vm: string; node: string; switchName: string }
  /** The network works here again: a move still queued is cancelled, and the VM stays. */
  | { type: 'ProtectedNetworkRecovered'; vm: string; node: string; cancelledQueued: boolean };

export const protectedNetworkCatalog: Catalog<ProtectedNetworkEvent> = {
  VmNetworkFailure: {
    Id: 1255,
    level: 'Warning',
    component: 'RCM',
    message: (e) =>
      `Cluster resource '${e.resource}' in clustered role '${e.group}' has received a critical state notification. For a virtual machine this indicates that a critical network it depends on is not healthy: network adapter '${e.adapter}' is connected to virtual switch '${e.switchName}', whose physical network adapter on node '${e.node}' has failed.`,
  },
  ProtectedNetworkMove: {
    level: 'Information',
    component: 'RCM',
    message: (e) => `'${e.vm}' has a protected network failure on ${e.node} (virtual switch '${e.switchName}'): live migrating it to ${e.target}, where that network is up.`,
  },
  ProtectedNetworkNoTarget: {
    level: 'Warning',
    component: 'RCM',
    message: (e) => `'${e.vm}' has a protected network failure on ${e.node} (virtual switch '${e.switchName}'), but no other node has that network up: it stays on ${e.node}.`,
  },
  ProtectedNetworkRecovered: {
    level: 'Information',
    component: 'RCM',
    message: (e) => `The protected networks of '${e.vm}' on ${e.node} are up again${e.cancelledQueued ? ': its queued live migration is cancelled and it stays here' : ''}.`,
  },
};
