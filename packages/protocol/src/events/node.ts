// Cluster-service events of a node: routes, membership (facts §1, §16.1).
import type { Catalog } from './catalog.js';

export type NodeState = 'Up' | 'Down' | 'Paused' | 'Joining';

export type NodeEvent =
  | { type: 'RouteDown'; peer: string; network: string; localAddress: string; remoteAddress: string; missedHeartbeats: number }
  | { type: 'RouteUp'; peer: string; network: string; localAddress: string; remoteAddress: string }
  | { type: 'NodeStateChanged'; node: string; State: NodeState; previous: NodeState }
  | { type: 'NodeRemoved'; node: string; detectedAfterMs: number };

export const nodeCatalog: Catalog<NodeEvent> = {
  RouteDown: {
    level: 'Warning',
    component: 'IM',
    message: (e) => `Marking Route from ${e.localAddress}:~3343~ to ${e.remoteAddress}:~3343~ as down (${e.missedHeartbeats} heartbeats missed on ${e.network})`,
  },
  RouteUp: {
    level: 'Information',
    component: 'IM',
    message: (e) => `Marking Route from ${e.localAddress}:~3343~ to ${e.remoteAddress}:~3343~ as up`,
  },
  NodeStateChanged: {
    level: (e) => (e.State === 'Down' ? 'Warning' : 'Information'),
    component: 'NODE',
    message: (e) => `Node ${e.node}: state ${e.previous} -> ${e.State}`,
  },
  NodeRemoved: {
    Id: 1135,
    level: 'Critical',
    component: 'NODE',
    message: (e) =>
      `Cluster node '${e.node}' was removed from the active failover cluster membership. The Cluster service on this node may have stopped. This could also be due to the node having lost communication with other active nodes in the failover cluster.`,
  },
};
