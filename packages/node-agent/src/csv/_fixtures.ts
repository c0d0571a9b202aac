// Test fixtures for the CSV subsystem: a cluster of three nodes whose database has one CSV
// ("Cluster Disk 2", Volume1, coordinated by node01), seen from one node, with a recording io and
// an initiator that has the disk but no session (so any command it sends completes at once with
// NoSession; tests feed the completions they want instead).
import { MemoryBlockStore, MemoryDurableStore, Prng, RecordingIo, formatReservationKey, type Effect, type LabEvent } from '@wsfc-lab/protocol';
import type { ClusterState } from '../cluster/types.js';
import { encodeObjects } from '../cluster/schema.js';
import { newClusterObjects, type ClusterObjects } from '../resources/mod.js';
import { emptyCounters, type StorageState } from '../storage/state.js';
import type { StorageCompletion, StorageResult } from '../storage/mod.js';
import { addSharedVolumes } from './add.js';
import { initCsvState, type CsvHost, type CsvState } from './state.js';

export const nodes = ['node01', 'node02', 'node03'];
export const keyOf = (nodeId: number) => formatReservationKey(0x1234_0000_0000_0000n + BigInt(nodeId));

export function csvObjects(): ClusterObjects {
  const base = newClusterObjects({ clusterName: 'wsfc-cluster', ownerNode: 'node01', addresses: [], disks: ['Cluster Disk 1', 'Cluster Disk 2', 'Witness'], witnessDisk: 'Witness' });
  if (!base.ok) throw new Error(base.error.message);
  const withCsv = addSharedVolumes(base.value, ['Cluster Disk 2']);
  if (!withCsv.ok) throw new Error(withCsv.error.message);
  return withCsv.value;
}

export interface Fixture {
  csv: CsvState;
  host: CsvHost;
  io: RecordingIo;
  clock: { nowMs: number };
  cluster: ClusterState;
  /** Sets the CSV resource's state and owner in the database. */
  setVolume(o: { owner?: string; state?: string }): void;
  effects(): Effect[];
}

function storageWithDisk(node: string): StorageState {
  const disk = { number: 1, serialNumber: 'SN2', name: 'Cluster Disk 2', targetIqn: 'iqn.1991-05.com.microsoft:host-wsfc-target', lun: 1, sizeBlocks: 80_000, present: true, isOffline: true, offlineReason: 'Policy', layout: null, refresh: null };
  return { node, disks: [disk], sessions: [], settling: [], completions: [], pending: {}, pendingCount: 0, nextRequestNumber: 1, counters: emptyCounters() } as unknown as StorageState;
}

export function fixture(self: string, o: { members?: string[] } = {}): Fixture {
  const clock = { nowMs: 10_000 };
  const io = new RecordingIo({ self, incarnation: 0, prng: new Prng(5), now: () => clock.nowMs, store: new MemoryDurableStore(), blocks: new MemoryBlockStore() });
  const entries: Record<string, unknown> = { ...encodeObjects(csvObjects()), 'Resources/Cluster Disk 2/State': 'Online' };
  const selfId = nodes.indexOf(self) + 1;
  const cluster = {
    identity: { name: 'wsfc-cluster', domain: 'wsfc.local', nodes: nodes.map((name, i) => ({ name, id: i + 1, NodeWeight: 1 })) },
    view: { members: (o.members ?? nodes).map((name) => ({ name, nodeId: nodes.indexOf(name) + 1 })) },
    arbitration: { selfKey: keyOf(selfId), disks: {} },
    rcm: { hosted: self === 'node01' ? { 'Cluster Disk 2': { state: 'Online', sinceMs: 0 } } : {} },
    gum: { copy: { entries } },
  } as unknown as ClusterState;
  const host: CsvHost = { io, storage: storageWithDisk(self), cluster, networksTo: () => ['Cluster'] };
  // A database update makes new entries, as the GUM does (readers may keep what they derived from a version).
  const setVolume = (v: { owner?: string; state?: string }) => {
    const copy = (cluster as unknown as { gum: { copy: { entries: Record<string, unknown> } } }).gum.copy;
    const next = { ...copy.entries };
    const group = String(next['Resources/Cluster Disk 2/OwnerGroup']);
    if (v.owner !== undefined) next[`Groups/${group}/OwnerNode`] = v.owner;
    if (v.state !== undefined) next['Resources/Cluster Disk 2/State'] = v.state;
    copy.entries = next;
  };
  return { csv: initCsvState(self), host, io, clock, cluster, setVolume, effects: () => io.drain() };
}

export const emitted = (effects: Effect[]): LabEvent[] => effects.flatMap((e) => (e.type === 'Emit' ? [e.event] : []));
export const sent = (effects: Effect[]) => effects.flatMap((e) => (e.type === 'Send' ? [e] : []));

/** The completion of the volume's direct command in flight, with `result`. */
export function completionOf(f: Fixture, result: StorageResult): StorageCompletion {
  const token = f.csv.volumes['Cluster Disk 2']?.direct?.token;
  if (token === undefined) throw new Error('no direct command in flight');
  return { requestId: 'r1', tag: { subsystem: 'csv', token }, disk: 'Cluster Disk 2', serialNumber: 'SN2', command: 'Write', issuedAtMs: f.clock.nowMs, completedAtMs: f.clock.nowMs, result };
}
