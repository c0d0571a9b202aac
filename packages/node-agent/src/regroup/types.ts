// The regroup state machine's state, inputs and outputs: the sans-I/O shape of etcd's raft
// package. The caller feeds inputs (connectivity from the failure detector, messages, timers, the
// start of the cluster service, the witness's answer) and carries out the outputs. See
// regroup-node.ts for the protocol.
import type { QuorumCheck, QuorumConfig, VoteState } from '../quorum/mod.js';
import type { RegroupEvent, RegroupReason, RoundStage } from './events.js';
import type { RegroupMessage } from './messages.js';
import type { RegroupSettings, RegroupTiming } from './settings.js';

export interface ViewMember {
  name: string;
  /** The cluster node ID (Get-ClusterNode Id). */
  nodeId: number;
}

/** An installed membership view. The GUM consumes `{ number, members }`. */
export interface View {
  number: number;
  /** The node that ran the round that installed it (the membership leader). */
  coordinator: string;
  /** Sorted by node ID. */
  members: ViewMember[];
  /** DynamicWeight and WitnessDynamicWeight in this view (quorum/votes.ts). */
  votes: VoteState;
  /** The members hold the witness (won it, or kept it from the view before). */
  witnessHeld: boolean;
}

/**
 * A round's ballot. Rounds are ordered by view number, then attempt, then the *lower* coordinator
 * ID: a stale or competing round loses to a higher one at every node that has promised the higher.
 */
export interface Ballot {
  viewNumber: number;
  attempt: number;
  coordinatorId: number;
}

export interface Proposal {
  ballot: Ballot;
  view: View;
}

/** What a node tells a round's coordinator in the opening stage (and again when its connectivity changes). */
export interface Report {
  /** The node promised this round's ballot; false when it had promised a higher one or has a newer view. */
  promised: boolean;
  /** The node's promise after handling the opening. */
  promise: Ballot | null;
  /** The node runs the cluster in `view` now (Up); false while it is joining. */
  running: boolean;
  /** The last view the node installed (persisted across restarts). */
  view: View | null;
  /** A proposal the node accepted that it has not seen installed. */
  accepted: Proposal | null;
  /** The peers its failure detector calls mutually connected. */
  connected: string[];
  /** The sequence of its copy of the cluster database (from the GUM). */
  databaseSequence: number;
}

export interface RegroupConfig {
  /** This node's name. */
  self: string;
  /** The configured nodes, their NodeWeight, the witness and DynamicQuorum. */
  quorum: QuorumConfig;
  settings: RegroupSettings;
  /** Lab choice (settings.ts): how often a node outside any view tries again; default 5000 ms. */
  joinRetryIntervalMs?: number;
}

/** What a node keeps on its system disk: a restart is init from this. */
export interface RegroupPersisted {
  lastView: View | null;
  promise: Ballot | null;
  accepted: Proposal | null;
}

export type RegroupRole =
  /** The cluster service is not running. */
  | { role: 'Offline' }
  /** The service runs outside any view: it joins or forms (Get-ClusterNode: Joining). */
  | { role: 'Joining'; sinceMs: number }
  /** In an installed view (Up). `view` is `persisted.lastView`. */
  | { role: 'Member'; view: View; sinceMs: number };

export type { RegroupReason, RoundStage };

/** What the coordinator decided at the end of pruning: the view it will try to install. */
export interface Plan {
  kept: string[];
  /** Promisers left out: they are told they are out once the view is installed. */
  pruned: string[];
  /** The views this one may follow (the newest installed, and newer proposals that may have been). */
  candidates: View[];
  witnessHeld: boolean;
  connectivity: Record<string, string[]>;
}

interface RoundBase {
  ballot: Ballot;
  reason: RegroupReason;
  startedAtMs: number;
  stageStartedAtMs: number;
  /** Restarts so far in this run of rounds (bounded by regroupLimits.roundRestartsMax). */
  restarts: number;
}

/** The round this node coordinates, one stage at a time (STYLE 4). */
export type Round =
  | (RoundBase & { stage: 'Opening'; invited: string[]; reports: Record<string, Report> })
  | (RoundBase & { stage: 'Pruning'; reports: Record<string, Report> })
  /** `withoutWitness` is the quorum check that failed without the witness (the 1177 detail if it is lost). */
  | (RoundBase & { stage: 'Arbitrating'; plan: Plan; arbitrationId: number; withoutWitness: QuorumCheck })
  | (RoundBase & { stage: 'Closing'; plan: Plan; proposal: View; accepted: string[] })
  | (RoundBase & { stage: 'Committing'; view: View; acked: string[]; excluded: string[] });


/** Numbers learned from refusals, so the next ballot beats them. */
export interface BallotHints {
  viewNumber: number;
  promise: Ballot | null;
}

export interface RegroupCounters {
  messagesIgnored: number;
  roundsStarted: number;
  roundsAbandoned: number;
  viewsInstalled: number;
}

export interface RegroupState {
  config: RegroupConfig;
  timing: RegroupTiming;
  selfId: number;
  persisted: RegroupPersisted;
  role: RegroupRole;
  /** Mutually connected peers, sorted by node ID. */
  connected: string[];
  databaseSequence: number;
  round: Round | null;
  /** Another round is wanted once the current one ends (a request arrived during it). */
  again: boolean;
  /** Nodes that asked for a round before this node's failure detector saw them: a round starts when it does. */
  requestedBy: string[];
  /** Connected nodes outside this node's view, not yet acknowledging that they were told (notify.ts). */
  notify: string[];
  notifySinceMs: number;
  hints: BallotHints;
  /** Timers carry a generation; one from an older generation is stale and ignored. */
  tickGeneration: number;
  retryGeneration: number;
  notifyGeneration: number;
  nextArbitrationId: number;
  /** What the cluster database last said of the witness; undefined: nothing yet (views keep theirs). */
  witnessAvailable?: boolean;
  counters: RegroupCounters;
}

export type RegroupTimer =
  | { type: 'RegroupTick'; generation: number }
  | { type: 'RegroupRetry'; generation: number }
  | { type: 'RegroupNotify'; generation: number };

export type RegroupInput =
  | { type: 'ClusterServiceStarted'; nowMs: number }
  | { type: 'PeerConnected'; nowMs: number; peer: string }
  | { type: 'PeerLost'; nowMs: number; peer: string }
  | { type: 'Message'; nowMs: number; from: string; message: RegroupMessage }
  | { type: 'Timer'; nowMs: number; timer: RegroupTimer }
  | { type: 'WitnessArbitrated'; nowMs: number; arbitrationId: number; won: boolean }
  | { type: 'DatabaseSequenceChanged'; nowMs: number; sequence: number }
  /**
   * The witness resource is online on a member (true) or failed or offline (false), as the cluster
   * database says: the dynamic witness's vote follows it at the next view (facts §2.2).
   */
  | { type: 'WitnessAvailability'; nowMs: number; available: boolean };

export interface Outgoing {
  to: string;
  message: RegroupMessage;
}

export interface TimerRequest {
  delayMs: number;
  timer: RegroupTimer;
}

export type StopReason = 'LostQuorum' | 'RemovedFromMembership';

export type RegroupDecision =
  /** This node is in `view` now: tell the GUM (ViewChanged), Get-ClusterNode, the resource manager. */
  | { type: 'ViewInstalled'; view: View; previous: View | null }
  /** Stop the cluster service: take every resource offline, bring nothing online (1177 / 1006). */
  | { type: 'StopClusterService'; reason: StopReason; detail: string }
  /**
   * Arbitrate the witness for the kept set; answer with WitnessArbitrated within `timeoutMs`.
   * `previousViewNumber` is the newest view the set knows (its configuration's tag): the witness
   * refuses a set that does not know the view it was last arbitrated for (regroup-node.ts).
   */
  | { type: 'ArbitrateWitness'; arbitrationId: number; viewNumber: number; previousViewNumber: number; coordinator: string; members: string[]; timeoutMs: number };

export interface RegroupStepResult {
  state: RegroupState;
  outbox: Outgoing[];
  timers: TimerRequest[];
  events: RegroupEvent[];
  decisions: RegroupDecision[];
  /** True when `persistedOf(state)` changed: write it to the node's store. */
  persist: boolean;
}
