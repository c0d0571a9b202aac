// The runner's first phase: ask every server for the facts the plan needs (plan.ts): its inventory,
// its disks with their keys when a Storage test runs, and the pings of Validate Network
// Communication, which each server sends itself to every other server on every network. A peer is
// asked on every network this node shares with it and answers once; it is reached on the network it
// answered on from then on. A server that has not answered within factsReplyTimeoutMs is
// unreachable, and the run ends with the real product's text for it.
import type { ValidationMessageOf } from '@wsfc-lab/protocol';
import type { GatheredFacts } from './facts.js';
import { sendTo } from './transport.js';
import type { AgentRoute, Run, RunNode, ValidationHost, ValidationState } from './state.js';

/** The networks this node shares with `node` (it has an address on each), in the lab's order. */
export function sharedNetworks(host: ValidationHost, node: string): string[] {
  const peer = host.config.peers.find((p) => p.name === node);
  if (!peer) return [];
  return host.config.networks.map((n) => n.name).filter((n) => host.config.addresses[n] !== undefined && peer.addresses[n] !== undefined);
}

function factsRequestFor(run: Run, node: string): ValidationMessageOf<'ValidationFactsRequest'> {
  const includeDisks = run.plan.facts.some((f) => f.type === 'DiskInventory' && f.node === node);
  const pings = run.plan.facts.flatMap((f) => (f.type === 'Reachability' && f.from === node ? [{ network: f.network, to: f.to }] : []));
  return { type: 'ValidationFactsRequest', runId: run.runId, includeDisks, pings };
}

/** Sends the facts requests and arms the deadline. */
export function startGathering(state: ValidationState, host: ValidationHost, run: Run, factsReplyTimeoutMs: number): void {
  for (const node of run.nodes) {
    const request = factsRequestFor(run, node.name);
    if (node.name === state.self) sendTo(state, host, { node: node.name, route: { type: 'Self' } }, request);
    else for (const network of sharedNetworks(host, node.name)) sendTo(state, host, { node: node.name, route: { type: 'Network', network } }, request);
  }
  run.factsTimerId = host.io.setTimer(factsReplyTimeoutMs, { subsystem: 'validation', type: 'FactsDeadline', runId: run.runId });
}

/** Records one server's answer; true when every server has answered. */
export function recordFacts(run: Run, o: { node: string; route: AgentRoute; response: ValidationMessageOf<'ValidationFactsResponse'> }): boolean {
  const entry = run.nodes.find((n) => n.name === o.node);
  if (entry && entry.facts === null) {
    entry.route = o.route;
    entry.facts = { inventory: { ...o.response.inventory, node: entry.name }, disks: o.response.disks, reachability: o.response.reachability };
  }
  return run.nodes.every((n) => n.facts !== null);
}

/** The first server, in -Node order, that has not answered. */
export function firstSilentNode(run: Run): RunNode | undefined {
  return run.nodes.find((n) => n.facts === null);
}

export function gatheredFacts(run: Run): GatheredFacts {
  const answered = run.nodes.flatMap((n) => (n.facts ? [{ name: n.name, facts: n.facts }] : []));
  return {
    nodes: answered.map((n) => n.facts.inventory),
    disks: answered.flatMap((n) => (n.facts.disks ? [{ node: n.name, disks: n.facts.disks }] : [])),
    reachability: answered.flatMap((n) => n.facts.reachability),
  };
}
