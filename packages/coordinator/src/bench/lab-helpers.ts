// What the benchmarks share about running a lab: a throw-away data directory, a wall clock, and
// the "every node's own view has every node Up" predicate read from the event stream (STYLE 20).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ClusterView } from '../observe/cluster-view.js';
import type { Runtime } from '../runtime/runtime.js';

export const wallNowMs = (): number => performance.now();

export function benchDataDirectory(): string {
  return mkdtempSync(join(tmpdir(), 'wsfc-lab-bench-'));
}

/** A ClusterView fed by the runtime's event stream from now on. */
export function watchCluster(runtime: Runtime, nodes: readonly string[]): ClusterView {
  const view = new ClusterView(nodes);
  runtime.onEntry((entry) => view.apply(entry));
  return view;
}

export function allSeeAllUp(view: ClusterView, nodes: readonly string[]): () => boolean {
  return () => nodes.every((observer) => nodes.every((node) => view.viewOf(observer)?.get(node) === 'Up'));
}

/** Heartbeat frames (requests and responses) the lab sends per simulated second. */
export function heartbeatFramesPerSimSecond(options: { nodeCount: number; networkCount: number; sameSubnetDelayMs: number }): number {
  const { nodeCount, networkCount, sameSubnetDelayMs } = options;
  return (2 * nodeCount * (nodeCount - 1) * networkCount * 1000) / sameSubnetDelayMs;
}
