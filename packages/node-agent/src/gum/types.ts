// The GUM state machine's state, inputs and outputs (the sans-I/O shape of etcd's raft package:
// the caller feeds inputs and carries out the outputs). See gum-node.ts for the protocol.
import type { DatabaseCopy, DbChange, DbValue, OriginRecord, SequencedUpdate } from './database.js';
import type { GumEvent } from './events.js';
import type { GumSettings } from './limits.js';
import type { GumMessage } from './messages.js';

export interface ViewMember {
  name: string;
  /** The cluster node ID (Get-ClusterNode's Id). The locker is the member with the lowest. */
  nodeId: number;
}

export interface View {
  number: number;
  /** Sorted by node ID: the locker first, then the order updates are sent in. */
  members: ViewMember[];
}

export interface GumConfig extends GumSettings {
  self: string;
  /** Which start of this node this is; request numbers restart at 1 with every incarnation. */
  incarnation: number;
}

/** What the locker knows of a member's copy, from its last GumState. */
export interface MemberCopy {
  epoch: number;
  sequence: number;
  digest: string;
  syncedEpoch: number;
  lastUpdate: SequencedUpdate | undefined;
}

export interface QueuedRequest {
  origin: string;
  incarnation: number;
  requestNumber: number;
  changes: DbChange[];
}

/** A request applied on the locker's copy whose requester is told once every member has it. */
export interface AwaitingCommit {
  origin: string;
  incarnation: number;
  requestNumber: number;
  sequence: number;
}

/**
 * The locker's phases in a view: Learning (collecting every member's copy), Adopting (fetching a
 * newer copy than its own from a member), Driving (bringing every member to its copy, then
 * sequencing queued requests one at a time).
 */
export type LockerPhase = 'Learning' | 'Adopting' | 'Driving';

export interface LockerRole {
  role: 'Locker';
  phase: LockerPhase;
  /** The epoch of this view's new updates; 0 until Learning ends. */
  viewEpoch: number;
  known: Record<string, MemberCopy>;
  lastSentAtMs: Record<string, number>;
  /** Since when the locker has waited for each member that is not in sync. */
  waitingSinceMs: Record<string, number>;
  stuckReported: string[];
  queue: QueuedRequest[];
  awaitingCommit: AwaitingCommit[];
}

export interface MemberRole {
  role: 'Member';
  locker: string;
  /** True once the locker has answered in this view (GumSync or GumUpdate). */
  confirmed: boolean;
  stateSentAtMs: number;
}

export type GumRole = { role: 'Outside' } | MemberRole | LockerRole;

/** A snapshot being fetched, entry by entry in path order. Treated as an immutable value. */
export interface SnapshotPull {
  from: string;
  epoch: number;
  sequence: number;
  digest: string;
  /** Set when pulling from the locker: the epoch this node is in sync in once installed. */
  viewEpoch: number | undefined;
  received: [string, DbValue][];
  origins: Record<string, OriginRecord> | undefined;
  requestedAtMs: number;
  /** When the pull started or last received a chunk it could use. */
  progressAtMs: number;
}

export interface PendingRequest {
  requestId: string;
  requestNumber: number;
  changes: DbChange[];
}

export interface RequesterState {
  nextRequestNumber: number;
  /** The head is the one request sent to the locker; the rest wait for their turn. */
  pending: PendingRequest[];
  headSentAtMs: number | undefined;
}

export interface GumCounters {
  messagesIgnored: number;
  requestsDropped: number;
  updatesRejected: number;
  updatesApplied: number;
  snapshotsInstalled: number;
}

export interface GumNodeState {
  config: GumConfig;
  /** Immutable value: replaced, never changed in place. */
  copy: DatabaseCopy;
  /** The last epoch in which this node was confirmed in sync with its locker (persisted). */
  syncedEpoch: number;
  view: View | undefined;
  role: GumRole;
  /** Immutable value: replaced, never changed in place. */
  pull: SnapshotPull | undefined;
  requester: RequesterState;
  counters: GumCounters;
}

/** What a node keeps on its system disk: restart is init from this. */
export interface GumPersisted {
  copy: DatabaseCopy;
  syncedEpoch: number;
}

export type GumInput =
  | { type: 'Propose'; nowMs: number; requestId: string; changes: DbChange[] }
  | { type: 'Message'; nowMs: number; from: string; message: GumMessage }
  | { type: 'ViewChanged'; nowMs: number; viewNumber: number; members: ViewMember[] }
  | { type: 'Tick'; nowMs: number };

export interface Outgoing {
  to: string;
  message: GumMessage;
}

export type Applied =
  | { type: 'Update'; update: SequencedUpdate }
  /** The whole copy was replaced: read it again. */
  | { type: 'Snapshot'; source: string; epoch: number; sequence: number };

export type Completion =
  | { requestId: string; outcome: 'Committed'; sequence: number }
  | { requestId: string; outcome: 'Rejected'; reason: string };

export interface GumStepResult {
  state: GumNodeState;
  /** Messages to send, in order (updates go out in node-ID order). */
  outbox: Outgoing[];
  /** Changes to the local copy, in order. */
  applied: Applied[];
  events: GumEvent[];
  /** Local requests that finished. */
  completed: Completion[];
  /** True when the copy or the synced epoch changed: write `persistedOf(state)` to the store. */
  persist: boolean;
}
