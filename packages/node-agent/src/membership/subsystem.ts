// Membership: the failure detector and this node's view of who is in the cluster. Heartbeats per
// route every SameSubnetDelay (CrossSubnetDelay across subnets); a route down after Threshold
// misses; a peer removed (1135) when all its routes are down; a peer admitted when a route works
// both ways (facts §1). The coordinator never tells a node that a peer died: it finds out from
// silence. Regroup and quorum (issue 5) build on this view.
import type { ActorIo, NodeState } from '@wsfc-lab/protocol';
import type { NodeConfig } from '../config.js';
import type { CmdletCall, FrameIn, NodeSubsystem } from '../subsystem.js';
import { acknowledgeRoute, tickRoute, type Route } from './route.js';
import { allRoutesDown, routesFor, silenceMs, type Member } from './views.js';

export type MembershipTimer = { subsystem: 'membership'; type: 'HeartbeatTick'; crossSubnet: boolean };

export interface MembershipState {
  config: NodeConfig;
  routes: Route[];
  members: Record<string, Member>;
}

type Io = ActorIo<MembershipTimer>;

function setMemberState(state: MembershipState, node: string, next: NodeState, io: Io): void {
  const member = state.members[node];
  if (!member || member.State === next) return;
  const previous = member.State;
  member.State = next;
  io.emit({ type: 'NodeStateChanged', node, State: next, previous });
  // A starting node is Joining until it has joined a member; then it is Up itself.
  if (next === 'Up' && node !== state.config.name && state.members[state.config.name]?.State === 'Joining') {
    setMemberState(state, state.config.name, 'Up', io);
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
    io.send(route.peer, route.network, { type: 'HeartbeatRequest', sequence, incarnation: io.incarnation, sentAtMs: nowMs, hearsYou: route.state === 'Up' });
  }
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
  if (state.members[route.peer]?.State === 'Up' && allRoutesDown(state.routes, route.peer)) {
    io.emit({ type: 'NodeRemoved', node: route.peer, detectedAfterMs: silenceMs(state.routes, route.peer, io.now()) });
    setMemberState(state, route.peer, 'Down', io);
  }
}

/** A peer joins this node's view once a route to it works both ways (each side hears the other). */
function admitIfMutual(state: MembershipState, route: Route, io: Io): void {
  if (route.state === 'Up' && route.peerHearsUs && state.members[route.peer]?.State !== 'Up') setMemberState(state, route.peer, 'Up', io);
}

function onHeartbeatRequest(state: MembershipState, frame: FrameIn, message: { sequence: number; hearsYou: boolean }, io: Io): void {
  io.send(frame.source, frame.network, { type: 'HeartbeatResponse', sequence: message.sequence, incarnation: io.incarnation, sentAtMs: io.now() });
  const route = state.routes.find((r) => r.peer === frame.source && r.network === frame.network);
  if (!route) return;
  route.peerHearsUs = message.hearsYou;
  admitIfMutual(state, route, io);
}

function onHeartbeatResponse(state: MembershipState, frame: FrameIn, message: { sequence: number; incarnation: number }, io: Io): void {
  const { source, network } = frame;
  const route = state.routes.find((r) => r.peer === source && r.network === network);
  if (!route) return;
  const { wentUp, peerRestarted } = acknowledgeRoute(route, { ...message, nowMs: io.now(), historyLength: state.config.settings.RouteHistoryLength });
  if (peerRestarted && state.members[source]?.State === 'Up') {
    // The peer restarted faster than it could be detected: its old instance left the membership.
    io.emit({ type: 'NodeRemoved', node: source, detectedAfterMs: 0 });
    setMemberState(state, source, 'Down', io);
  }
  if (wentUp) io.emit({ type: 'RouteUp', peer: source, network, localAddress: route.localAddress, remoteAddress: route.remoteAddress });
  admitIfMutual(state, route, io);
}

function getClusterNode(state: MembershipState, call: CmdletCall, io: Io): void {
  const { config } = state;
  if (config.clusterName === undefined) {
    io.reply(call.requestId, { ok: false, error: { category: 'ObjectNotFound', errorId: 'ClusterNotFound', message: `The cluster service is not running on '${config.name}': it is not a member of a cluster.` } });
    return;
  }
  const ids = new Map([[config.name, config.id], ...config.peers.map((p): [string, number] => [p.name, p.id])]);
  const names = Object.keys(state.members).sort((a, b) => (ids.get(a) ?? 0) - (ids.get(b) ?? 0));
  const rows = names.map((Name) => ({ Name, ID: ids.get(Name) ?? 0, State: state.members[Name]?.State ?? 'Down' }));
  const wanted = call.parameters.Name;
  if (wanted === undefined) return io.reply(call.requestId, { ok: true, output: rows });
  const list = Array.isArray(wanted) ? wanted.map(String) : [String(wanted)];
  const missing = list.find((name) => !names.includes(name));
  if (missing !== undefined) {
    io.reply(call.requestId, { ok: false, error: { category: 'ObjectNotFound', errorId: 'ClusterNodeNotFound', message: `The cluster node '${missing}' was not found.` } });
    return;
  }
  io.reply(call.requestId, { ok: true, output: rows.filter((row) => list.includes(row.Name)) });
}

export const membership: NodeSubsystem<MembershipState, MembershipTimer> = {
  name: 'membership',

  init(config, io) {
    const members: Record<string, Member> = {};
    const inCluster = config.clusterName !== undefined;
    const state: MembershipState = { config, routes: inCluster ? routesFor(config) : [], members };
    if (!inCluster) return state;
    members[config.name] = { State: 'Joining', incarnation: io.incarnation };
    for (const peer of config.peers) members[peer.name] = { State: 'Joining', incarnation: undefined };
    io.emit({ type: 'NodeStateChanged', node: config.name, State: 'Joining', previous: 'Down' });
    if (config.peers.length === 0) setMemberState(state, config.name, 'Up', io);
    // The first heartbeats go out as the cluster service starts.
    if (state.routes.some((r) => !r.crossSubnet)) scheduleTick(state, false, io, 0);
    if (state.routes.some((r) => r.crossSubnet)) scheduleTick(state, true, io, 0);
    return state;
  },

  onMessage(state, frame, io) {
    const { message } = frame;
    if (message.type === 'HeartbeatRequest') onHeartbeatRequest(state, frame, message, io);
    else if (message.type === 'HeartbeatResponse') onHeartbeatResponse(state, frame, message, io);
    else return false;
    return true;
  },

  onTimer(state, timer, io) {
    onHeartbeatTick(state, timer.crossSubnet, io);
  },

  cmdlets: { 'Get-ClusterNode': getClusterNode },

  // Per-route sequence rules are asserted where they change (route.ts), not walked every step:
  // at 64 nodes that walk was half of sim's CPU.
  checkInvariants(state) {
    if (state.members[state.config.name]?.State === 'Down') throw new Error(`${state.config.name} believes itself Down while running`);
  },
};
