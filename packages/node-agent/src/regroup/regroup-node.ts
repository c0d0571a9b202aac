// Regroup: one agreed membership view (issue 5, item 4), as a sans-I/O state machine per node in
// the style of etcd's raft package: `stepRegroupNode(state, input)` advances the state and returns
// what to do (messages, timers, events, decisions, whether to persist) and touches nothing else.
// Stages of a round: Opening, Pruning, Arbitrating (only when the witness is needed), Closing,
// Committing (coordinator.ts).
//
// The real product's regroup is documented only by its timers (facts §1.5) and its outcome: a
// node is removed when all its routes are down, every survivor installs the same new membership
// and logs 1135, and a partition without quorum stops its cluster service (1177). The rule
// implemented here, the lab's own where the product keeps the detail secret:
//
// * The leader (coordinator) of a round is the lowest node ID among the initiator and the nodes
//   mutually connected to it; the initiator sends it a RegroupRequest, or leads if it is lowest.
// * Rounds carry a ballot (view number, attempt, coordinator ID; ballot.ts) in the manner of
//   Paxos: a node promises only a round higher than any it promised, for a view newer than its
//   own, and accepts a proposal only under the round it promised. A stale or competing round thus
//   loses cleanly; the node that leads a lower round gives it up when it promises a higher one.
// * Opening: the leader asks each connected node for its connectivity set, its last view, any
//   proposal it accepted and its database sequence (ClusSvcRegroupOpeningTimeout).
// * Pruning: it waits for full connectivity (ClusSvcRegroupPruningTimeout), then keeps the best
//   fully connected set containing itself: most votes, then most nodes, then lowest IDs.
// * Quorum: the kept set must have quorum by the votes of the newest view reported (and of any
//   newer proposal that may have been installed), through quorum/check.ts (judge.ts). If only the
//   witness's vote is missing the caller arbitrates the witness (ArbitrateWitness, answered by
//   WitnessArbitrated, bounded by QuorumArbitrationTimeMax). Without quorum the kept nodes stop
//   their cluster service: 1177, "Lost quorum".
// * Closing: every kept node accepts the proposed view `{ number, members, coordinator }`, then
//   the leader installs it here and on every kept node (ClusSvcRegroupStageTimeout each). A view
//   is installed only once all its members accepted it, so a later round always learns of it. A
//   proposal a node accepted but never saw installed is treated as possibly installed: the next
//   view needs quorum against it too, which on rare occasions (a leader dead between the last
//   acceptance and its own install) costs a partition the quorum it would otherwise have kept.
// * Nodes left out learn it (RegroupExcluded; a member also tells any connected node outside its
//   view): a running one stops its cluster service (1006) and, like one stopped by 1177, is
//   Joining again and tries to join every joinRetryIntervalMs (5 s, settings.ts).
// * Cold start: a starting node joins through the running cluster if a connected node runs one
//   (a node outside any view never leads a running cluster: it delegates), else it forms once the
//   connected set has quorum by the votes of the last view any of them installed (at first, every
//   configured node's vote), arbitrating the witness when needed.
// * A leader that dies mid-round is survived by time-outs: every promiser arms a retry timer for
//   the longest a round can take, and the failure detector reports the leader lost sooner.
// * The witness is assumed to record the view it was last arbitrated for (number, leader, and the
//   view that one followed: `previousViewNumber` in ArbitrateWitness), as the real witness keeps
//   the cluster's paxos tag (the disk a database copy, the share's witness.log and the cloud blob
//   the tag; event 1561). It grants an arbitration only to a set whose newest view is at least
//   that view (it knows it), or to the same leader trying again from no older a view (a leader
//   installs its own view first, so that view was never installed); so the witness's vote never
//   helps two successors of one view, and a set with a stale configuration cannot form with it
//   (partition in time). The caller's witness implements that rule (_harness.ts); a holder that
//   runs and is not in the set also defends it.
import { assert, assertNever } from '@wsfc-lab/protocol';
import { checkQuorumConfig } from '../quorum/mod.js';
import { cloneData } from './_clone.js';
import { onArbitrationEnded, onTick } from './coordinator.js';
import { onPeerConnected, onPeerLost } from './connectivity.js';
import { ignore, nodeIdOf, type Ctx } from './context.js';
import { initiate, onRequest, onRetry } from './initiate.js';
import { notified, onNotifyTick } from './notify.js';
import { becomeJoining } from './lifecycle.js';
import type { RegroupMessage } from './messages.js';
import { onAccept, onAck, onExcluded, onHalt, onInstall, onOpen, onPropose, onReport } from './participant.js';
import { joinRetryIntervalMsDefault, regroupTimingOf } from './settings.js';
import type { RegroupConfig, RegroupInput, RegroupPersisted, RegroupState, RegroupStepResult, RegroupTimer } from './types.js';

export function initRegroupNode(config: RegroupConfig, persisted: RegroupPersisted | null): RegroupState {
  checkQuorumConfig(config.quorum);
  const selfId = config.quorum.nodes.find((node) => node.name === config.self)?.id;
  assert(selfId !== undefined, `node "${config.self}" is not a node of the cluster configuration`);
  return {
    config,
    timing: regroupTimingOf(config.settings, config.joinRetryIntervalMs ?? joinRetryIntervalMsDefault),
    selfId,
    persisted: cloneData(persisted ?? { lastView: null, promise: null, accepted: null }),
    role: { role: 'Offline' },
    connected: [],
    databaseSequence: 0,
    round: null,
    again: false,
    requestedBy: [],
    notify: [],
    notifySinceMs: 0,
    hints: { viewNumber: 0, promise: null },
    tickGeneration: 0,
    retryGeneration: 0,
    notifyGeneration: 0,
    nextArbitrationId: 1,
    counters: { messagesIgnored: 0, roundsStarted: 0, roundsAbandoned: 0, viewsInstalled: 0 },
  };
}

/** What to write to the node's store after a step that says `persist`. */
export function persistedOf(state: RegroupState): RegroupPersisted {
  return cloneData(state.persisted);
}

/**
 * One input. The step changes `state` in place and returns it (as raft's Step does: a copy per
 * step was most of the cost); a caller that wants the state before must copy it first. Views in
 * the outbox are shared with the state and never changed after they are made; encode or copy
 * messages before delivering them.
 */
export function stepRegroupNode(state: RegroupState, input: RegroupInput): RegroupStepResult {
  const ctx: Ctx = { s: state, nowMs: input.nowMs, outbox: [], timers: [], events: [], decisions: [], persist: false };
  switch (input.type) {
    case 'ClusterServiceStarted':
      onServiceStarted(ctx);
      break;
    case 'PeerConnected':
      onPeerConnected(ctx, input.peer);
      break;
    case 'PeerLost':
      onPeerLost(ctx, input.peer);
      break;
    case 'Message':
      onMessage(ctx, input.from, input.message);
      break;
    case 'Timer':
      onTimer(ctx, input.timer);
      break;
    case 'WitnessArbitrated':
      onWitnessArbitrated(ctx, input.arbitrationId, input.won);
      break;
    case 'DatabaseSequenceChanged':
      ctx.s.databaseSequence = input.sequence;
      break;
    case 'WitnessAvailability':
      onWitnessAvailability(ctx, input.available);
      break;
    default:
      assertNever(input, 'regroup input');
  }
  const { s, outbox, timers, events, decisions, persist } = ctx;
  return { state: s, outbox, timers, events, decisions, persist };
}

/**
 * A starting service first gives its failure detector time to find the others (the first
 * connected peer triggers a join attempt); it tries to form alone only when its join retry fires.
 */
/** The witness went away or came back: a member asks for a view whose votes say so. */
function onWitnessAvailability(ctx: Ctx, available: boolean): void {
  const { s } = ctx;
  if (s.witnessAvailable === available) return;
  s.witnessAvailable = available;
  if (s.role.role === 'Member' && s.role.view.witnessHeld !== available) initiate(ctx, 'WitnessChanged');
}

function onServiceStarted(ctx: Ctx): void {
  const { s } = ctx;
  if (s.role.role !== 'Offline') return;
  becomeJoining(ctx);
  if (s.connected.length > 0 || s.config.quorum.nodes.length === 1) initiate(ctx, 'ServiceStarted');
}

function onMessage(ctx: Ctx, from: string, message: RegroupMessage): void {
  const { s } = ctx;
  if (nodeIdOf(s, from) === undefined || from === s.config.self) return ignore(ctx, from, message.type, 'sender is not another node of the cluster');
  if (s.role.role === 'Offline') return ignore(ctx, from, message.type, 'the cluster service is not running');
  switch (message.type) {
    case 'RegroupRequest':
      return onRequest(ctx, from, message);
    case 'RegroupOpen':
      return onOpen(ctx, from, message);
    case 'RegroupReport':
      return onReport(ctx, from, message);
    case 'RegroupPropose':
      return onPropose(ctx, from, message);
    case 'RegroupAccept':
      return onAccept(ctx, from, message);
    case 'RegroupInstall':
      return onInstall(ctx, from, message);
    case 'RegroupAck':
      notified(ctx, from);
      return onAck(ctx, from, message);
    case 'RegroupExcluded':
      return onExcluded(ctx, from, message);
    case 'RegroupHalt':
      return onHalt(ctx, from, message);
    default:
      assertNever(message, 'regroup message');
  }
}

function onTimer(ctx: Ctx, timer: RegroupTimer): void {
  const { s } = ctx;
  switch (timer.type) {
    case 'RegroupTick':
      if (timer.generation === s.tickGeneration) onTick(ctx);
      return;
    case 'RegroupRetry':
      if (timer.generation === s.retryGeneration) onRetry(ctx);
      return;
    case 'RegroupNotify':
      if (timer.generation === s.notifyGeneration) onNotifyTick(ctx);
      return;
    default:
      assertNever(timer, 'regroup timer');
  }
}

function onWitnessArbitrated(ctx: Ctx, arbitrationId: number, won: boolean): void {
  const round = ctx.s.round;
  if (round === null || round.stage !== 'Arbitrating' || round.arbitrationId !== arbitrationId) return;
  onArbitrationEnded(ctx, won ? 'Won' : 'Lost');
}

export { checkRegroupInvariants, nodeStatesOf } from './inspect.js';
