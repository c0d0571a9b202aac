// One node's Cluster Shared Volume state (facts §13): for each CSV, how this node reaches it now
// (StateInfo), whether its own key is registered on the LUN, and the one direct command and the
// one redirected write it has in flight; the Get-ClusterSharedVolumeState calls waiting for other
// nodes' answers; and, on a coordinator, the redirected writes it is carrying out for others.
import type { ActorIo } from '@wsfc-lab/protocol';
import type { ClusterState } from '../cluster/types.js';
import type { StorageState, StorageTimer } from '../storage/mod.js';

export const csvSubsystemName = 'csv';

export type CsvTimer =
  /** The periodic CSV I/O of every volume (csvTiming.ioIntervalMs). */
  | { subsystem: typeof csvSubsystemName; type: 'IoTick' }
  /** A Get-ClusterSharedVolumeState stops waiting for nodes that have not answered. */
  | { subsystem: typeof csvSubsystemName; type: 'QueryDeadline'; requestId: string };

/** Get-ClusterSharedVolumeState StateInfo (ClusterSharedVolumeState). */
export type CsvStateInfo = 'Unavailable' | 'Paused' | 'Direct' | 'FileSystemRedirected' | 'BlockRedirected';
export type BlockRedirectedIoReason = 'NotBlockRedirected' | 'NoDiskConnectivity' | 'StorageSpaceNotAttached';

/** A direct command on the LUN: a path probe (READ KEYS), this node's registration, or the periodic write. */
export interface DirectOp {
  token: string;
  kind: 'Probe' | 'Register' | 'Write';
  issuedAtMs: number;
}

export interface RedirectedOp {
  requestId: string;
  coordinator: string;
  issuedAtMs: number;
}

export interface VolumeState {
  disk: string;
  volumeNumber: number;
  StateInfo: CsvStateInfo;
  /** This node's key is on the LUN as far as it knows (a non-coordinator must be registered to write under WERO). */
  registered: boolean;
  /** The last direct command reached the LUN. */
  pathUp: boolean;
  /** The volume paused here since this node last did I/O on it (CsvResumed is due). */
  pausedBefore: boolean;
  /** This node went BlockRedirected and has not been Direct since (CsvDirectIoResumed is due). */
  redirectedBefore: boolean;
  /** Why this node last lost direct access, for 5121. */
  lastFailure: string;
  direct: DirectOp | null;
  redirected: RedirectedOp | null;
  writesDirect: number;
  writesRedirected: number;
  writesFailed: number;
}

/** A redirected write a coordinator is carrying out for another node. */
export interface ServedWrite {
  from: string;
  requestId: string;
  disk: string;
}

export interface StateQuery {
  requestId: string;
  /** -Name: only these CSVs (their disk names); null for all. */
  disks: string[] | null;
  /** The nodes asked, in the cluster's node order. */
  nodes: string[];
  answers: Record<string, { disk: string; StateInfo: CsvStateInfo; BlockRedirectedIOReason: BlockRedirectedIoReason }[]>;
  timerId: number;
}

export interface CsvCounters {
  directFailures: number;
  redirectedFailures: number;
  servedWrites: number;
  servedRefused: number;
  lateCompletions: number;
}

export interface CsvState {
  node: string;
  volumes: Record<string, VolumeState>;
  /** Served redirected writes by the token of their LUN write. */
  served: Record<string, ServedWrite>;
  servedCount: number;
  queries: Record<string, StateQuery>;
  nextToken: number;
  counters: CsvCounters;
}

/** What the node hands the CSV subsystem: its io, its initiator, its cluster service (read only) and its routes. */
export interface CsvHost {
  io: ActorIo<CsvTimer | StorageTimer>;
  storage: StorageState;
  cluster: Readonly<ClusterState>;
  /** The networks with a working route to `peer`, cluster networks first. */
  networksTo(peer: string): string[];
}

export function initCsvState(node: string): CsvState {
  return { node, volumes: {}, served: {}, servedCount: 0, queries: {}, nextToken: 1, counters: { directFailures: 0, redirectedFailures: 0, servedWrites: 0, servedRefused: 0, lateCompletions: 0 } };
}

export function newVolumeState(disk: string, volumeNumber: number): VolumeState {
  return { disk, volumeNumber, StateInfo: 'Unavailable', registered: false, pathUp: false, pausedBefore: false, redirectedBefore: false, lastFailure: '', direct: null, redirected: null, writesDirect: 0, writesRedirected: 0, writesFailed: 0 };
}

export function blockRedirectedReasonOf(volume: VolumeState): BlockRedirectedIoReason {
  return volume.StateInfo === 'BlockRedirected' ? 'NoDiskConnectivity' : 'NotBlockRedirected';
}

/** The volume is usable from this node: Direct, or redirected through the coordinator (for the VM work). */
export function csvAccessible(csv: CsvState, disk: string): boolean {
  const info = csv.volumes[disk]?.StateInfo;
  return info === 'Direct' || info === 'BlockRedirected' || info === 'FileSystemRedirected';
}
