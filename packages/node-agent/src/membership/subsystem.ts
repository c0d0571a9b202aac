// Membership: the failure detector. Heartbeats per route every SameSubnetDelay (CrossSubnetDelay
// across subnets); a route down after Threshold misses; a peer lost when all its routes are down;
// a peer connected when a route works both ways (facts §1). The coordinator never tells a node
// that a peer died: it finds out from silence. It reports connectivity only; who is in the cluster
// is the regroup's to agree on (cluster/).
import type { ActorIo } from '@wsfc-lab/protocol';
import type { NodeConfig } from '../config.js';
import type { HeartbeatSettings } from '../settings.js';
import type { FrameIn, NodeSubsystem } from '../subsystem.js';
import { acknowledgeRoute, tickRoute, type Route } from './route.js';
import { allRoutesDown, routesFor, silenceMs } from './views.js';
import { networkCmdlets } from './network-cmdlets.js';
import { judgeNetworksIfStale, refreshNetworkView } from './network-events.js';
import type { NetworkView } from './network-view.js';

export type MembershipTimer = { subsystem: 'membership'; type: 'HeartbeatTick'; crossSubnet: boolean };

/** A change of the failure detector's verdict on a peer, for the regroup. */
export type ConnectivityChange = { type: 'PeerConnected'; peer: string } | { type: 'PeerLost'; peer: string; silentForMs: number };

export interface MembershipState {
  config: NodeConfig;
  routes: Route[];
  /** Peers a route works with both ways. */
  connected: string[];
  /** Changes not yet taken by the node (takeConnectivityChanges). */
  changes: ConnectivityChange[];
  /** Heartbeat ticks armed, by crossSubnet. */
  ticking: { same: boolean; cross: boolean };
  /** Cluster networks and interfaces as this node judges them; absent until watchPeers (network-view.ts). */
  networks?: NetworkView;
  /** A route went up or down since the network view was judged: judged again at the tick's end. */
  networksStale?: boolean;
  /** The cluster service is stopped: no heartbeats sent or answered. */
  silent?: boolean;
}

type Io = ActorIo<MembershipTimer>;

/** The connectivity changes since the last call, in order; node.ts hands them to the regroup. */
export function takeConnectivityChanges(state: MembershipState): ConnectivityChange[] {
  return state.changes.splice(0, state.changes.length);
}

/** The networks with an Up route to `peer`, in the node's network order. */
export function networksUpTo(state: MembershipState, peer: string): string[] {
  return state.routes.filter((r) => r.peer === peer && r.state === 'Up').map((r) => r.network);
}

function markLost(state: MembershipState, peer: string, io: Io, fromSilence = true): void {
  const index = state.connected.indexOf(peer);
  if (index < 0) return;
  state.connected.splice(index, 1);
  const silentForMs = silenceMs(state.routes, peer, io.now());
  if (fromSilence) io.emit({ type: 'PeerUnreachable', node: peer, detectedAfterMs: silentForMs });
  state.changes.push({ type: 'PeerLost', peer, silentForMs });
}

/**
 * A network's role changed (cluster/network-roles.ts): the routes follow, those on a network that
 * no longer carries cluster traffic go, new ones start as any new route does; a peer left with no
 * route is lost.
 */
export function rebuildRoutes(state: MembershipState, io: Io): void {
  const watched = new Set(state.routes.map((r) => r.peer));
  const key = (r: Route) => `${r.peer}\u0000${r.network}`;
  const kept = new Map(state.routes.map((r) => [key(r), r]));
  state.routes = routesFor(state.config)
    .filter((r) => watched.has(r.peer))
    .map((r) => kept.get(key(r)) ?? r);
  for (const peer of watched) if (!state.routes.some((r) => r.peer === peer)) markLost(state, peer, io);
  ensureTicking(state, io);
  state.networks = refreshNetworkView(state.networks, state, io);
}

/** The cluster service stopped cleanly: heartbeats stop both ways, and no peer is connected. */
export function stopHeartbeats(state: MembershipState): void {
  state.silent = true;
  state.networks = undefined;
  state.networksStale = false;
  state.routes = [];
  state.connected = [];
  state.changes = [];
}

/** A peer said it is leaving (its service stops cleanly): it is lost now, not after Threshold misses. */
export function peerLeft(state: MembershipState, peer: string, io: Io): void {
  for (const route of state.routes) if (route.peer === peer) Object.assign(route, { state: 'Down', peerHearsUs: false });
  markLost(state, peer, io, false);
}

/** The cluster's heartbeat properties changed (they live in the cluster database): use them from the next tick. */
export function setHeartbeatSettings(state: MembershipState, settings: HeartbeatSettings): void {
  if (JSON.stringify(settings) !== JSON.stringify(state.config.settings)) state.config = { ...state.config, settings };
}

/**
 * Starts heartbeating to the cluster's other nodes (at the cluster service's start, or when the
 * node is added to a cluster): `peers` are names from the cluster database.
 */
export function watchPeers(state: MembershipState, peers: readonly string[], io: Io): void {
  state.silent = false;
  const wanted = new Set(peers);
  const existing = new Set(state.routes.map((r) => r.peer));
  for (const peer of existing) if (!wanted.has(peer)) markLost(state, peer, io);
  state.routes = [...state.routes.filter((r) => wanted.has(r.peer)), ...routesFor(state.config).filter((r) => wanted.has(r.peer) && !existing.has(r.peer))];
  ensureTicking(state, io);
  state.networks = refreshNetworkView(state.networks, state, io);
}

function ensureTicking(state: MembershipState, io: Io): void {
  if (!state.ticking.same && state.routes.some((r) => !r.crossSubnet)) {
    state.ticking.same = true;
    scheduleTick(state, false, io, 0);
  }
  if (!state.ticking.cross && state.routes.some((r) => r.crossSubnet)) {
    state.ticking.cross = true;
    scheduleTick(state, true, io, 0);
  }
}

function scheduleTick(state: MembershipState, crossSubnet: boolean, io: Io, delayMs?: number): void {
  const { SameSubnetDelay, CrossSubnetDelay } = state.config.settings;
  io.setTimer(delayMs ?? (crossSubnet ? CrossSubnetDelay : SameSubnetDelay), { subsystem: 'membership', type: 'HeartbeatTick', crossSubnet });
}

function onHeartbeatTick(state: MembershipState, crossSubnet: boolean, io: Io): void {
  const { settings } = state.config;
  const threshold = crossSubnet ? settings.CrossSubnetThreshold : settings.SameSubnetThreshold;
  const nowMs = io.now();
  for (const route of state.routes) {
    if (route.crossSubnet !== crossSubnet) continue;
    const { sequence, wentDown } = tickRoute(route, { threshold, nowMs, historyLength: settings.RouteHistoryLength });
    if (wentDown) onRouteDown(state, route, io);
    // BUGGIFY: a heartbeat that never leaves (a dropped datagram): the route's misses path.
    if (io.buggify('membership.heartbeat.skip')) continue;
    io.send(route.peer, route.network, { type: 'HeartbeatRequest', sequence, incarnation: io.incarnation, sentAtMs: nowMs, hearsYou: route.state === 'Up' });
  }
  judgeNetworksIfStale(state, io);
  scheduleTick(state, crossSubnet, io);
}

function onRouteDown(state: MembershipState, route: Route, io: Io): void {
  io.emit({
    type: 'RouteDown',
    peer: route.peer,
    network: route.network,
    localAddress: route.localAddress,
    remoteAddress: route.remoteAddress,
    missedHeartbeats: route.missedHeartbeats,
  });
  if (allRoutesDown(state.routes, route.peer)) markLost(state, route.peer, io);
  state.networksStale = true;
}

/** A peer is connected once a route to it works both ways (each side hears the other). */
function admitIfMutual(state: MembershipState, route: Route): void {
  if (route.state !== 'Up' || !route.peerHearsUs || state.connected.includes(route.peer)) return;
  state.connected.push(route.peer);
  state.changes.push({ type: 'PeerConnected', peer: route.peer });
}

function onHeartbeatRequest(state: MembershipState, frame: FrameIn, message: { sequence: number; hearsYou: boolean }, io: Io): void {
  io.send(frame.source, frame.network, { type: 'HeartbeatResponse', sequence: message.sequence, incarnation: io.incarnation, sentAtMs: io.now() });
  const route = state.routes.find((r) => r.peer === frame.source && r.network === frame.network);
  if (!route) return;
  route.peerHearsUs = message.hearsYou;
  admitIfMutual(state, route);
}

function onHeartbeatResponse(state: MembershipState, frame: FrameIn, message: { sequence: number; incarnation: number }, io: Io): void {
  const { source, network } = frame;
  const route = state.routes.find((r) => r.peer === source && r.network === network);
  if (!route) return;
  const { wentUp, peerRestarted } = acknowledgeRoute(route, { ...message, nowMs: io.now(), historyLength: state.config.settings.RouteHistoryLength });
  // The peer restarted faster than it could be detected: its old instance is gone.
  if (peerRestarted) markLost(state, source, io);
  if (wentUp) io.emit({ type: 'RouteUp', peer: source, network, localAddress: route.localAddress, remoteAddress: route.remoteAddress });
  if (wentUp) state.networksStale = true;
  admitIfMutual(state, route);
}

export const membership: NodeSubsystem<MembershipState, MembershipTimer> = {
  name: 'membership',
  cmdlets: networkCmdlets,

  init(config) {
    // Heartbeats start with the cluster service (watchPeers).
    return { config, routes: [], connected: [], changes: [], ticking: { same: false, cross: false } };
  },

  onMessage(state, frame, io) {
    const { message } = frame;
    if (state.silent && (message.type === 'HeartbeatRequest' || message.type === 'HeartbeatResponse')) return true;
    if (message.type === 'HeartbeatRequest') onHeartbeatRequest(state, frame, message, io);
    else if (message.type === 'HeartbeatResponse') onHeartbeatResponse(state, frame, message, io);
    else return false;
    return true;
  },

  onTimer(state, timer, io) {
    onHeartbeatTick(state, timer.crossSubnet, io);
  },

  // Per-route sequence rules are asserted where they change (route.ts), not walked every step:
  // at 64 nodes that walk was half of sim's CPU.
  checkInvariants(state) {
    for (const peer of state.connected) if (!state.routes.some((r) => r.peer === peer && r.state === 'Up')) throw new Error(`${state.config.name} calls ${peer} connected with no route up`);
  },
};
