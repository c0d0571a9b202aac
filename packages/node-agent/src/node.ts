// The node actor: a Hyper-V host with its cluster service. This first cut is the failure detector
// and membership view: heartbeats per route every SameSubnetDelay (CrossSubnetDelay across subnets),
// a route down after Threshold misses, a peer removed when all its routes are down (facts §1).
// The coordinator never tells a node that a peer died: it finds out from silence.
import {
  NodeAccepts,
  assertNever,
  type ActorDefinition,
  type ActorInput,
  type ActorIo,
  type LabCommand,
  type NodeMessage,
  type NodeState,
} from '@wsfc-lab/protocol';
import type { NodeConfig } from './config.js';
import { allRoutesDown, routesFor, silenceMs, type Member } from './membership.js';
import { acknowledgeRoute, tickRoute, type Route } from './route.js';
import { runNodeCmdlet } from './cmdlets.js';

export type NodeTimer = { type: 'HeartbeatTick'; crossSubnet: boolean };

export interface NodeActorState {
  config: NodeConfig;
  routes: Route[];
  members: Record<string, Member>;
}

type Io = ActorIo<NodeTimer>;

function setMemberState(state: NodeActorState, node: string, next: NodeState, io: Io): void {
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

function scheduleTick(state: NodeActorState, crossSubnet: boolean, io: Io, delayMs?: number): void {
  const { SameSubnetDelay, CrossSubnetDelay } = state.config.settings;
  io.setTimer(delayMs ?? (crossSubnet ? CrossSubnetDelay : SameSubnetDelay), { type: 'HeartbeatTick', crossSubnet });
}

function onHeartbeatTick(state: NodeActorState, crossSubnet: boolean, io: Io): void {
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

function onRouteDown(state: NodeActorState, route: Route, io: Io): void {
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

function onHeartbeatResponse(state: NodeActorState, source: string, network: string, message: { sequence: number; incarnation: number }, io: Io): void {
  const route = state.routes.find((r) => r.peer === source && r.network === network);
  if (!route) return;
  const { wentUp, peerRestarted } = acknowledgeRoute(route, { ...message, nowMs: io.now(), historyLength: state.config.settings.RouteHistoryLength });
  if (peerRestarted && state.members[source]?.State === 'Up') {
    // The peer restarted faster than it could be detected: its old instance left the membership.
    io.emit({ type: 'NodeRemoved', node: source, detectedAfterMs: 0 });
    setMemberState(state, source, 'Down', io);
  }
  if (wentUp) {
    io.emit({ type: 'RouteUp', peer: source, network, localAddress: route.localAddress, remoteAddress: route.remoteAddress });
  }
  admitIfMutual(state, route, io);
}

/** A peer joins this node's view once a route to it works both ways (each side hears the other). */
function admitIfMutual(state: NodeActorState, route: Route, io: Io): void {
  if (route.state === 'Up' && route.peerHearsUs && state.members[route.peer]?.State !== 'Up') setMemberState(state, route.peer, 'Up', io);
}

function onHeartbeatRequest(state: NodeActorState, source: string, network: string, message: { sequence: number; hearsYou: boolean }, io: Io): void {
  io.send(source, network, { type: 'HeartbeatResponse', sequence: message.sequence, incarnation: io.incarnation, sentAtMs: io.now() });
  const route = state.routes.find((r) => r.peer === source && r.network === network);
  if (!route) return;
  route.peerHearsUs = message.hearsYou;
  admitIfMutual(state, route, io);
}

function onMessage(state: NodeActorState, input: Extract<ActorInput<NodeMessage, NodeTimer>, { type: 'Frame' }>, io: Io): void {
  const { message, source, network } = input;
  switch (message.type) {
    case 'HeartbeatRequest':
      onHeartbeatRequest(state, source, network, message, io);
      return;
    case 'HeartbeatResponse':
      onHeartbeatResponse(state, source, network, message, io);
      return;
    default:
      // Replies from the storage target and the directory are handled by later subsystems.
      return;
  }
}

function onCommand(state: NodeActorState, requestId: string, command: LabCommand, io: Io): void {
  switch (command.type) {
    case 'Inspect':
      io.reply(requestId, { ok: true, output: { members: state.members, routes: state.routes } });
      return;
    case 'Cmdlet':
      io.reply(requestId, runNodeCmdlet(state, command.name, command.parameters));
      return;
    default:
      assertNever(command, 'lab command');
  }
}

export const nodeActor: ActorDefinition<NodeConfig, NodeActorState, NodeMessage, NodeTimer> = {
  kind: 'node',
  accepts: NodeAccepts,

  init(config, io) {
    const members: Record<string, Member> = {};
    const inCluster = config.clusterName !== undefined;
    if (inCluster) {
      members[config.name] = { State: 'Joining', incarnation: io.incarnation };
      for (const peer of config.peers) members[peer.name] = { State: 'Joining', incarnation: undefined };
    }
    const state: NodeActorState = { config, routes: inCluster ? routesFor(config) : [], members };
    if (inCluster) {
      io.emit({ type: 'NodeStateChanged', node: config.name, State: 'Joining', previous: 'Down' });
      if (config.peers.length === 0) setMemberState(state, config.name, 'Up', io);
      // The first heartbeats go out as the cluster service starts.
      if (state.routes.some((r) => !r.crossSubnet)) scheduleTick(state, false, io, 0);
      if (state.routes.some((r) => r.crossSubnet)) scheduleTick(state, true, io, 0);
    }
    return state;
  },

  step(state, input, io) {
    switch (input.type) {
      case 'Frame':
        onMessage(state, input, io);
        return;
      case 'Timer':
        onHeartbeatTick(state, input.timer.crossSubnet, io);
        return;
      case 'Command':
        onCommand(state, input.requestId, input.command, io);
        return;
      default:
        assertNever(input, 'node input');
    }
  },

  checkInvariants(state) {
    for (const route of state.routes) {
      if (route.lastAckedSequence > route.lastSentSequence) {
        throw new Error(`route to ${route.peer} on ${route.network} acknowledged ${route.lastAckedSequence} beyond sent ${route.lastSentSequence}`);
      }
    }
    const self = state.members[state.config.name];
    if (self && self.State === 'Down') throw new Error(`${state.config.name} believes itself Down while running`);
  },
};
