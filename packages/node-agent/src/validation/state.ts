// The validation subsystem's slice of the node (Test-Cluster, facts §15), as data. A node plays two
// parts: the runner of the Test-Cluster it was asked to run (at most one at a time), and the agent
// every runner talks to (this node's own runner included): it answers facts requests, pings peers
// and runs storage-test steps on its own initiator. Messages a node sends itself go through a
// loopback queue, and storage completions are queued too; both are handled in a step of their own
// (an Advance timer), so nothing runs inside the code that produced it.
import type { ActorIo, ValidationMessage } from '@wsfc-lab/protocol';
import type { NodeConfig } from '../config.js';
import type { DomainMembership } from '../directory-client/domain-membership.js';
import type { StorageCompletion, StorageResult, StorageState, StorageTimer } from '../storage/mod.js';
import type { DiskSeen, NodeInventory, Reachability } from './facts.js';
import type { NewClusterValidation } from './new-cluster-gate.js';
import type { ValidationPlan } from './plan.js';
import type { ProbeStep } from './probe.js';
import type { ProbeRun } from './probe-runner.js';
import type { StoragePlan } from './storage-plan.js';

export const validationSubsystemName = 'validation';

export type ValidationTimer =
  /** Handle the loopback queue and the queued storage completions. */
  | { subsystem: 'validation'; type: 'Advance' }
  /** The runner stops waiting for facts. */
  | { subsystem: 'validation'; type: 'FactsDeadline'; runId: string }
  /** The runner stops waiting for the answers of stage `stageNumber`. */
  | { subsystem: 'validation'; type: 'StageDeadline'; runId: string; stageNumber: number }
  /** An agent's facts job judges its pings, or stops waiting for disk keys. */
  | { subsystem: 'validation'; type: 'FactsJobDeadline'; jobId: number };

export type ValidationIo = ActorIo<ValidationTimer | StorageTimer>;

/** What node.ts hands the subsystem on every call. */
export interface ValidationHost {
  io: ValidationIo;
  config: NodeConfig;
  storage: StorageState;
  /** The machine's domain membership as its directory client keeps it; undefined: it has none. */
  membership: DomainMembership | undefined;
}

/** How a node's agent is reached: this node itself (loopback), or a network. */
export type AgentRoute = { type: 'Self' } | { type: 'Network'; network: string };

export interface Peer {
  node: string;
  route: AgentRoute;
}

export interface FactsAnswer {
  inventory: NodeInventory;
  disks: DiskSeen[] | null;
  reachability: Reachability[];
}

export interface RunNode {
  name: string;
  /** Where its agent answered from; null until it did. */
  route: AgentRoute | null;
  facts: FactsAnswer | null;
}

export interface StageInFlight {
  number: number;
  steps: ProbeStep[];
  /** The id each step was sent with; null for a step answered without being sent (its node is silent). */
  stepIds: (number | null)[];
  results: (StorageResult | undefined)[];
  timerId: number;
}

export interface Probing {
  plan: StoragePlan;
  run: ProbeRun;
  stage: StageInFlight | null;
  stagesIssued: number;
  /** Nodes that let a stage time out: their later steps are not sent, and time out at once. */
  silent: string[];
}

export interface Run {
  runId: string;
  /** The Test-Cluster call to answer. */
  requestId: string;
  startedAtMs: number;
  plan: ValidationPlan;
  reportName: string | undefined;
  nodes: RunNode[];
  phase: 'Gathering' | 'Probing';
  factsTimerId: number | null;
  probing: Probing | null;
  nextStepId: number;
}

export interface PingPath {
  network: string;
  to: string;
  sequences: number[];
  sentAtMs: number;
  roundTripMs: number | null;
  /** Answered, or judged unreachable. */
  settled: boolean;
}

export interface FactsJob {
  jobId: number;
  requester: Peer;
  runId: string;
  inventory: NodeInventory;
  disks: DiskSeen[] | null;
  /** READ KEYS tokens still out, by disk index. */
  keysPending: number[];
  pings: PingPath[];
  pingsDeadlineMs: number;
  keysDeadlineMs: number;
  timerId: number;
}

export interface StepJob {
  token: string;
  requester: Peer;
  runId: string;
  stepId: number;
  /** Direct: one command; RewriteRead/RewriteWrite: the two halves of a RewriteBlock at `lba`. */
  phase: 'Direct' | 'RewriteRead' | 'RewriteWrite';
  lba: number;
  serialNumber: string;
  startedAtMs: number;
}

export interface ValidationCounters {
  loopbackDropped: number;
  completionsDropped: number;
  completionsUnmatched: number;
  messagesUnmatched: number;
  jobsRefused: number;
}

export interface ValidationState {
  self: string;
  run: Run | null;
  /** The last report this node wrote, for New-Cluster's gate (lastValidationOf). */
  last: NewClusterValidation | undefined;
  factsJobs: FactsJob[];
  /** `requester/runId` of the facts requests answered lately: a copy arriving late on another network is not served again. */
  factsServed: string[];
  stepJobs: Record<string, StepJob>;
  stepJobCount: number;
  nextJobNumber: number;
  nextPingSequence: number;
  loopback: ValidationMessage[];
  completions: StorageCompletion[];
  advanceTimerId: number | null;
  counters: ValidationCounters;
}

export function initialValidationState(config: NodeConfig, last: NewClusterValidation | undefined): ValidationState {
  return {
    self: config.name,
    run: null,
    last,
    factsJobs: [],
    factsServed: [],
    stepJobs: {},
    stepJobCount: 0,
    nextJobNumber: 1,
    nextPingSequence: 1,
    loopback: [],
    completions: [],
    advanceTimerId: null,
    counters: { loopbackDropped: 0, completionsDropped: 0, completionsUnmatched: 0, messagesUnmatched: 0, jobsRefused: 0 },
  };
}
