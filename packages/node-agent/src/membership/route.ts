// The per-route failure detector. A route is one (local interface, remote interface) pair on a
// network that carries cluster traffic. Each delay tick the node sends a heartbeat request on the
// route and expects the response before the next tick; a tick that finds the previous request
// unanswered counts one miss. `Threshold` misses in a row mark the route down; one response marks
// it up again (facts §1.3, cluster.log "[IM] Marking Route from … as down").
import { assert } from '@wsfc-lab/protocol';

export type RouteState = 'Unknown' | 'Up' | 'Down';

export interface RouteHistoryEntry {
  atMs: number;
  message: 'Request' | 'Response';
  sequence: number;
}

export interface Route {
  peer: string;
  network: string;
  localAddress: string;
  remoteAddress: string;
  crossSubnet: boolean;
  state: RouteState;
  missedHeartbeats: number;
  lastSentSequence: number;
  lastAckedSequence: number;
  lastResponseAtMs: number | undefined;
  peerIncarnation: number | undefined;
  /** The peer's last request said it hears us on this route. */
  peerHearsUs: boolean;
  history: RouteHistoryEntry[];
}

export function newRoute(fields: Pick<Route, 'peer' | 'network' | 'localAddress' | 'remoteAddress' | 'crossSubnet'>): Route {
  return {
    ...fields,
    state: 'Unknown',
    missedHeartbeats: 0,
    lastSentSequence: 0,
    lastAckedSequence: 0,
    lastResponseAtMs: undefined,
    peerIncarnation: undefined,
    peerHearsUs: false,
    history: [],
  };
}

function remember(route: Route, entry: RouteHistoryEntry, historyLength: number): void {
  if (historyLength === 0) return;
  route.history.push(entry);
  if (route.history.length > historyLength) route.history.splice(0, route.history.length - historyLength);
}

/**
 * One delay tick: counts a miss if the last request went unanswered, then returns the sequence of
 * the next request to send. `wentDown` is true when this tick crossed the threshold.
 */
export function tickRoute(route: Route, options: { threshold: number; nowMs: number; historyLength: number }): { sequence: number; wentDown: boolean } {
  let wentDown = false;
  if (route.lastSentSequence > route.lastAckedSequence) {
    route.missedHeartbeats++;
    if (route.state !== 'Down' && route.missedHeartbeats >= options.threshold) {
      route.state = 'Down';
      route.peerHearsUs = false;
      wentDown = true;
    }
  }
  route.lastSentSequence++;
  remember(route, { atMs: options.nowMs, message: 'Request', sequence: route.lastSentSequence }, options.historyLength);
  return { sequence: route.lastSentSequence, wentDown };
}

/**
 * A response arrived. Stale responses (older than the newest one seen) are ignored. `wentUp` is
 * true when the route was not up before.
 */
export function acknowledgeRoute(
  route: Route,
  response: { sequence: number; incarnation: number; nowMs: number; historyLength: number },
): { wentUp: boolean; peerRestarted: boolean } {
  if (response.sequence > route.lastSentSequence || response.sequence <= route.lastAckedSequence) {
    return { wentUp: false, peerRestarted: false };
  }
  const peerRestarted = route.peerIncarnation !== undefined && response.incarnation > route.peerIncarnation;
  route.peerIncarnation = response.incarnation;
  route.lastAckedSequence = response.sequence;
  assert(route.lastAckedSequence <= route.lastSentSequence, `route to ${route.peer}: acknowledged ${route.lastAckedSequence} beyond sent ${route.lastSentSequence}`);
  route.lastResponseAtMs = response.nowMs;
  route.missedHeartbeats = 0;
  remember(route, { atMs: response.nowMs, message: 'Response', sequence: response.sequence }, response.historyLength);
  const wentUp = route.state !== 'Up';
  route.state = 'Up';
  return { wentUp, peerRestarted };
}
