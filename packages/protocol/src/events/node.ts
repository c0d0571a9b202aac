// Cluster-service events of a node: routes, membership (facts §1, §16.1).
import type { Catalog } from './catalog.js';

export type NodeState = 'Up' | 'Down' | 'Paused' | 'Joining';

export type NodeEvent =
  | { type: 'RouteDown'; peer: string; network: string; localAddress: string; remoteAddress: string; missedHeartbeats: number }
  | { type: 'RouteUp'; peer: string; network: string; localAddress: string; remoteAddress: string }
  | { type: 'NodeStateChanged'; node: string; State: NodeState; previous: NodeState }
  /** The failure detector found every route to `node` down (a regroup follows; 1135 comes from it). */
  | { type: 'PeerUnreachable'; node: string; detectedAfterMs: number }
  /** Suspend-ClusterNode -Drain could not move every role off the node. */
  | { type: 'NodeDrainFailed'; node: string }
  /** Compute resiliency (facts §5.4): a node that left the membership while hosting VM roles is Isolated for ResiliencyPeriod. */
  | { type: 'NodeIsolated'; node: string; resiliencyPeriodSeconds: number }
  /** It rejoined within the period (or the period ended and it is Down). */
  | { type: 'NodeIsolationEnded'; node: string; rejoined: boolean }
  | { type: 'GroupsUnmonitored'; node: string; groups: string[] }
  /** Monitored again: the node rejoined, or the groups failed over elsewhere after the period. */
  | { type: 'GroupsMonitoredAgain'; node: string; groups: string[]; failedOver: boolean }
  /** Stop-Computer: the machine shut down cleanly (its cluster service stopped first). */
  | { type: 'MachinePoweredOff'; node: string };

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
  NodeDrainFailed: {
    Id: 1677,
    level: 'Error',
    component: 'NODE',
    // [lab wording] 1677 is the drain-failed event (facts §5.2); the product's exact text is not in the fact sheet.
    message: (e) => `Node drain failed on cluster node '${e.node}': one or more roles could not be moved to another node. The node remains paused.`,
  },
  NodeIsolated: {
    Id: 1673,
    level: 'Warning',
    component: 'NODE',
    // [lab wording] the event's name is CLUSTER_NODE_ENTERED_ISOLATED_STATE (facts §16.1).
    message: (e) => `Cluster node '${e.node}' has entered the isolated state: its virtual machine roles stay where they are, unmonitored, for up to ${e.resiliencyPeriodSeconds} seconds (ResiliencyPeriod).`,
  },
  NodeIsolationEnded: {
    Id: 1680,
    level: 'Information',
    component: 'NODE',
    // [lab wording] CLUSTER_NODE_EXITED_ISOLATED_STATE.
    message: (e) => `Cluster node '${e.node}' has exited the isolated state${e.rejoined ? ': it rejoined the active membership' : ': its ResiliencyPeriod ended and it is Down'}.`,
  },
  GroupsUnmonitored: {
    Id: 1681,
    level: 'Warning',
    component: 'RCM',
    // [lab wording] CLUSTER_GROUPS_UNMONITORED_ON_NODE.
    message: (e) => `Virtual machines on node '${e.node}' have entered an unmonitored state: ${e.groups.join(', ')}.`,
  },
  GroupsMonitoredAgain: {
    Id: 1682,
    level: 'Information',
    component: 'RCM',
    // [lab wording] CLUSTER_GROUP_MOVED_NO_LONGER_UNMONITORED / CLUSTER_MULTIPLE_GROUPS_NO_LONGER_UNMONITORED.
    message: (e) => `${e.groups.join(', ')} ${e.groups.length === 1 ? 'is' : 'are'} no longer unmonitored${e.failedOver ? `: failed over from '${e.node}' after its ResiliencyPeriod` : `: node '${e.node}' rejoined the cluster`}.`,
  },
  MachinePoweredOff: {
    Id: 1074,
    provider: 'User32',
    level: 'Information',
    component: 'NODE',
    message: (e) =>
      `The process C:\\Windows\\system32\\wsmprovhost.exe (${e.node.toUpperCase()}) has initiated the power off of computer ${e.node.toUpperCase()} on behalf of user WSFC\\Administrator for the following reason: Other (Planned)`,
  },
  PeerUnreachable: {
    level: 'Warning',
    component: 'NODE',
    // [lab wording] the cluster.log line of the failure detector's verdict, before the regroup.
    message: (e) => `Node ${e.node}: every route is down after ${Math.round(e.detectedAfterMs)} ms of silence; requesting a regroup`,
  },
};
