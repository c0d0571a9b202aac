// The System-log events for a change of the network view, logged once per change: an interface
// that becomes Unreachable (1126) or Failed (1127), a network that becomes Partitioned (1129) or
// Down (1130). Interfaces first, then networks, as a real log shows 1126 before 1129. A return
// to Up, or a node going down (Unavailable), logs nothing: the real product has no such event.
import type { LabEvent, NetworkEvent } from '@wsfc-lab/protocol';
import { networkLayout, observeNetworks, type NetworkLayout, type NetworkSource, type NetworkView } from './network-view.js';

/** The events for going from `before` (absent: no view yet) to `after`. */
export function networkChangeEvents(before: NetworkView | undefined, after: NetworkView, layout: NetworkLayout): NetworkEvent[] {
  const events: NetworkEvent[] = [];
  for (const i of layout.interfaces) {
    const state = after.interfaces[i.name];
    if (state === before?.interfaces[i.name]) continue;
    if (state === 'Unreachable') events.push({ type: 'NetInterfaceUnreachable', networkInterface: i.name, node: i.node, network: i.network });
    if (state === 'Failed') events.push({ type: 'NetInterfaceFailed', networkInterface: i.name, node: i.node, network: i.network });
  }
  for (const network of layout.networks) {
    const state = after.networks[network.name];
    if (state === before?.networks[network.name]) continue;
    if (state === 'Partitioned') events.push({ type: 'NetworkPartitioned', network: network.name });
    if (state === 'Down') events.push({ type: 'NetworkDown', network: network.name });
  }
  return events;
}

/**
 * Judges the networks again from the routes, emits the events for what changed and returns the
 * new view. Called when the peers watched change, and after a heartbeat tick that found a route
 * changed (judgeNetworksIfStale).
 */
export function refreshNetworkView(before: NetworkView | undefined, source: NetworkSource, io: { emit(event: LabEvent): void }): NetworkView {
  const layout = networkLayout(source);
  const after = observeNetworks(source, layout);
  for (const event of networkChangeEvents(before, after, layout)) io.emit(event);
  return after;
}

/** The membership state's part that the tick-end judgement reads and writes. */
export interface StaleNetworkView extends NetworkSource {
  networks?: NetworkView;
  networksStale?: boolean;
}

/**
 * At a heartbeat tick's end: judges the networks again if a route went up or down since the last
 * judgement. Judging once per tick, not once per route, keeps the routes of one tick (a NIC's
 * routes to every peer go down in the same tick) from logging a passing state: the node whose
 * NIC failed would otherwise call its first peer Unreachable before finding its own interface
 * Failed. Routes that come back between two ticks are judged together at the next one.
 */
export function judgeNetworksIfStale(state: StaleNetworkView, io: { emit(event: LabEvent): void }): void {
  if (!state.networksStale) return;
  state.networksStale = false;
  if (state.networks !== undefined) state.networks = refreshNetworkView(state.networks, state, io);
}
