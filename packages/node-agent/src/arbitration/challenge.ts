// Taking a disk: the challenge of facts §3.2 (US 7,277,952; US 2007/0168507), step by step.
//
//  1. REGISTER AND IGNORE EXISTING KEY with this node's key, READ KEYS, READ RESERVATION.
//  2. Nobody holds the reservation: RESERVE it (Write Exclusive – Registrants Only), preempt the
//     keys of nodes outside the members, and own the disk at once. Nobody can be defending it: a
//     node that preempts a holder never lets go before its own wait is over (lifecycle.ts), so a
//     free reservation means no owner can still think it holds the disk.
//  3. A node outside the members holds it: PREEMPT its key (the reservation moves here), preempt
//     the other outsiders' keys, wait challengerWaitMs (longer than the owner's check interval),
//     then read the keys and the reservation again. If a preempted key came back (its owner
//     defended) or another node holds the reservation now, back off; otherwise the disk is ours.
//     This node's own key holding it (a reservation left from before a restart) is treated the
//     same way, waiting first: an owner it was taken from may still be defending.
//  4. A member holds it: for a resource the disk is that member's (the resource manager takes it
//     offline there first: HeldByMember), unless the resource manager asks to take it from the
//     member (a reservation that member left behind, found by repeated HeldByMember: step 3, and a
//     member that still has the disk online yields to a member's preemption); for the witness the requesting set holds the witness
//     through that member, and only the tag is written, as a registrant (WERO lets registrants
//     write), before this node unregisters again.
//  5. For the witness, before claiming: read the tag block, apply the grant rule, write the new tag.
import type { ReservationKey } from '@wsfc-lab/protocol';
import type { StorageCompletion, StorageResult } from '../storage/mod.js';
import { arm, become, describeKey, emit, holderOfKey, namesOf, outsiderKeys, report, send, type Ctx } from './context.js';
import { answerWitness, becomeOnline, withdraw } from './lifecycle.js';
import { arbitrationLimits } from './limits.js';
import { tagBlockOf, tagDecision } from './witness-tag.js';
import { witnessRoundTripsMax } from './timing.js';
import type { AcquireFailure, ArbitrationPurpose, ChallengeRole, DiskState } from './types.js';

export function startChallenge(ctx: Ctx, disk: DiskState, o: { purpose: ArbitrationPurpose; members: number[]; takeFromMember?: boolean }): void {
  const role: ChallengeRole = {
    role: 'Challenging',
    purpose: o.purpose,
    members: o.members,
    step: 'Register',
    startedAtMs: ctx.nowMs,
    keys: [],
    victims: [],
    toFence: [],
    afterFence: 'Claim',
    preemptedAtMs: null,
    confirmedIssueMs: null,
    registrant: false,
    takeFromMember: o.takeFromMember ?? false,
    attempts: 0,
    abandoned: false,
  };
  become(disk, role);
  emit(ctx, { type: 'DiskArbitrationStarted', node: ctx.s.config.self, disk: disk.disk, purpose: o.purpose, members: namesOf(ctx.s, o.members) });
  send(ctx, disk, { type: 'RegisterAndIgnoreExistingKey', newKey: ctx.s.selfKey });
}

export function describeResult(result: StorageResult): string {
  switch (result.type) {
    case 'Failed':
      return `${result.reason}: ${result.detail}`;
    case 'CheckCondition':
      return `CHECK CONDITION ${result.text}`;
    default:
      return result.type;
  }
}

export function onChallengeAnswer(ctx: Ctx, disk: DiskState, role: ChallengeRole, completion: StorageCompletion): void {
  const result = completion.result;
  switch (role.step) {
    case 'Register':
      if (result.type !== 'Done') return fail(ctx, disk, role, { reason: 'StorageError', detail: `REGISTER failed: ${describeResult(result)}` });
      role.step = 'ReadKeys';
      return send(ctx, disk, { type: 'ReadKeys' });
    case 'ReadKeys':
      if (result.type !== 'Keys') return fail(ctx, disk, role, { reason: 'StorageError', detail: `READ KEYS failed: ${describeResult(result)}` });
      role.keys = result.keys;
      role.step = 'ReadReservation';
      return send(ctx, disk, { type: 'ReadReservation' });
    case 'ReadReservation':
      if (result.type !== 'Reservation') return fail(ctx, disk, role, { reason: 'StorageError', detail: `READ RESERVATION failed: ${describeResult(result)}` });
      return decide(ctx, disk, role, { holderKey: result.reservation?.key ?? null, issuedAtMs: completion.issuedAtMs });
    case 'Reserve':
    case 'Preempt':
      return onTaken(ctx, disk, role, completion);
    case 'Fence':
      if (result.type === 'Done') emitPreempted(ctx, disk, role.victims.slice(-1));
      return fenceNext(ctx, disk, role);
    case 'VerifyKeys':
    case 'VerifyReservation':
      return onVerify(ctx, disk, role, completion);
    case 'ReadTag':
    case 'WriteTag':
      return onChallengeTag(ctx, disk, role, result);
    case 'Wait':
      return;
  }
}

/** Step 2-4: what the reservation found means. */
function decide(ctx: Ctx, disk: DiskState, role: ChallengeRole, o: { holderKey: ReservationKey | null; issuedAtMs: number }): void {
  if (role.abandoned) return withdrawChallenge(ctx, disk, role);
  const s = ctx.s;
  role.toFence = outsiderKeys(s, role.keys, role.members).filter((key) => key !== o.holderKey).slice(0, arbitrationLimits.fenceKeysMax);
  if (o.holderKey === null) {
    role.step = 'Reserve';
    return send(ctx, disk, { type: 'Reserve', key: s.selfKey });
  }
  const holder = holderOfKey(s, o.holderKey, role.members);
  switch (holder.kind) {
    case 'Self':
      // Left from before this node's restart: wait as if it had just preempted, then verify.
      role.preemptedAtMs = ctx.nowMs;
      role.confirmedIssueMs = o.issuedAtMs;
      return fence(ctx, disk, role, 'Wait');
    case 'Member':
      if (role.purpose === 'Witness') {
        role.registrant = true;
        return readTag(ctx, disk, role);
      }
      if (role.takeFromMember) return preemptHolder(ctx, disk, role, o.holderKey);
      return fail(ctx, disk, role, { reason: 'HeldByMember', detail: `${describeKey(s, o.holderKey)}, a member of the view, holds the reservation` });
    case 'Outsider':
      return preemptHolder(ctx, disk, role, o.holderKey);
  }
}

function preemptHolder(ctx: Ctx, disk: DiskState, role: ChallengeRole, holderKey: ReservationKey): void {
  const witness = disk.witness;
  const neededMs = ctx.s.timing.challengerWaitMs + witnessRoundTripsMax * ctx.s.timing.commandTransitMsMax;
  if (role.purpose === 'Witness' && witness !== null && ctx.nowMs + neededMs > witness.deadlineMs) {
    return fail(ctx, disk, role, { reason: 'StorageError', detail: `${witness.deadlineMs - ctx.nowMs} ms left of QuorumArbitrationTimeMax, a challenge needs ${neededMs} ms` });
  }
  role.victims = [holderKey];
  role.step = 'Preempt';
  send(ctx, disk, { type: 'Preempt', key: ctx.s.selfKey, victimKey: holderKey });
}

/** RESERVE or PREEMPT answered. A race lost to another node reads the reservation again (bounded). */
function onTaken(ctx: Ctx, disk: DiskState, role: ChallengeRole, completion: StorageCompletion): void {
  const result = completion.result;
  if (result.type === 'ReservationConflict' && role.attempts + 1 < arbitrationLimits.reserveAttemptsMax) {
    role.attempts++;
    role.victims = [];
    role.step = 'ReadKeys';
    return send(ctx, disk, { type: 'ReadKeys' });
  }
  if (result.type !== 'Done') return fail(ctx, disk, role, { reason: 'Preempted', detail: `${role.step.toUpperCase()} failed: ${describeResult(result)}` });
  role.confirmedIssueMs = completion.issuedAtMs;
  if (role.step === 'Reserve') return fence(ctx, disk, role, 'Claim');
  role.preemptedAtMs = ctx.nowMs;
  emitPreempted(ctx, disk, role.victims);
  return fence(ctx, disk, role, 'Wait');
}

function emitPreempted(ctx: Ctx, disk: DiskState, keys: ReservationKey[]): void {
  if (keys.length === 0) return;
  emit(ctx, { type: 'DiskKeysPreempted', node: ctx.s.config.self, disk: disk.disk, keys, holders: keys.map((key) => describeKey(ctx.s, key)) });
}

/** Preempts the outsiders' keys one by one, then waits or claims. */
function fence(ctx: Ctx, disk: DiskState, role: ChallengeRole, after: 'Wait' | 'Claim'): void {
  role.afterFence = after;
  fenceNext(ctx, disk, role);
}

function fenceNext(ctx: Ctx, disk: DiskState, role: ChallengeRole): void {
  const key = role.toFence.shift();
  if (key !== undefined) {
    role.victims.push(key);
    role.step = 'Fence';
    return send(ctx, disk, { type: 'Preempt', key: ctx.s.selfKey, victimKey: key });
  }
  if (role.abandoned) return withdrawChallenge(ctx, disk, role);
  if (role.afterFence === 'Claim') return claim(ctx, disk, role);
  role.step = 'Wait';
  disk.awaiting = null;
  arm(ctx, disk, 'ChallengeWait', ctx.s.timing.challengerWaitMs);
}

export function onChallengeWaitOver(ctx: Ctx, disk: DiskState, role: ChallengeRole): void {
  if (role.abandoned) return withdrawChallenge(ctx, disk, role);
  role.step = 'VerifyKeys';
  send(ctx, disk, { type: 'ReadKeys' });
}

/** Step 3's second look: a preempted key back, or the reservation gone elsewhere, means back off. */
function onVerify(ctx: Ctx, disk: DiskState, role: ChallengeRole, completion: StorageCompletion): void {
  const result = completion.result;
  const s = ctx.s;
  if (role.step === 'VerifyKeys') {
    if (result.type !== 'Keys') return fail(ctx, disk, role, { reason: 'StorageError', detail: `READ KEYS failed: ${describeResult(result)}` });
    const back = role.victims.filter((key) => result.keys.includes(key));
    if (back.length > 0) return fail(ctx, disk, role, { reason: 'Defended', detail: `${back.map((key) => describeKey(s, key)).join(', ')} restored its key during the wait` });
    if (!result.keys.includes(s.selfKey)) return fail(ctx, disk, role, { reason: 'Preempted', detail: 'this node’s key was preempted during the wait' });
    role.keys = result.keys;
    role.step = 'VerifyReservation';
    return send(ctx, disk, { type: 'ReadReservation' });
  }
  if (result.type !== 'Reservation') return fail(ctx, disk, role, { reason: 'StorageError', detail: `READ RESERVATION failed: ${describeResult(result)}` });
  const holderKey = result.reservation?.key ?? null;
  if (holderKey !== s.selfKey) return fail(ctx, disk, role, { reason: 'Preempted', detail: `the reservation is held by ${holderKey === null ? 'nobody' : describeKey(s, holderKey)} after the wait` });
  role.confirmedIssueMs = completion.issuedAtMs;
  role.toFence = outsiderKeys(s, role.keys, role.members).slice(0, arbitrationLimits.fenceKeysMax);
  fence(ctx, disk, role, 'Claim');
}

/** The disk is ours: for the witness the tag decides first. */
function claim(ctx: Ctx, disk: DiskState, role: ChallengeRole): void {
  if (role.purpose === 'Witness') return readTag(ctx, disk, role);
  won(ctx, disk, role, 'the reservation is held with this node’s key');
  becomeOnline(ctx, disk, { heldFor: 'Resource', confirmedIssueMs: role.confirmedIssueMs ?? ctx.nowMs, lingerUntilMs: lingerOf(ctx, role) });
}

function readTag(ctx: Ctx, disk: DiskState, role: ChallengeRole): void {
  const witness = disk.witness;
  if (witness === null || role.abandoned) return withdrawChallenge(ctx, disk, role);
  role.step = 'ReadTag';
  send(ctx, disk, { type: 'Read', lba: witness.tagLba, blockCount: 1 });
}

function onChallengeTag(ctx: Ctx, disk: DiskState, role: ChallengeRole, result: StorageResult): void {
  const witness = disk.witness;
  if (witness === null || role.abandoned) return withdrawChallenge(ctx, disk, role);
  if (role.step === 'ReadTag') {
    const decision = tagDecision(result, witness);
    if (!decision.granted) return fail(ctx, disk, role, { reason: 'StorageError', detail: decision.why });
    role.step = 'WriteTag';
    return send(ctx, disk, { type: 'Write', lba: witness.tagLba, data: tagBlockOf(witness) });
  }
  if (result.type !== 'Done') return fail(ctx, disk, role, { reason: 'Preempted', detail: `the tag WRITE failed: ${describeResult(result)}` });
  const how = role.registrant ? 'the requesting set holds the witness through a member; tag written' : 'the witness is held with this node’s key; tag written';
  won(ctx, disk, role, `${how} (view ${witness.viewNumber}, leader ${witness.coordinator}, after view ${witness.previousViewNumber})`);
  answerWitness(ctx, disk, true);
  if (role.registrant) return withdraw(ctx, disk, { lingerUntilMs: 0, report: false });
  becomeOnline(ctx, disk, { heldFor: 'Witness', confirmedIssueMs: role.confirmedIssueMs ?? ctx.nowMs, lingerUntilMs: lingerOf(ctx, role) });
}

function won(ctx: Ctx, disk: DiskState, role: ChallengeRole, reason: string): void {
  emit(ctx, { type: 'DiskArbitrationEnded', node: ctx.s.config.self, disk: disk.disk, purpose: role.purpose, outcome: 'Won', reason, durationMs: Math.round(ctx.nowMs - role.startedAtMs) });
}

function lingerOf(ctx: Ctx, role: ChallengeRole): number {
  return role.preemptedAtMs === null ? 0 : role.preemptedAtMs + ctx.s.timing.challengerWaitMs;
}

/** Backs off: says so, answers whoever asked, and withdraws this node's key. */
function fail(ctx: Ctx, disk: DiskState, role: ChallengeRole, o: { reason: AcquireFailure; detail: string }): void {
  emit(ctx, { type: 'DiskArbitrationEnded', node: ctx.s.config.self, disk: disk.disk, purpose: role.purpose, outcome: 'Lost', reason: o.detail, durationMs: Math.round(ctx.nowMs - role.startedAtMs) });
  if (role.purpose === 'Witness') answerWitness(ctx, disk, false);
  if (role.purpose === 'Resource' && disk.pendingAcquire !== null) {
    disk.pendingAcquire = null;
    report(ctx, { type: 'DiskAcquireFailed', disk: disk.disk, reason: o.reason, detail: o.detail });
  }
  withdrawChallenge(ctx, disk, role);
}

/**
 * Unregisters, but not before a holder this challenge preempted has stopped defending: if a PR
 * command is still in flight, it may yet preempt someone, so that counts as preempting now.
 */
export function withdrawChallenge(ctx: Ctx, disk: DiskState, role: ChallengeRole, o: { report: boolean } = { report: false }): void {
  const inFlight = disk.awaiting !== null && (role.step === 'Preempt' || role.step === 'Fence' || role.step === 'Reserve');
  const lingerUntilMs = Math.max(lingerOf(ctx, role), inFlight ? ctx.nowMs + ctx.s.timing.challengerWaitMs : 0);
  withdraw(ctx, disk, { lingerUntilMs, report: o.report });
}
