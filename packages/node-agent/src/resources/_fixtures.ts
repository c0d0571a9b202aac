// Test fixtures shared by the resources tests (private: not exported from mod.ts).
import type { NodeState } from '@wsfc-lab/protocol';
import type { PlacementNode } from './model.js';

/** Nodes node01…nodeNN with IDs 1…N, all Up unless `states` says otherwise. */
export function nodes(count: number, states: Record<string, NodeState> = {}): PlacementNode[] {
  return Array.from({ length: count }, (_, i) => {
    const name = `node${String(i + 1).padStart(2, '0')}`;
    return { name, id: i + 1, State: states[name] ?? 'Up' };
  });
}

export const minuteMs = 60_000;
export const hourMs = 3_600_000;

/** A random source that replays the given values (for pinning a random pick). */
export function replay(...values: number[]): () => number {
  let i = 0;
  return () => values[i++ % values.length] as number;
}
