// The Global Update Manager (GUM) of one node, as a sans-I/O state machine in the style of etcd's
// raft package: `step(state, input)` returns the next state and what to do (messages to peers,
// changes applied to the local copy, events, finished requests, whether to persist) and touches
// nothing else. The node actor wires the outbox to io.send, a periodic Tick to io.setTimer, and
// `persistedOf(state)` to io.store.
//
// The rule implemented is the real GUM's locker-node scheme (the GUM lock owner; facts §1.5,
// DatabaseReadWriteMode 0, "all nodes process an update before it is committed, reads are local").
// Updates are serialised through the locker, the member of the current view with the lowest node
// ID. It assigns the next sequence number, applies the update to its own copy, then sends it to
// every other member in node-ID order; the update is committed, and its requester told so, only
// when every member of the view has acknowledged it. A member that has not answered within
// RequestReplyTimeout is reported (GumNodeStuck) for the membership layer to remove; a new view
// follows. At the start of every view, the locker first learns every member's copy and takes the
// authoritative one: the newest copy among the members synced in the latest epoch (epoch.ts). So
// when a locker fails halfway through sending an update, the next locker holds the newest copy of
// the survivors and sends its last update (or, to a member further behind or on another history,
// its whole copy) to every member: the update ends up applied on every member of the new view, or
// on none. A joining or rejoining node takes the authoritative copy the same way, from the locker.
// A node that returns with a copy of a higher sequence than the running cluster's is the
// partition-in-time case (event 1561): the running cluster's copy stays, as after ForceQuorum.
//
// Lab choices (the product keeps these details to itself): updates to the members go out at once
// in node-ID order rather than one after another; unanswered messages are sent again every
// retryIntervalMs because our fabric can drop frames where the product relies on TCP; a snapshot
// travels in chunks the receiver pulls.
import { assert, assertNever } from '@wsfc-lab/protocol';
import { compareTags, emptyCopy } from './database.js';
import { nodeIdMax } from './epoch.js';
import { gumLimits } from './limits.js';
import type { GumMessage } from './messages.js';
import { emit, ignore, isMember, type Ctx } from './context.js';
import { becomeLocker, handleRequest, onAdopted, onState, tickLocker } from './locker.js';
import { becomeMember, onSync, onUpdate, sendState, tickMember } from './member.js';
import { onReply, propose, settleRequests } from './requester.js';
import { onSnapshotChunk, serveSnapshot, tickPull } from './snapshot.js';
import type { GumConfig, GumInput, GumNodeState, GumPersisted, GumRole, GumStepResult, ViewMember } from './types.js';

export function initGumNode(config: GumConfig, persisted: GumPersisted | undefined): GumNodeState {
  return {
    config,
    copy: persisted?.copy ?? emptyCopy(),
    syncedEpoch: persisted?.syncedEpoch ?? 0,
    view: undefined,
    role: { role: 'Outside' },
    pull: undefined,
    requester: { nextRequestNumber: 1, pending: [], headSentAtMs: undefined },
    counters: { messagesIgnored: 0, requestsDropped: 0, updatesRejected: 0, updatesApplied: 0, snapshotsInstalled: 0 },
  };
}

/** What to write to the node's store after a step that says `persist`. */
export function persistedOf(state: GumNodeState): GumPersisted {
  return { copy: state.copy, syncedEpoch: state.syncedEpoch };
}

/**
 * Orders two persisted copies the way a locker does: the one synced in the later epoch first, then
 * the later tag. Positive when `a` is the more authoritative. For the form-time check of the quorum
 * layer (event 5398: the latest copy is not among the nodes starting).
 */
export function compareCopies(a: GumPersisted, b: GumPersisted): number {
  return a.syncedEpoch !== b.syncedEpoch ? a.syncedEpoch - b.syncedEpoch : compareTags(a.copy, b.copy);
}

/**
 * A private copy of the state for one step. Only containers a step changes in place are copied;
 * what they hold (the copy, the pull, updates, requests, view members, member copies) are values
 * that are replaced, never changed, so they are shared with the input state.
 */
function cloneRole(role: GumRole): GumRole {
  switch (role.role) {
    case 'Outside':
    case 'Member':
      return { ...role };
    case 'Locker':
      return {
        ...role,
        known: { ...role.known },
        lastSentAtMs: { ...role.lastSentAtMs },
        waitingSinceMs: { ...role.waitingSinceMs },
        stuckReported: [...role.stuckReported],
        queue: [...role.queue],
        awaitingCommit: [...role.awaitingCommit],
      };
    default:
      return assertNever(role, 'GUM role');
  }
}

function beginStep(state: GumNodeState, nowMs: number): Ctx {
  const s: GumNodeState = {
    ...state,
    role: cloneRole(state.role),
    requester: { ...state.requester, pending: [...state.requester.pending] },
    counters: { ...state.counters },
  };
  return { s, nowMs, outbox: [], applied: [], events: [], completed: [], persist: false, localReplies: [] };
}

export function stepGumNode(state: GumNodeState, input: GumInput): GumStepResult {
  const ctx = beginStep(state, input.nowMs);
  switch (input.type) {
    case 'Propose':
      propose(ctx, input.requestId, input.changes);
      break;
    case 'Message':
      onMessage(ctx, input.from, input.message);
      break;
    case 'ViewChanged':
      onViewChanged(ctx, input.viewNumber, input.members);
      break;
    case 'Tick':
      onTick(ctx);
      break;
    default:
      assertNever(input, 'GUM input');
  }
  settleRequests(ctx);
  const { s, outbox, applied, events, completed, persist } = ctx;
  return { state: s, outbox, applied, events, completed, persist };
}

function onMessage(ctx: Ctx, from: string, m: GumMessage): void {
  const view = ctx.s.view;
  if (view === undefined || m.viewNumber !== view.number) return ignore(ctx, from, m.type, `view ${m.viewNumber}, this node is in ${view?.number ?? 'none'}`);
  if (!isMember(ctx, from) || ctx.s.role.role === 'Outside') return ignore(ctx, from, m.type, 'not both members of the view');
  switch (m.type) {
    case 'GumRequest':
      handleRequest(ctx, { origin: from, incarnation: m.incarnation, requestNumber: m.requestNumber, changes: m.changes });
      return;
    case 'GumReply':
      onReply(ctx, from, m);
      return;
    case 'GumUpdate':
      onUpdate(ctx, from, m);
      return;
    case 'GumState':
      onState(ctx, from, m);
      return;
    case 'GumSync':
      onSync(ctx, from, m);
      return;
    case 'GumSnapshotRequest':
      serveSnapshot(ctx, from, m);
      return;
    case 'GumSnapshotChunk':
      if (onSnapshotChunk(ctx, from, m)) {
        if (ctx.s.role.role === 'Locker') onAdopted(ctx);
        else sendState(ctx);
      }
      return;
    default:
      assertNever(m, 'GUM message');
  }
}

function checkView(viewNumber: number, members: readonly ViewMember[]): string | undefined {
  if (!Number.isInteger(viewNumber) || viewNumber < 1) return `view number must be a positive integer, got ${viewNumber}`;
  const names = new Set(members.map((m) => m.name));
  const ids = new Set(members.map((m) => m.nodeId));
  if (names.size !== members.length || ids.size !== members.length) return `view ${viewNumber} repeats a member name or node ID`;
  const badId = members.find((m) => !Number.isInteger(m.nodeId) || m.nodeId < 0 || m.nodeId > nodeIdMax);
  if (badId !== undefined) return `node ID of ${badId.name} must be an integer from 0 to ${nodeIdMax}, got ${badId.nodeId}`;
  return undefined;
}

/** A new view from the membership layer (regroup): a new locker, or the same one syncing again. */
function onViewChanged(ctx: Ctx, viewNumber: number, members: readonly ViewMember[]): void {
  const s = ctx.s;
  assert(checkView(viewNumber, members) === undefined, checkView(viewNumber, members) ?? '');
  if (s.view !== undefined && viewNumber <= s.view.number) return; // a late copy of an older view
  const previousLocker = s.view?.members[0]?.name;
  const carried = s.role.role === 'Locker' ? { queue: s.role.queue, awaitingCommit: s.role.awaitingCommit } : undefined;
  s.view = { number: viewNumber, members: [...members].sort((a, b) => a.nodeId - b.nodeId) };
  s.pull = undefined;
  s.requester.headSentAtMs = undefined;
  const locker = s.view.members[0]?.name;
  if (locker === undefined || !isMember(ctx, s.config.self)) {
    s.role = { role: 'Outside' };
    return;
  }
  if (locker !== previousLocker) emit(ctx, { type: 'GumLockerChanged', viewNumber, locker, previous: previousLocker });
  if (locker === s.config.self) becomeLocker(ctx, carried);
  else becomeMember(ctx, locker);
}

function onTick(ctx: Ctx): void {
  tickPull(ctx);
  tickLocker(ctx);
  tickMember(ctx);
}

/** Per-node invariants (STYLE 9): the sim calls this after every step. Throws on violation. */
export function checkGumInvariants(state: GumNodeState): void {
  const { copy, role, requester } = state;
  const who = state.config.self;
  if (copy.lastUpdate !== undefined) {
    assert(copy.lastUpdate.sequence === copy.sequence && copy.lastUpdate.digest === copy.digest, `${who}: last update ${copy.lastUpdate.sequence} does not match copy ${copy.sequence}`);
    assert(copy.lastUpdate.epoch === copy.epoch, `${who}: last update epoch ${copy.lastUpdate.epoch} is not the copy's ${copy.epoch}`);
  }
  // A copy is only taken in an epoch the node is then synced in (a locker adopts and starts driving
  // in one step), so no copy is of a later epoch than its holder's synced epoch.
  assert(copy.epoch <= state.syncedEpoch, `${who}: copy of epoch ${copy.epoch} beyond synced epoch ${state.syncedEpoch}`);
  assert(requester.pending.length <= gumLimits.pendingRequestsMax, `${who}: ${requester.pending.length} pending requests`);
  if (role.role === 'Locker') {
    assert(role.queue.length <= gumLimits.lockerQueueMax, `${who}: locker queue holds ${role.queue.length}`);
    assert(state.view?.members[0]?.name === who, `${who}: locker but not the lowest node ID of view ${state.view?.number}`);
    if (role.phase === 'Driving') assert(state.syncedEpoch === role.viewEpoch && copy.epoch <= role.viewEpoch, `${who}: driving epoch ${role.viewEpoch} with synced ${state.syncedEpoch}, copy ${copy.epoch}`);
  }
  if (role.role === 'Member') assert(state.view?.members[0]?.name === role.locker && role.locker !== who, `${who}: member of locker ${role.locker} in view ${state.view?.number}`);
}
