// The cluster networks as the cluster names and numbers them. When a cluster is created it finds
// one cluster network per subnet its nodes have addresses on and names them "Cluster Network 1",
// "Cluster Network 2"… (facts §16.3; seed 003: 「クラスターネットワーク1」というような名前が付与).
// The real numbering follows the order the nodes' adapters were discovered; the lab numbers them
// in the lab file's network order, every network counted, role None included [UNCONFIRMED order;
// the lab's cluster-config.ts numbers the IP Address resources' networks the same way].
//
// Role prints as the FailoverClusters ClusterNetworkRole enum: None (0), Cluster (1),
// ClusterAndClient (3) (facts §12; a field `Get-ClusterNetwork | ft Name, State, Role` shows
// "Cluster" and "ClusterAndClient"). Metric is automatic (AutoMetric True): lower is preferred;
// networks without a default gateway start at 1000, networks with one at 10000 (facts §12, 2008 R2
// values; only the order matters). The node's configuration does not carry the gateway, so the
// lab takes ClusterAndClient (the role a gateway gives by default) for "has a gateway", and steps
// by 100 within each class in network order [UNCONFIRMED step].
import type { ClusterNetworkRole, NodeNetwork } from '../config.js';
import { ipv4ToInt } from '../subnet.js';

/** ClusterNetworkRole as Get-ClusterNetwork prints it. */
export type ClusterNetworkRoleName = 'None' | 'Cluster' | 'ClusterAndClient';

export const clusterNetworkRoles: Record<ClusterNetworkRole, { name: ClusterNetworkRoleName; value: 0 | 1 | 3 }> = {
  None: { name: 'None', value: 0 },
  ClusterOnly: { name: 'Cluster', value: 1 },
  ClusterAndClient: { name: 'ClusterAndClient', value: 3 },
};

/** Automatic metric bases (facts §12, 2008 R2) and the lab's step between networks of a class. */
export const autoMetric = { withoutGatewayBase: 1000, withGatewayBase: 10_000, step: 100 } as const;

export interface ClusterNetwork {
  /** "Cluster Network N". */
  name: string;
  /** The lab's name for the network: the fabric's, and the node configuration's key. */
  labName: string;
  role: ClusterNetworkRole;
  /** The subnet's network address, e.g. "10.0.1.0". */
  address: string;
  /** e.g. "255.255.255.0". */
  addressMask: string;
  prefixLength: number;
  metric: number;
}

export function clusterNetworkName(index: number): string {
  return `Cluster Network ${index + 1}`;
}

/** The lab network a cluster network name ("Cluster Network N") stands for, or undefined. */
export function labNetworkOf<N>(networks: readonly N[], clusterNetwork: string): N | undefined {
  const index = /^Cluster Network (\d+)$/.exec(clusterNetwork)?.[1];
  return index === undefined ? undefined : networks[Number(index) - 1];
}

export function ipv4FromInt(value: number): string {
  return [24, 16, 8, 0].map((shift) => (value >>> shift) & 0xff).join('.');
}

/** The network address and mask of a CIDR subnet; throws on a malformed one (the lab checked it). */
export function subnetParts(cidr: string): { address: string; addressMask: string; prefixLength: number } {
  const [base, bitsText] = cidr.split('/');
  const prefixLength = Number(bitsText);
  const baseValue = base === undefined ? undefined : ipv4ToInt(base);
  if (baseValue === undefined || !Number.isInteger(prefixLength) || prefixLength < 0 || prefixLength > 32) {
    throw new RangeError(`cluster network subnet "${cidr}" is not an IPv4 CIDR such as 10.0.1.0/24`);
  }
  const mask = prefixLength === 0 ? 0 : (0xffffffff << (32 - prefixLength)) >>> 0;
  return { address: ipv4FromInt((baseValue & mask) >>> 0), addressMask: ipv4FromInt(mask), prefixLength };
}

/** Every network of the node's configuration as a cluster network, in the cluster's numbering. */
export function clusterNetworksOf(networks: readonly NodeNetwork[]): ClusterNetwork[] {
  const counts = { withGateway: 0, withoutGateway: 0 };
  return networks.map((network, index) => {
    // The automatic metric follows the gateway (the lab file's role), not a role set since.
    const withGateway = (network.labRole ?? network.role) === 'ClusterAndClient';
    const ordinal = withGateway ? counts.withGateway++ : counts.withoutGateway++;
    const base = withGateway ? autoMetric.withGatewayBase : autoMetric.withoutGatewayBase;
    return { name: clusterNetworkName(index), labName: network.name, role: network.role, ...subnetParts(network.subnet), metric: base + ordinal * autoMetric.step };
  });
}
