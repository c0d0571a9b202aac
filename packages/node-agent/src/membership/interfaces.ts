// Cluster network interfaces: one per node per cluster network the node has an address on, named
// "<node> - <adapter>" (facts §16.3, the PowerShell docs' examples). The real adapter name is the
// operating system's ("Ethernet 2", "vEthernet (Management)"); the lab's nodes have no such names,
// so each node's adapter on a network is named after the lab's network, as administrators often
// rename them: "node02 - Cluster" on "Cluster Network 2" [lab rule; UNCONFIRMED as a default].
import type { NodeConfig } from '../config.js';
import type { ClusterNetwork } from './networks.js';

export interface ClusterNetworkInterface {
  /** "<node> - <adapter>". */
  name: string;
  node: string;
  nodeId: number;
  /** The cluster network's name ("Cluster Network N"). */
  network: string;
  /** The lab's name for that network (the routes' and the fabric's). */
  labNetwork: string;
  adapter: string;
  address: string;
}

export function interfaceName(node: string, adapter: string): string {
  return `${node} - ${adapter}`;
}

/**
 * The interfaces of this node and of `peers` (the cluster's other nodes), in node-ID order and,
 * within a node, in cluster network order. A peer missing from the configuration has none.
 */
export function interfacesOf(config: NodeConfig, peers: readonly string[], networks: readonly ClusterNetwork[]): ClusterNetworkInterface[] {
  const watched = new Set(peers);
  const nodes = [{ name: config.name, id: config.id, addresses: config.addresses }, ...config.peers.filter((p) => watched.has(p.name))].sort((a, b) => a.id - b.id);
  return nodes.flatMap((node) =>
    networks.flatMap((network) => {
      const address = node.addresses[network.labName];
      if (address === undefined) return [];
      const adapter = network.labName;
      return [{ name: interfaceName(node.name, adapter), node: node.name, nodeId: node.id, network: network.name, labNetwork: network.labName, adapter, address }];
    }),
  );
}
