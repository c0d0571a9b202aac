// The routes a node watches to each peer. A peer is lost only when every route to it is down; it
// is connected again when a route works both ways.
import type { NodeConfig } from '../config.js';
import { inSubnet } from '../subnet.js';
import { newRoute, type Route } from './route.js';

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
