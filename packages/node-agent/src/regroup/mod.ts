// Regroup: one agreed membership view per round, quorum-checked (issue 5, item 4). The public surface.
export { initRegroupNode, stepRegroupNode, persistedOf, nodeStatesOf, checkRegroupInvariants } from './regroup-node.js';
export { compareBallots, sameBallot, nextBallot } from './ballot.js';
export { bestClique, type CliqueQuery } from './clique.js';
export { genesisView, judgeFrom, verdictFor, type Judgement, type QuorumVerdict } from './judge.js';
export { regroupMessages, RegroupMessageSchema, BallotSchema, ViewSchema, type RegroupMessage, type RegroupMessageOf } from './messages.js';
export { regroupCatalog, type RegroupEvent } from './events.js';
export { regroupLimits } from './limits.js';
export { regroupDefaults, regroupRanges, regroupTimingOf, checkRegroupSetting, joinRetryIntervalMsDefault, type RegroupSettings, type RegroupTiming } from './settings.js';
export type {
  Ballot,
  Proposal,
  Report,
  View,
  ViewMember,
  RegroupConfig,
  RegroupPersisted,
  RegroupRole,
  RegroupReason,
  RegroupState,
  RegroupTimer,
  RegroupInput,
  RegroupDecision,
  RegroupStepResult,
  Outgoing,
  TimerRequest,
  StopReason,
  Round,
  RoundStage,
} from './types.js';

import { checkRegroupInvariants, initRegroupNode, nodeStatesOf, persistedOf, stepRegroupNode } from './regroup-node.js';
/** The regroup as one value, raft-style: init, step, what to persist, node states, invariants. */
export const RegroupNode = { init: initRegroupNode, step: stepRegroupNode, persisted: persistedOf, nodeStates: nodeStatesOf, checkInvariants: checkRegroupInvariants } as const;
