// Get-ClusterNetwork and Get-ClusterNetworkInterface, answered from this node's network view
// (network-view.ts): the objects' properties as the FailoverClusters module shows them (facts §12,
// §16.3), the states as this node judges them. Names compare without case, as PowerShell's do.
// A node whose cluster service has not started heartbeating has no view, and answers as the
// cluster cmdlets do on a machine outside a cluster.
import type { CmdletError, CommandReply } from '@wsfc-lab/protocol';
import type { CmdletCall } from '../subsystem.js';
import { networkErrors } from './network-errors.js';
import { networkLayout, type NetworkLayout, type NetworkSource, type NetworkView } from './network-view.js';
import { clusterNetworkRoles } from './networks.js';

/** What the cmdlets read: the membership state has it all. */
export interface NetworkCmdletSource extends NetworkSource {
  /** Absent until the cluster service starts watching its peers. */
  networks?: NetworkView | undefined;
}

type Reply = { reply(requestId: string, reply: CommandReply): void };
type Found<T> = { ok: true; value: T } | { ok: false; error: CmdletError };

/** A parameter's value as a list of strings; `positional` also takes the first positional argument. */
function listOf(call: CmdletCall, parameter: string, positional = false): string[] | undefined {
  const value = call.parameters[parameter] ?? (positional ? (call.parameters.$positional as unknown[] | undefined)?.[0] : undefined);
  if (value === undefined || value === null) return undefined;
  return Array.isArray(value) ? value.map(String) : [String(value)];
}

/** The items whose key is in `wanted` (all of them when nothing is wanted), or the first unknown name. */
function pick<T>(items: readonly T[], key: (item: T) => string, wanted: string[] | undefined, notFound: (name: string) => CmdletError): Found<T[]> {
  if (wanted === undefined) return { ok: true, value: [...items] };
  const lower = new Set(wanted.map((w) => w.toLowerCase()));
  const missing = wanted.find((w) => !items.some((item) => key(item).toLowerCase() === w.toLowerCase()));
  if (missing !== undefined) return { ok: false, error: notFound(missing) };
  return { ok: true, value: items.filter((item) => lower.has(key(item).toLowerCase())) };
}

/** The layout and view, or the reply for a node with no view or an assignment it cannot make. */
function readNetworks(state: NetworkCmdletSource, call: CmdletCall, cmdlet: string): Found<{ layout: NetworkLayout; view: NetworkView; cluster: string }> {
  if (state.networks === undefined) return { ok: false, error: networkErrors.notInCluster(state.config.name) };
  const assignment = call.parameters.$assignment;
  if (assignment !== undefined && assignment !== null) {
    const property = typeof assignment === 'object' && 'property' in assignment ? String(assignment.property) : String(assignment);
    return { ok: false, error: networkErrors.propertyNotSettable({ cmdlet, property }) };
  }
  const cluster = state.config.clusterName ?? state.config.cluster?.name ?? '';
  return { ok: true, value: { layout: networkLayout(state), view: state.networks, cluster } };
}

export function getClusterNetwork(state: NetworkCmdletSource, call: CmdletCall, io: Reply): void {
  const read = readNetworks(state, call, 'Get-ClusterNetwork');
  if (!read.ok) return io.reply(call.requestId, { ok: false, error: read.error });
  const { layout, view, cluster } = read.value;
  // A network is found by its cluster name, or by the lab's name for it (what seed 003 renames it to).
  const wanted = listOf(call, 'Name', true)?.map((w) => layout.networks.find((n) => n.labName.toLowerCase() === w.toLowerCase())?.name ?? w);
  const networks = pick(layout.networks, (n) => n.name, wanted, networkErrors.networkNotFound);
  if (!networks.ok) return io.reply(call.requestId, { ok: false, error: networks.error });
  const rows = networks.value.map((n) => ({
    Name: n.name,
    State: view.networks[n.name] ?? 'Unavailable',
    Role: clusterNetworkRoles[n.role].name,
    Address: n.address,
    AddressMask: n.addressMask,
    Ipv4Addresses: [n.address],
    Ipv4PrefixLengths: [n.prefixLength],
    Metric: n.metric,
    AutoMetric: true,
    Description: '',
    Cluster: cluster,
  }));
  io.reply(call.requestId, { ok: true, output: rows });
}

export function getClusterNetworkInterface(state: NetworkCmdletSource, call: CmdletCall, io: Reply): void {
  const read = readNetworks(state, call, 'Get-ClusterNetworkInterface');
  if (!read.ok) return io.reply(call.requestId, { ok: false, error: read.error });
  const { layout, view, cluster } = read.value;
  const nodes = [...new Set(layout.interfaces.map((i) => i.node))];
  const byNode = pick(nodes, (n) => n, listOf(call, 'Node'), networkErrors.nodeNotFound);
  const byNetwork = pick(layout.networks, (n) => n.name, listOf(call, 'Network'), networkErrors.networkNotFound);
  const byName = pick(layout.interfaces, (i) => i.name, listOf(call, 'Name', true), networkErrors.interfaceNotFound);
  for (const found of [byNode, byNetwork, byName]) if (!found.ok) return io.reply(call.requestId, { ok: false, error: found.error });
  if (!byNode.ok || !byNetwork.ok || !byName.ok) return;
  const rows = byName.value
    .filter((i) => byNode.value.includes(i.node) && byNetwork.value.some((n) => n.name === i.network))
    .map((i) => ({
      Name: i.name,
      Node: i.node,
      Network: i.network,
      State: view.interfaces[i.name] ?? 'Unavailable',
      Adapter: i.adapter,
      Address: i.address,
      Ipv4Addresses: [i.address],
      DhcpEnabled: false,
      Description: '',
      Cluster: cluster,
    }));
  io.reply(call.requestId, { ok: true, output: rows });
}

export const networkCmdlets = {
  'Get-ClusterNetwork': getClusterNetwork,
  'Get-ClusterNetworkInterface': getClusterNetworkInterface,
} as const;
