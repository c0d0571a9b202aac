// The owner's side (facts §3.2): every defenceIntervalMs it reads the keys, preempts the keys of
// nodes outside its view (fencing nodes that left the membership, and challengers from outside),
// and reads the reservation. Its own key holding it renews its lease. If its key is gone:
//
// * preempted by a member of its view: the cluster moved the disk (that member has a newer view
//   without this node); this node lost the disk: 1038, I/O stops, nothing is fought;
// * preempted by a node outside its view, or the reservation freed: it defends, restoring its key
//   (REGISTER, then PREEMPT the taker or RESERVE), but only within its lease (timing.ts), so it
//   never takes the disk back from a challenger that has finished its wait; past the lease it
//   lost the disk (1038).
//
// A RESERVATION CONFLICT on a write, or a view change, starts a check at once. An owner whose
// lease ran out without a check answering (its path is down, its host froze) has lost the disk
// (1038) and sends no more I/O: a deposed owner that kept writing would have its WRITEs accepted
// as soon as the reservation was free again, since without a reservation anyone may write.
import type { ReservationKey } from '@wsfc-lab/protocol';
import type { ReservationLossCause } from '@wsfc-lab/protocol';
import type { StorageCompletion } from '../storage/mod.js';
import { describeResult } from './challenge.js';
import { arm, currentMembers, describeKey, emit, holderOfKey, outsiderKeys, report, send, type Ctx } from './context.js';
import { endOwnerOp, withdraw } from './lifecycle.js';
import { arbitrationLimits } from './limits.js';
import { onOwnerTagAnswer } from './witness-tag.js';
import type { DiskState, OnlineRole } from './types.js';

type RestoreOp = Extract<OnlineRole['op'], { op: 'Restore' }>;
type CheckOp = Extract<OnlineRole['op'], { op: 'Check' }>;

export function startCheck(ctx: Ctx, disk: DiskState, role: OnlineRole): void {
  role.checkWanted = false;
  role.op = { op: 'Check', step: 'ReadKeys', toFence: [], issuedAtMs: ctx.nowMs };
  arm(ctx, disk, 'DefenceCheck', ctx.s.timing.defenceIntervalMs);
  send(ctx, disk, { type: 'ReadKeys' });
}

/**
 * The periodic tick. A check still running from before (a command the target has not answered:
 * its path is down, its host was frozen) does not hold the lease up: once the lease has run out
 * the disk is lost here, even with that command in flight.
 */
export function onDefenceTick(ctx: Ctx, disk: DiskState, role: OnlineRole): void {
  if (role.op.op === 'Idle') return startCheck(ctx, disk, role);
  if (!leaseHolds(ctx, role)) return lose(ctx, disk, { cause: 'CheckFailed', preemptor: null, detail: `its ${role.op.op.toLowerCase()} has had no answer; it last saw its reservation ${Math.round(ctx.nowMs - role.lastConfirmedIssueMs)} ms ago` });
  role.checkWanted = true;
  arm(ctx, disk, 'DefenceCheck', ctx.s.timing.defenceIntervalMs);
}

/** A check now (a write was refused, the view changed), or as soon as the current operation ends. */
export function requestCheck(ctx: Ctx, disk: DiskState): void {
  const role = disk.role;
  if (role.role !== 'Online') return;
  if (role.op.op === 'Idle') return startCheck(ctx, disk, role);
  role.checkWanted = true;
}

export function onOwnerAnswer(ctx: Ctx, disk: DiskState, role: OnlineRole, completion: StorageCompletion): void {
  switch (role.op.op) {
    case 'Check':
      return onCheckAnswer(ctx, disk, role, role.op, completion);
    case 'Restore':
      return onRestoreAnswer(ctx, disk, role, role.op, completion);
    case 'Tag':
      return onOwnerTagAnswer(ctx, disk, role, completion.result);
    case 'Idle':
      return;
  }
}

/**
 * The owner may still write, and restore its key, only while no challenger can have finished its
 * wait since the owner last saw its reservation (timing.ts).
 */
export function leaseHolds(ctx: Ctx, role: OnlineRole): boolean {
  return ctx.nowMs + ctx.s.timing.commandTransitMsMax < role.lastConfirmedIssueMs + ctx.s.timing.challengerWaitMs;
}

function onCheckAnswer(ctx: Ctx, disk: DiskState, role: OnlineRole, op: CheckOp, completion: StorageCompletion): void {
  const result = completion.result;
  const s = ctx.s;
  if (op.step === 'Fence') return fenceNext(ctx, disk, op);
  if (op.step === 'ReadKeys') {
    if (result.type !== 'Keys') return checkFailed(ctx, disk, role, `READ KEYS failed: ${describeResult(result)}`);
    // Only a registered node can preempt; without its key the reservation read decides.
    op.toFence = result.keys.includes(s.selfKey) ? outsiderKeys(s, result.keys, currentMembers(s)).slice(0, arbitrationLimits.fenceKeysMax) : [];
    return fenceNext(ctx, disk, op);
  }
  if (result.type !== 'Reservation') return checkFailed(ctx, disk, role, `READ RESERVATION failed: ${describeResult(result)}`);
  const holderKey = result.reservation?.key ?? null;
  if (holderKey === s.selfKey) {
    role.lastConfirmedIssueMs = completion.issuedAtMs;
    return endOwnerOp(ctx, disk, role);
  }
  judgeLoss(ctx, disk, role, holderKey);
}

function fenceNext(ctx: Ctx, disk: DiskState, op: CheckOp): void {
  const key = op.toFence.shift();
  if (key !== undefined) {
    op.step = 'Fence';
    emit(ctx, { type: 'DiskKeysPreempted', node: ctx.s.config.self, disk: disk.disk, keys: [key], holders: [describeKey(ctx.s, key)] });
    return send(ctx, disk, { type: 'Preempt', key: ctx.s.selfKey, victimKey: key });
  }
  op.step = 'ReadReservation';
  op.issuedAtMs = ctx.nowMs;
  send(ctx, disk, { type: 'ReadReservation' });
}

/** A check that could not reach the disk: harmless while the lease holds, the disk's loss after. */
function checkFailed(ctx: Ctx, disk: DiskState, role: OnlineRole, detail: string): void {
  if (leaseHolds(ctx, role)) return endOwnerOp(ctx, disk, role);
  lose(ctx, disk, { cause: 'CheckFailed', preemptor: null, detail: `${detail}; last saw its reservation ${Math.round(ctx.nowMs - role.lastConfirmedIssueMs)} ms ago` });
}

/** This node's key no longer holds the reservation: yield to a member, defend against anyone else. */
function judgeLoss(ctx: Ctx, disk: DiskState, role: OnlineRole, holderKey: ReservationKey | null): void {
  const s = ctx.s;
  const taker = holderKey === null ? null : describeKey(s, holderKey);
  if (holderKey !== null && holderOfKey(s, holderKey, currentMembers(s)).kind === 'Member') {
    return lose(ctx, disk, { cause: 'Preempted', preemptor: taker, detail: `${taker}, a member of this node's view, holds the reservation` });
  }
  if (!leaseHolds(ctx, role)) {
    return lose(ctx, disk, { cause: 'LeaseExpired', preemptor: taker, detail: `its key was preempted and it last saw its reservation ${Math.round(ctx.nowMs - role.lastConfirmedIssueMs)} ms ago` });
  }
  role.op = { op: 'Restore', step: 'Register', victim: holderKey, issuedAtMs: ctx.nowMs, steps: 1 };
  send(ctx, disk, { type: 'RegisterAndIgnoreExistingKey', newKey: s.selfKey });
}

function onRestoreAnswer(ctx: Ctx, disk: DiskState, role: OnlineRole, op: RestoreOp, completion: StorageCompletion): void {
  const result = completion.result;
  const s = ctx.s;
  if (op.step === 'Register' && result.type !== 'Done') return defenceFailed(ctx, disk, op, `REGISTER failed: ${describeResult(result)}`);
  if ((op.step === 'Reserve' || op.step === 'Preempt') && result.type === 'Done') return defended(ctx, disk, role, { op, issuedAtMs: completion.issuedAtMs });
  if (op.step === 'Reserve' || op.step === 'Preempt') {
    if (result.type !== 'ReservationConflict') return defenceFailed(ctx, disk, op, `${op.step.toUpperCase()} failed: ${describeResult(result)}`);
    return restoreStep(ctx, disk, role, op, { step: 'ReadReservation', victim: op.victim });
  }
  if (op.step === 'Register') return restoreStep(ctx, disk, role, op, { step: 'ReadReservation', victim: op.victim });
  if (result.type !== 'Reservation') return defenceFailed(ctx, disk, op, `READ RESERVATION failed: ${describeResult(result)}`);
  const holderKey = result.reservation?.key ?? null;
  if (holderKey === s.selfKey) return defended(ctx, disk, role, { op, issuedAtMs: completion.issuedAtMs });
  if (holderKey === null) return restoreStep(ctx, disk, role, op, { step: 'Reserve', victim: null });
  if (holderOfKey(s, holderKey, currentMembers(s)).kind === 'Member') {
    return lose(ctx, disk, { cause: 'Preempted', preemptor: describeKey(s, holderKey), detail: `${describeKey(s, holderKey)}, a member of this node's view, took the reservation` });
  }
  restoreStep(ctx, disk, role, op, { step: 'Preempt', victim: holderKey });
}

/** The next restore command, if the lease still covers it. */
function restoreStep(ctx: Ctx, disk: DiskState, role: OnlineRole, op: RestoreOp, next: { step: 'ReadReservation' | 'Reserve' | 'Preempt'; victim: ReservationKey | null }): void {
  if (!leaseHolds(ctx, role)) return lose(ctx, disk, { cause: 'LeaseExpired', preemptor: op.victim === null ? null : describeKey(ctx.s, op.victim), detail: 'the lease ran out while it restored its key' });
  if (op.steps >= arbitrationLimits.restoreStepsMax) return defenceFailed(ctx, disk, op, `its key was not restored in ${op.steps} commands`);
  op.steps++;
  op.step = next.step;
  op.victim = next.victim;
  op.issuedAtMs = ctx.nowMs;
  if (next.step === 'ReadReservation') return send(ctx, disk, { type: 'ReadReservation' });
  if (next.step === 'Reserve') return send(ctx, disk, { type: 'Reserve', key: ctx.s.selfKey });
  send(ctx, disk, { type: 'Preempt', key: ctx.s.selfKey, victimKey: next.victim ?? ctx.s.selfKey });
}

function defended(ctx: Ctx, disk: DiskState, role: OnlineRole, o: { op: RestoreOp; issuedAtMs: number }): void {
  role.lastConfirmedIssueMs = o.issuedAtMs;
  if (o.op.step === 'Preempt') role.lingerUntilMs = ctx.nowMs + ctx.s.timing.challengerWaitMs;
  const preemptor = o.op.victim === null ? 'nobody (the reservation was free)' : describeKey(ctx.s, o.op.victim);
  emit(ctx, { type: 'DiskReservationDefended', node: ctx.s.config.self, disk: disk.disk, preemptor });
  endOwnerOp(ctx, disk, role);
}

function defenceFailed(ctx: Ctx, disk: DiskState, op: RestoreOp, detail: string): void {
  lose(ctx, disk, { cause: 'DefenceFailed', preemptor: op.victim === null ? null : describeKey(ctx.s, op.victim), detail });
}

/** Event 1038: I/O on the disk stops here; this node's key (if it restored it) is withdrawn. */
export function lose(ctx: Ctx, disk: DiskState, o: { cause: ReservationLossCause; preemptor: string | null; detail: string }): void {
  emit(ctx, { type: 'DiskReservationLost', node: ctx.s.config.self, disk: disk.disk, cause: o.cause, preemptor: o.preemptor, detail: o.detail });
  report(ctx, { type: 'ReservationLost', disk: disk.disk, cause: o.cause, preemptor: o.preemptor });
  // Unreachable, its key may still hold the reservation: it is not freed before the linger ends.
  const lingerUntilMs = disk.role.role === 'Online' ? disk.role.lingerUntilMs : 0;
  withdraw(ctx, disk, { lingerUntilMs, report: false });
}
