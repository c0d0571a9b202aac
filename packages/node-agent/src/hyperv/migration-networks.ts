// Which networks carry a live migration, best first (facts §6.2, seed 003). Two settings decide it,
// and which one applies depends on who runs the VM:
//
// - A clustered VM moves the way the cluster says: the "Virtual Machine" resource type's private
//   properties MigrationNetworkOrder and MigrationExcludeNetworks (Failover Cluster Manager's
//   "Live Migration Settings", `Get-ClusterResourceType "Virtual Machine" | Set-ClusterParameter`).
//   Each is a list of cluster network IDs separated by semicolons; empty means the system default
//   [L3] [L7]. By default every cluster-enabled network (Role 1 or 3) is allowed and the network with
//   the lowest metric, the one cluster traffic and CSV use, is last [L3]. The lab also accepts a
//   network's cluster name ("Cluster Network 2") or lab name ("Cluster") where an ID goes, as
//   Failover Cluster Manager shows names; its networks have no GUIDs (Get-ClusterNetwork).
//   Lab's rule for the rest of the default order: ascending metric, so a cluster-only network
//   (no gateway, metric from 1000) comes before a client network (metric from 10000) [inferred from
//   [L3]'s wish to keep migration off the networks others depend on; the real order is not documented].
// - A VM that is not clustered moves the way its host says (Set-VMHost, Add-VMMigrationNetwork):
//   with UseAnyNetworkForMigration any network of the host, in the default order; else only the
//   subnets added, by Priority (lower first), and none when none was added [L4].
//
// A migration takes the first network of its order that is up to the destination now and falls
// back to the next when it is down; with none usable it fails (migration-source.ts).
import { autoMetric, clusterNetworkName } from '../membership/networks.js';
import { inSubnet } from '../subnet.js';

/** What the Hyper-V host knows of one network of its node. */
export interface MigrationNetworkFacts {
  /** The lab's name for the network (the fabric's). */
  name: string;
  role: string;
  /** Absent: the lab's default, 1 Gbps. */
  bandwidthGbps?: number | undefined;
  /** The subnet in CIDR form, when the node gave it (Add-VMMigrationNetwork matches on it). */
  subnet?: string | undefined;
  /** The NIC on this network is RDMA-capable (lab file `rdma: true`): SMB Direct. */
  rdma?: boolean | undefined;
}

/** A network with what the orders need: its cluster name and metric (membership/networks.ts). */
export interface RankedNetwork extends MigrationNetworkFacts {
  clusterName: string;
  metric: number;
}

/** The "Virtual Machine" resource type's two private properties, split at their semicolons. */
export interface ClusterMigrationSetting {
  MigrationNetworkOrder: readonly string[];
  MigrationExcludeNetworks: readonly string[];
}

/** One Add-VMMigrationNetwork entry. */
export interface VmMigrationNetwork {
  /** As given: `10.0.1.0/24` (a bare address stands for its /32). */
  Subnet: string;
  /** Lower goes first [L4]. */
  Priority: number;
}

export interface HostMigrationNetworks {
  UseAnyNetworkForMigration: boolean;
  migrationNetworks: readonly VmMigrationNetwork[];
}

/** Cluster numbering and automatic metrics, as Get-ClusterNetwork shows them (membership/networks.ts). */
export function rankNetworks(networks: readonly MigrationNetworkFacts[]): RankedNetwork[] {
  const counts = { withGateway: 0, withoutGateway: 0 };
  return networks.map((network, index) => {
    const withGateway = network.role === 'ClusterAndClient';
    const ordinal = withGateway ? counts.withGateway++ : counts.withoutGateway++;
    const base = withGateway ? autoMetric.withGatewayBase : autoMetric.withoutGatewayBase;
    return { ...network, clusterName: clusterNetworkName(index), metric: base + ordinal * autoMetric.step };
  });
}

/** True when `entry` (an ID, a cluster network name or a lab network name) names `network`. */
export function namesNetwork(entry: string, network: RankedNetwork): boolean {
  const wanted = entry.trim().toLowerCase();
  return wanted === network.name.toLowerCase() || wanted === network.clusterName.toLowerCase();
}

/** The default order: ascending metric, with the lowest-metric network moved last [L3]. */
export function defaultOrder(networks: readonly RankedNetwork[]): RankedNetwork[] {
  const byMetric = [...networks].sort((a, b) => a.metric - b.metric || a.name.localeCompare(b.name));
  const lowest = byMetric.shift();
  return lowest === undefined ? byMetric : [...byMetric, lowest];
}

/** The cluster's order for a clustered VM: cluster-enabled, not excluded, MigrationNetworkOrder first. */
export function clusterMigrationOrder(networks: readonly RankedNetwork[], setting?: ClusterMigrationSetting): RankedNetwork[] {
  const excluded = (n: RankedNetwork) => (setting?.MigrationExcludeNetworks ?? []).some((entry) => namesNetwork(entry, n));
  const allowed = networks.filter((n) => n.role !== 'None' && !excluded(n));
  const listed: RankedNetwork[] = [];
  for (const entry of setting?.MigrationNetworkOrder ?? []) {
    const network = allowed.find((n) => namesNetwork(entry, n));
    if (network !== undefined && !listed.includes(network)) listed.push(network);
  }
  return [...listed, ...defaultOrder(allowed.filter((n) => !listed.includes(n)))];
}

/** A subnet as Add-VMMigrationNetwork takes it, in CIDR form, or undefined when it is not one. */
export function normaliseSubnet(text: string): string | undefined {
  const trimmed = text.trim();
  const [address, bits, extra] = trimmed.split('/');
  if (extra !== undefined || address === undefined || !/^\d{1,3}(\.\d{1,3}){3}$/.test(address)) return undefined;
  if (address.split('.').some((octet) => Number(octet) > 255)) return undefined;
  if (bits === undefined) return `${address}/32`;
  const prefix = Number(bits);
  return /^\d{1,2}$/.test(bits) && prefix <= 32 ? `${address}/${prefix}` : undefined;
}

/** True when the migration subnet `entry` covers the network's subnet (the host's address on it lies in it). */
function covers(entry: VmMigrationNetwork, network: RankedNetwork): boolean {
  const subnet = normaliseSubnet(entry.Subnet);
  if (subnet === undefined || network.subnet === undefined) return false;
  const [base, bits] = network.subnet.split('/');
  const [, entryBits] = subnet.split('/');
  return base !== undefined && Number(bits) >= Number(entryBits) && inSubnet(base, subnet);
}

/** The host's order for a VM that is not clustered (Set-VMHost, Add-VMMigrationNetwork) [L4]. */
export function hostMigrationOrder(networks: readonly RankedNetwork[], host: HostMigrationNetworks): RankedNetwork[] {
  if (host.UseAnyNetworkForMigration) return defaultOrder(networks);
  const entries = [...host.migrationNetworks].sort((a, b) => a.Priority - b.Priority || a.Subnet.localeCompare(b.Subnet));
  const out: RankedNetwork[] = [];
  for (const entry of entries) for (const network of networks) if (covers(entry, network) && !out.includes(network)) out.push(network);
  return out;
}

/** The networks of `order` that are up to the destination now, in that order. */
export function usableNetworks(order: readonly RankedNetwork[], upToPeer: readonly string[]): RankedNetwork[] {
  const up = new Set(upToPeer);
  return order.filter((n) => up.has(n.name));
}

/**
 * ERROR_NETWORK_NOT_AVAILABLE (0x13AB), the real event-21502 text when no cluster network can carry
 * a clustered VM's migration (Microsoft, "Troubleshoot live migration issues", KB 4558514).
 */
export const clusterNetworkNotAvailable = (destination: string) =>
  `Failed to get the network address for the destination node '${destination}': A cluster Network isn't available for this operation. (0x000013AB)`;

/** Why no network can carry the migration: the real text for a clustered VM, then the lab's detail naming each network. */
export function whyNoNetwork(o: { order: readonly RankedNetwork[]; upToPeer: readonly string[]; clustered: boolean; source: string; destination: string }): string {
  const detail =
    o.order.length === 0
      ? o.clustered
        ? 'every cluster-enabled network is in MigrationExcludeNetworks of resource type "Virtual Machine"'
        : `UseAnyNetworkForMigration is off on ${o.source} and no Add-VMMigrationNetwork subnet matches a network of the host`
      : `no network for live migration connects ${o.source} to ${o.destination} now; tried, in order: ${o.order.map((n) => `${n.clusterName} (${n.name}): down`).join(', ')}`;
  return o.clustered ? `${clusterNetworkNotAvailable(o.destination)} (${detail})` : `${o.source} cannot connect to ${o.destination} for live migration: ${detail}`;
}

/**
 * The destination's migration listener is off (Disable-VMMigration): the source's connection is
 * refused, WSAECONNREFUSED, as event 21502 shows it (KB 4558514).
 */
export function listenerOff(o: { vm: string; source: string; destination: string }): string {
  return `Virtual machine migration operation for '${o.vm}' failed at migration source '${o.source}'. The Virtual Machine Management Service failed to establish a connection for a Virtual Machine migration with host '${o.destination}': No connection could be made because the target machine actively refused it. (0x8007274D) (VirtualMachineMigrationEnabled is False on ${o.destination}: Enable-VMMigration turns its listener on)`;
}
