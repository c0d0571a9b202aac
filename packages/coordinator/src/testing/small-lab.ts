// Small labs built in code, for runtime tests and benchmarks that need no lab file.
import type { ClusterBootstrap, NodeConfig } from '@wsfc-lab/node-agent';
import { heartbeatDefaults } from '@wsfc-lab/node-agent';
import type { FabricRules } from '../fabric/rules.js';
import type { ActorSpec } from '../runtime/runtime.js';

export interface SmallLab {
  actors: ActorSpec[];
  fabric: FabricRules;
  nodes: string[];
}

/** `nodeCount` cluster nodes on one ClusterAndClient network and one ClusterOnly network. */
export function smallLab(options: { nodeCount: number; clusterNetworks?: 1 | 2 }): SmallLab {
  const networkCount = options.clusterNetworks ?? 2;
  const networks = [
    { name: 'Management', subnet: '172.16.0.0/16', role: 'ClusterAndClient' as const },
    { name: 'Cluster', subnet: '10.0.0.0/16', role: 'ClusterOnly' as const },
  ].slice(0, networkCount);
  const nodes = Array.from({ length: options.nodeCount }, (_, i) => `node${String(i + 1).padStart(2, '0')}`);
  const addressesOf = (i: number) =>
    Object.fromEntries(networks.map((n, k) => [n.name, `${k === 0 ? '172.16' : '10.0'}.${1 + Math.floor((i + 5) / 250)}.${((i + 5) % 250) + 1}`]));
  // The cluster as New-Cluster leaves it, with no shared storage: node majority, no roles.
  const cluster: ClusterBootstrap = {
    name: 'wsfc-cluster',
    domain: 'wsfc.local',
    formedBy: nodes[0]!,
    nodes: nodes.map((name, i) => ({ name, id: i + 1 })),
    addresses: [],
    disks: [],
    witness: { type: 'None' },
    settings: {},
    roles: [],
  };
  const actors: ActorSpec[] = nodes.map((name, i) => {
    const config: NodeConfig = {
      name,
      id: i + 1,
      clusterName: 'wsfc-cluster',
      cluster,
      networks,
      addresses: addressesOf(i),
      peers: nodes.flatMap((peer, j) => (j === i ? [] : [{ name: peer, id: j + 1, addresses: addressesOf(j) }])),
      settings: { ...heartbeatDefaults },
    };
    return { id: name, kind: 'node', config };
  });
  const fabric: FabricRules = {
    networks: networks.map((n) => ({ name: n.name, role: n.role, bandwidthGbps: 10, latencyMs: 0.2, lossPercent: 0 })),
    attachments: Object.fromEntries(nodes.map((n) => [n, networks.map((net) => net.name)])),
    nicsDown: [],
    partitions: [],
    pathsDown: [],
  };
  return { actors, fabric, nodes };
}
