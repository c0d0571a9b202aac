// The per-node cluster.log as a ring: a fixed number of lines, the oldest overwritten first, as
// the real log is a circular file of ClusterLogSize (facts §16.2). A store holds one ring per
// cluster node and files each history entry under the node it came from; entries from other
// actors (the iSCSI target, the domain controller, the coordinator) are not part of any node's log.
import { assert, type HistoryEntry } from '@wsfc-lab/protocol';
import { clusterLogLimits } from './limits.js';
import { linesOfEvent, type ClusterLogExpanders, type ClusterLogLine } from './line.js';
import { checkWallClock, type WallClock } from './wall-clock.js';

export interface ClusterLogRing {
  node: string;
  capacity: number;
  slots: (ClusterLogLine | undefined)[];
  /** Index of the oldest line. */
  head: number;
  size: number;
  /** Lines overwritten because the ring was full. */
  dropped: number;
}

export function newClusterLogRing(node: string, capacity: number = clusterLogLimits.linesPerNodeMax): ClusterLogRing {
  assert(Number.isInteger(capacity) && capacity > 0 && capacity <= clusterLogLimits.linesPerNodeMax, `cluster.log capacity for ${node} must be 1..${clusterLogLimits.linesPerNodeMax} lines, got ${capacity}`);
  return { node, capacity, slots: [], head: 0, size: 0, dropped: 0 };
}

export function appendLine(ring: ClusterLogRing, line: ClusterLogLine): void {
  if (ring.size < ring.capacity) {
    ring.slots[(ring.head + ring.size) % ring.capacity] = line;
    ring.size++;
    return;
  }
  ring.slots[ring.head] = line;
  ring.head = (ring.head + 1) % ring.capacity;
  ring.dropped++;
}

/** The lines oldest first, in time order (ties by history sequence). */
export function linesOf(ring: ClusterLogRing): ClusterLogLine[] {
  const lines: ClusterLogLine[] = [];
  for (let i = 0; i < ring.size; i++) {
    const line = ring.slots[(ring.head + i) % ring.capacity];
    assert(line !== undefined, `cluster.log ring of ${ring.node}: slot ${(ring.head + i) % ring.capacity} is empty inside the ring`);
    lines.push(line);
  }
  // Entries arrive in history order; a stable sort keeps the lines of one event together.
  return lines.sort((a, b) => a.atMs - b.atMs || a.seq - b.seq);
}

export interface ClusterLogStore {
  clock: WallClock;
  expanders: ClusterLogExpanders | undefined;
  rings: Map<string, ClusterLogRing>;
}

/** One ring per node, named as the cluster names them (matched without regard to case). */
export function newClusterLogStore(o: { nodes: readonly string[]; clock: WallClock; linesPerNode?: number; expanders?: ClusterLogExpanders }): ClusterLogStore {
  checkWallClock(o.clock);
  assert(o.nodes.length <= clusterLogLimits.nodesMax, `a cluster.log store holds at most ${clusterLogLimits.nodesMax} nodes, got ${o.nodes.length}`);
  const rings = new Map<string, ClusterLogRing>();
  for (const node of o.nodes) rings.set(node.toLowerCase(), newClusterLogRing(node, o.linesPerNode));
  return { clock: o.clock, expanders: o.expanders, rings };
}

/** Files one history entry in its node's log; false when its source is not a node of the store. */
export function recordHistoryEntry(store: ClusterLogStore, entry: HistoryEntry): boolean {
  const ring = store.rings.get(entry.source.toLowerCase());
  if (!ring) return false;
  for (const line of linesOfEvent(entry, { clock: store.clock, expanders: store.expanders })) appendLine(ring, line);
  return true;
}

export function ringOf(store: ClusterLogStore, node: string): ClusterLogRing | undefined {
  return store.rings.get(node.toLowerCase());
}
