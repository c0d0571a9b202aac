// The checkers over a run's history (DESIGN "What the lab checks", STYLE 9: one rule per file).
// `runCheckers` runs every rule whose inputs it has: the history alone is enough for the write
// fencing, one writer per generation, a VM on one node, nothing online without quorum, and view
// agreement; lost writes need the chaos runner's acknowledged writes and read-back, and liveness
// needs the heal time, the bound and the final Get-ClusterGroup.
import type { HistoryEntry } from '@wsfc-lab/protocol';
import type { Violation } from '../scenario/report.js';
import { checkLiveness, type LivenessInput } from './liveness.js';
import { checkNoLostWrites, type LostWriteInput } from './no-lost-writes.js';
import { checkNoOnlineWithoutQuorum } from './no-online-without-quorum.js';
import { checkNoWriteAfterPreemption } from './no-write-after-preemption.js';
import { checkOneWriterPerGeneration } from './one-writer-per-generation.js';
import { checkViewAgreement } from './view-agreement.js';
import { checkVmRunsOnOneNode } from './vm-runs-on-one-node.js';

export { csvDisksOf } from './csv-disks.js';
export { checkLiveness, livenessRule, type LivenessInput, type FinalGroup, type FinalNode, type FinalResource } from './liveness.js';
export { checkNoLostWrites, noLostWritesRule, type AcknowledgedWrite, type FinalReads, type LostWriteInput } from './no-lost-writes.js';
export { checkNoOnlineWithoutQuorum, noOnlineWithoutQuorumRule } from './no-online-without-quorum.js';
export { checkNoWriteAfterPreemption, noWriteAfterPreemptionRule } from './no-write-after-preemption.js';
export { checkOneWriterPerGeneration, oneWriterPerGenerationRule, csvDisksIn } from './one-writer-per-generation.js';
export { checkViewAgreement, viewAgreementRule } from './view-agreement.js';
export { checkVmRunsOnOneNode, isActiveVmState, vmSingleHostRule } from './vm-runs-on-one-node.js';

export interface CheckerOptions {
  /** Disks that are Cluster Shared Volumes (lab `cluster.csv`, Add-ClusterSharedVolume): csv-disks.ts. */
  csvDisks?: readonly string[];
  /** The chaos runner's workload: what was acknowledged, and what reads back after healing. */
  writes?: LostWriteInput;
  /** The chaos runner's liveness check: heal time, bound, and the cluster read at the bound. */
  liveness?: LivenessInput;
}

/** Every rule that applies to the inputs given, in time order of the violations. */
export function runCheckers(history: readonly HistoryEntry[], options: CheckerOptions = {}): Violation[] {
  const violations = [
    ...checkNoWriteAfterPreemption(history),
    ...checkOneWriterPerGeneration(history, { ...(options.csvDisks ? { csvDisks: options.csvDisks } : {}) }),
    ...checkVmRunsOnOneNode(history),
    ...checkNoOnlineWithoutQuorum(history),
    ...checkViewAgreement(history),
    ...(options.writes ? checkNoLostWrites(history, options.writes) : []),
    ...(options.liveness ? checkLiveness(history, options.liveness) : []),
  ];
  return violations.sort((a, b) => a.atMs - b.atMs);
}
