// Disk arbitration through the storage target (issue 5, item 6; facts §3), as a sans-I/O state
// machine per node in the style of etcd's raft package: `stepArbitration(state, input)` advances
// the state and returns what to do (storage commands, timers, events, outcomes) and touches nothing
// else. Each clustered disk (a Physical Disk resource, the disk witness) is Offline, Challenging
// (challenge.ts), Online (defence.ts) or Releasing (lifecycle.ts) on this node. Ownership moves
// only through the target: an owner releases it, or a challenger that has quorum preempts the key
// of a node outside its view and waits out the owner's defence. There is no other way.
//
// The caller (node.ts, through host.ts) sends each command through the iSCSI initiator with the tag
// `{ subsystem: 'arbitration', token }` and feeds back the completion; it answers the regroup's
// ArbitrateWitness with the WitnessArbitrated outcome, and tells the resource manager the others.
import { assert, assertNever } from '@wsfc-lab/protocol';
import { onChallengeAnswer, onChallengeWaitOver, withdrawChallenge } from './challenge.js';
import { become, emit, report, sendWrite, type Ctx } from './context.js';
import { leaseHolds, lose, onDefenceTick, onOwnerAnswer, requestCheck } from './defence.js';
import { clusterTagOf, reservationKeyOf } from './keys.js';
import { answerWitness, diskOf, onLingerOver, onReleaseAnswer, serveQueued, withdraw } from './lifecycle.js';
import { arbitrationLimits } from './limits.js';
import { arbitrationTagLba, witnessSizeBlocksMin } from './tag-block.js';
import { arbitrationTimingOf } from './timing.js';
import type { ArbitrationConfig, ArbitrationInput, ArbitrationState, ArbitrationStepResult, ArbitrationTimer, DiskState, ViewMember } from './types.js';
import type { StorageCompletion } from '../storage/mod.js';

export function initArbitration(config: ArbitrationConfig): ArbitrationState {
  const self = config.nodes.find((n) => n.name === config.self);
  assert(self !== undefined && self.nodeId === config.selfId, `node "${config.self}" (ID ${config.selfId}) is not among the configured nodes ${config.nodes.map((n) => `${n.name}=${n.nodeId}`).join(', ')}`);
  const clusterTag = clusterTagOf(config.clusterName);
  return {
    config,
    timing: arbitrationTimingOf(config.timing),
    clusterTag,
    selfKey: reservationKeyOf({ clusterTag, nodeId: config.selfId }),
    view: null,
    disks: {},
    writes: {},
    writeCount: 0,
    nextToken: 1,
    counters: { completionsIgnored: 0, writesRefusedLocally: 0, requestsRefused: 0 },
  };
}

/** One input. The state changes in place and is returned (as raft's Step and the regroup do). */
export function stepArbitration(state: ArbitrationState, input: ArbitrationInput): ArbitrationStepResult {
  const ctx: Ctx = { s: state, nowMs: input.nowMs, commands: [], timers: [], events: [], outcomes: [] };
  switch (input.type) {
    case 'Acquire':
      onAcquire(ctx, input.disk, input.members, input.takeFromMember ?? false);
      break;
    case 'Release':
      onRelease(ctx, input.disk);
      break;
    case 'ArbitrateWitness':
      onArbitrateWitness(ctx, input);
      break;
    case 'MembershipChanged':
      state.view = idsOf(state, input.members);
      for (const disk of Object.values(state.disks)) requestCheck(ctx, disk);
      break;
    case 'Write':
      onWrite(ctx, input);
      break;
    case 'StorageCompleted':
      onCompletion(ctx, input.completion);
      break;
    case 'Timer':
      onTimer(ctx, input.timer);
      break;
    case 'Stop':
      onStop(ctx);
      break;
    default:
      assertNever(input, 'arbitration input');
  }
  return { state, commands: ctx.commands, timers: ctx.timers, events: ctx.events, outcomes: ctx.outcomes };
}

/** Node IDs of a set of members, sorted, always with this node. */
function idsOf(s: ArbitrationState, members: readonly ViewMember[]): number[] {
  return [...new Set([s.config.selfId, ...members.map((m) => m.nodeId)])].sort((a, b) => a - b);
}

function refused(ctx: Ctx, disk: string): void {
  ctx.s.counters.requestsRefused++;
  report(ctx, { type: 'DiskAcquireFailed', disk, reason: 'TooManyDisks', detail: `this node arbitrates ${arbitrationLimits.disksMax} disks already (disksMax)` });
}

function onAcquire(ctx: Ctx, name: string, members: ViewMember[], takeFromMember: boolean): void {
  const s = ctx.s;
  s.view = idsOf(s, members);
  const disk = diskOf(s, name);
  if (!disk) return refused(ctx, name);
  disk.pendingAcquire = { members: s.view, takeFromMember };
  if (disk.role.role === 'Offline' || disk.role.role === 'Online') serveQueued(ctx, disk);
}

function cancelAcquire(ctx: Ctx, disk: DiskState): void {
  if (disk.pendingAcquire === null) return;
  disk.pendingAcquire = null;
  report(ctx, { type: 'DiskAcquireFailed', disk: disk.disk, reason: 'Cancelled', detail: 'the disk was taken offline before it came online' });
}

function onRelease(ctx: Ctx, name: string): void {
  const disk = diskOf(ctx.s, name);
  if (!disk) return refused(ctx, name);
  cancelAcquire(ctx, disk);
  const role = disk.role;
  switch (role.role) {
    case 'Offline':
      // Nothing held in this life; a key left from before a restart goes.
      return withdraw(ctx, disk, { lingerUntilMs: 0, report: true });
    case 'Online':
      return withdraw(ctx, disk, { lingerUntilMs: role.lingerUntilMs, report: true });
    case 'Challenging':
      role.abandoned = true;
      if (role.purpose === 'Witness') answerWitness(ctx, disk, false);
      return withdrawChallenge(ctx, disk, role, { report: true });
    case 'Releasing':
      role.report = true;
      return;
  }
}

function onArbitrateWitness(ctx: Ctx, input: Extract<ArbitrationInput, { type: 'ArbitrateWitness' }>): void {
  const s = ctx.s;
  const disk = diskOf(s, input.disk);
  if (!disk || input.sizeBlocks < witnessSizeBlocksMin) {
    s.counters.requestsRefused++;
    return report(ctx, { type: 'WitnessArbitrated', arbitrationId: input.arbitrationId, won: false });
  }
  answerWitness(ctx, disk, false); // an older request is superseded by this one
  const members = idsOf(s, input.members.flatMap((name) => s.config.nodes.filter((n) => n.name === name)));
  const deadlineDelayMs = Math.max(0, input.timeoutMs - s.timing.commandTransitMsMax);
  const { arbitrationId, viewNumber, previousViewNumber, coordinator } = input;
  disk.witness = { arbitrationId, viewNumber, previousViewNumber, coordinator, members, tagLba: arbitrationTagLba(input.sizeBlocks), receivedAtMs: ctx.nowMs, deadlineMs: ctx.nowMs + deadlineDelayMs };
  ctx.timers.push({ delayMs: deadlineDelayMs, timer: { subsystem: 'arbitration', type: 'WitnessDeadline', disk: disk.disk, arbitrationId } });
  serveQueued(ctx, disk);
}

function onWrite(ctx: Ctx, input: Extract<ArbitrationInput, { type: 'Write' }>): void {
  const s = ctx.s;
  const refuse = (result: 'NotOwner' | 'QueueFull', detail: string) => {
    s.counters.writesRefusedLocally++;
    report(ctx, { type: 'WriteCompleted', disk: input.disk, writeId: input.writeId, result, detail });
  };
  const disk = s.disks[input.disk];
  const role = disk?.role;
  if (!disk || role?.role !== 'Online') return refuse('NotOwner', `"${input.disk}" is not online on ${s.config.self}`);
  if (!leaseHolds(ctx, role)) {
    lose(ctx, disk, { cause: 'CheckFailed', preemptor: null, detail: `a write came ${Math.round(ctx.nowMs - role.lastConfirmedIssueMs)} ms after it last saw its reservation` });
    return refuse('NotOwner', `"${input.disk}" was lost on ${s.config.self}: its reservation could not be confirmed in time`);
  }
  if (s.writeCount >= arbitrationLimits.writesInFlightMax) return refuse('QueueFull', `${s.writeCount} writes are in flight (writesInFlightMax)`);
  sendWrite(ctx, { disk: input.disk, writeId: input.writeId, lba: input.lba, data: input.data });
}

function onCompletion(ctx: Ctx, completion: StorageCompletion): void {
  const s = ctx.s;
  const token = completion.tag.token;
  const write = s.writes[token];
  if (write) {
    delete s.writes[token];
    s.writeCount--;
    const result = completion.result;
    const outcome = result.type === 'Done' ? 'Done' : result.type === 'ReservationConflict' ? 'ReservationConflict' : 'Failed';
    report(ctx, { type: 'WriteCompleted', disk: write.disk, writeId: write.writeId, result: outcome, detail: result.type === 'Failed' ? result.detail : result.type });
    const disk = s.disks[write.disk];
    if (outcome === 'ReservationConflict' && disk) requestCheck(ctx, disk);
    return;
  }
  const disk = Object.values(s.disks).find((d) => d.awaiting === token);
  if (!disk) {
    s.counters.completionsIgnored++;
    return;
  }
  disk.awaiting = null;
  const role = disk.role;
  if (role.role === 'Challenging') return onChallengeAnswer(ctx, disk, role, completion);
  if (role.role === 'Online') return onOwnerAnswer(ctx, disk, role, completion);
  if (role.role === 'Releasing') return onReleaseAnswer(ctx, disk, role);
}

function onTimer(ctx: Ctx, timer: ArbitrationTimer): void {
  const disk = ctx.s.disks[timer.disk];
  if (!disk) return;
  const role = disk.role;
  if (timer.type === 'WitnessDeadline') {
    if (disk.witness?.arbitrationId !== timer.arbitrationId) return;
    emit(ctx, { type: 'DiskArbitrationEnded', node: ctx.s.config.self, disk: disk.disk, purpose: 'Witness', outcome: 'Lost', reason: 'not done within QuorumArbitrationTimeMax', durationMs: Math.round(ctx.nowMs - disk.witness.receivedAtMs) });
    answerWitness(ctx, disk, false);
    if (role.role === 'Challenging' && role.purpose === 'Witness') role.abandoned = true;
    return;
  }
  if (disk.armed[timer.type] !== timer.serial) return;
  disk.armed[timer.type] = 0;
  if (timer.type === 'DefenceCheck' && role.role === 'Online') {
    onDefenceTick(ctx, disk, role);
  } else if (timer.type === 'ChallengeWait' && role.role === 'Challenging' && role.step === 'Wait') {
    onChallengeWaitOver(ctx, disk, role);
  } else if (timer.type === 'Linger' && role.role === 'Releasing') {
    onLingerOver(ctx, disk, role);
  }
}

/** The cluster service stops: every disk is offline here at once; nothing is released or sent. */
function onStop(ctx: Ctx): void {
  const s = ctx.s;
  for (const disk of Object.values(s.disks)) {
    answerWitness(ctx, disk, false);
    cancelAcquire(ctx, disk);
    become(disk, { role: 'Offline' });
  }
  for (const write of Object.values(s.writes)) report(ctx, { type: 'WriteCompleted', disk: write.disk, writeId: write.writeId, result: 'Failed', detail: 'the cluster service stopped' });
  s.writes = {};
  s.writeCount = 0;
}
