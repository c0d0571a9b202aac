// Which nodes this node believes are in the cluster, and the routes it watches to each. A peer is
// removed (event 1135) only when every route to it is down; it comes back when a route does.
// Regroup and quorum (issue 5) build on this view.
import type { NodeState } from '@wsfc-lab/protocol';
import type { NodeConfig } from '../config.js';
import { inSubnet } from '../subnet.js';
import { newRoute, type Route } from './route.js';

export interface Member {
  State: NodeState;
  incarnation: number | undefined;
}

/** Routes on every network both ends are on and whose role carries cluster traffic (facts §12). */
export function routesFor(config: NodeConfig): Route[] {
  const routes: Route[] = [];
  for (const peer of config.peers) {
    for (const network of config.networks) {
      if (network.role === 'None') continue;
      const localAddress = config.addresses[network.name];
      const remoteAddress = peer.addresses[network.name];
      if (localAddress === undefined || remoteAddress === undefined) continue;
      const crossSubnet = !inSubnet(remoteAddress, network.subnet) || !inSubnet(localAddress, network.subnet);
      routes.push(newRoute({ peer: peer.name, network: network.name, localAddress, remoteAddress, crossSubnet }));
    }
  }
  return routes;
}

export function allRoutesDown(routes: readonly Route[], peer: string): boolean {
  return routes.every((route) => route.peer !== peer || route.state === 'Down');
}

/** How long the peer has been silent on its freshest route, for the detection figures. */
export function silenceMs(routes: readonly Route[], peer: string, nowMs: number): number {
  let lastMs = -Infinity;
  for (const route of routes) {
    if (route.peer === peer && route.lastResponseAtMs !== undefined) lastMs = Math.max(lastMs, route.lastResponseAtMs);
  }
  return Number.isFinite(lastMs) ? nowMs - lastMs : 0;
}
