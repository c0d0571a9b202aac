// Test fixtures (private): a three-node cluster's configuration as node01 has it (Management with
// client access, a cluster-only Cluster network, an iSCSI Storage network of role None), routes
// in chosen states, and a recording io on a clock the test moves by hand.
import { MemoryBlockStore, MemoryDurableStore, Prng, RecordingIo, type CommandReply, type Effect, type LabEvent } from '@wsfc-lab/protocol';
import type { NodeConfig } from '../config.js';
import { heartbeatDefaults } from '../settings.js';
import type { Route, RouteState } from './route.js';
import { routesFor } from './views.js';

export const labNetworks = [
  { name: 'Management', subnet: '172.16.1.0/24', role: 'ClusterAndClient' as const },
  { name: 'Cluster', subnet: '10.0.1.0/24', role: 'ClusterOnly' as const },
  { name: 'Storage', subnet: '10.0.2.0/24', role: 'None' as const },
];

const addressesOf = (id: number) => ({ Management: `172.16.1.${10 + id}`, Cluster: `10.0.1.${10 + id}`, Storage: `10.0.2.${10 + id}` });

/** `self`'s configuration in a cluster of `nodeCount` nodes named node01… */
export function clusterConfig(options: { self?: string; nodeCount?: number; clusterName?: string } = {}): NodeConfig {
  const names = Array.from({ length: options.nodeCount ?? 3 }, (_, i) => `node${String(i + 1).padStart(2, '0')}`);
  const self = options.self ?? 'node01';
  const id = names.indexOf(self) + 1;
  return {
    name: self,
    id,
    clusterName: options.clusterName ?? 'wsfc-cluster',
    networks: labNetworks.map((n) => ({ ...n })),
    addresses: addressesOf(id),
    peers: names.flatMap((name, i) => (name === self ? [] : [{ name, id: i + 1, addresses: addressesOf(i + 1) }])),
    settings: { ...heartbeatDefaults },
  };
}

/** Routes to every peer, all Up except those listed as `peer|network` with another state. */
export function routesWith(config: NodeConfig, states: Record<string, RouteState> = {}): Route[] {
  return routesFor(config).map((route) => ({ ...route, state: states[`${route.peer}|${route.network}`] ?? 'Up' }));
}

export class TestIo extends RecordingIo<unknown> {
  nowMs = 0;
  constructor(self: string) {
    let clock = () => 0;
    super({ self, incarnation: 0, prng: new Prng(1).fork(self), now: () => clock(), store: new MemoryDurableStore(), blocks: new MemoryBlockStore() });
    clock = () => this.nowMs;
  }

  /** The effects since the last call, split by kind. */
  take(): { events: LabEvent[]; replies: CommandReply[]; effects: Effect<unknown>[] } {
    const effects = this.drain();
    // The test fires timers by hand: count them as fired so the pending count stays bounded.
    for (const e of effects) if (e.type === 'SetTimer') this.timerFired(e.timerId);
    const events = effects.flatMap((e) => (e.type === 'Emit' ? [e.event] : []));
    const replies = effects.flatMap((e) => (e.type === 'Reply' ? [e.reply] : []));
    return { events, replies, effects };
  }
}

/** Only the network events (1126/1127/1129/1130), in order. */
export function networkEventsOf(events: readonly LabEvent[]): LabEvent[] {
  return events.filter((e) => e.type === 'NetInterfaceUnreachable' || e.type === 'NetInterfaceFailed' || e.type === 'NetworkPartitioned' || e.type === 'NetworkDown');
}
