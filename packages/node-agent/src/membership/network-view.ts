// This node's view of the cluster networks and their interfaces: the networks and interfaces the
// cluster has (its layout: this node's configuration and the peers it watches), and the state of
// each as this node judges it from its routes (network-states.ts). The view is kept in the
// membership state, so Get-ClusterNetwork answers from it and a change can be told from the last
// view (network-events.ts).
import type { NodeConfig } from '../config.js';
import { interfacesOf, type ClusterNetworkInterface } from './interfaces.js';
import { judgeNetwork, type ClusterNetworkState, type NetInterfaceState } from './network-states.js';
import { clusterNetworksOf, type ClusterNetwork } from './networks.js';
import type { Route } from './route.js';

export interface NetworkView {
  /** Cluster network state by cluster network name. */
  networks: Record<string, ClusterNetworkState>;
  /** Interface state by interface name. */
  interfaces: Record<string, NetInterfaceState>;
}

export interface NetworkLayout {
  networks: ClusterNetwork[];
  interfaces: ClusterNetworkInterface[];
}

/** What the view is built from: the membership state has both. */
export interface NetworkSource {
  config: NodeConfig;
  routes: readonly Route[];
}

/** The peers this node watches (the cluster's other nodes), in the order their routes were made. */
function watchedPeers(routes: readonly Route[]): string[] {
  return [...new Set(routes.map((r) => r.peer))];
}

export function networkLayout(source: NetworkSource): NetworkLayout {
  const networks = clusterNetworksOf(source.config.networks);
  return { networks, interfaces: interfacesOf(source.config, watchedPeers(source.routes), networks) };
}

/** Judges every network of the layout from the routes. */
export function observeNetworks(source: NetworkSource, layout: NetworkLayout): NetworkView {
  const self = source.config.name;
  const nodeUp = new Set(source.routes.filter((r) => r.state === 'Up').map((r) => r.peer));
  const routeState = new Map(source.routes.map((r) => [`${r.peer}|${r.network}`, r.state]));
  const view: NetworkView = { networks: {}, interfaces: {} };
  for (const network of layout.networks) {
    const attached = layout.interfaces.filter((i) => i.network === network.name);
    const peers = attached
      .filter((i) => i.node !== self)
      .map((i) => ({ node: i.node, nodeUp: nodeUp.has(i.node), reached: routeState.get(`${i.node}|${network.labName}`) !== 'Down' }));
    const judgement = judgeNetwork({ role: network.role, self, selfAttached: attached.some((i) => i.node === self), peers });
    view.networks[network.name] = judgement.state;
    for (const networkInterface of attached) view.interfaces[networkInterface.name] = judgement.interfaces.get(networkInterface.node) ?? 'Unavailable';
  }
  return view;
}
