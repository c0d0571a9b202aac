// How a disk settles between operations: owning it (Online, checked every defenceIntervalMs),
// giving it up (Releasing: wait out the linger, then unregister), and what was queued meanwhile
// (an Acquire, a regroup's witness arbitration, a check) once the disk is free to serve it.
//
// Giving a disk up is one command: unregistering the holder's key releases a Registrants Only
// reservation with it (SPC-3 §5.6; storage-target reservations.ts). A RELEASE first would leave
// the node registered, so still able to write under WERO, while another node took the free
// reservation; WRITEs sent before the unregistration reach the target before it (one session,
// in order), and none after it is accepted.
import { zeroReservationKey } from '@wsfc-lab/protocol';
import { startChallenge } from './challenge.js';
import { arm, become, report, send, type Ctx } from './context.js';
import { startCheck } from './defence.js';
import { arbitrationLimits } from './limits.js';
import { startTag } from './witness-tag.js';
import type { ArbitrationPurpose, ArbitrationState, DiskState, OnlineRole, ReleasingRole } from './types.js';

export function becomeOnline(ctx: Ctx, disk: DiskState, o: { heldFor: ArbitrationPurpose; confirmedIssueMs: number; lingerUntilMs: number }): void {
  become(disk, { role: 'Online', heldFor: o.heldFor, sinceMs: ctx.nowMs, lastConfirmedIssueMs: o.confirmedIssueMs, lingerUntilMs: o.lingerUntilMs, op: { op: 'Idle' }, checkWanted: false });
  arm(ctx, disk, 'DefenceCheck', ctx.s.timing.defenceIntervalMs);
  serveQueued(ctx, disk);
}

/**
 * Gives the disk up: unregisters this node's key. Not before `lingerUntilMs`:
 * a holder this node preempted less than challengerWaitMs ago may still restore its key, and a
 * reservation freed now would let a third node take the disk at once under it (challenge.ts).
 */
export function withdraw(ctx: Ctx, disk: DiskState, o: { lingerUntilMs: number; report: boolean }): void {
  const role: ReleasingRole = { role: 'Releasing', step: 'Linger', lingerUntilMs: o.lingerUntilMs, report: o.report };
  become(disk, role);
  if (ctx.nowMs < o.lingerUntilMs) return arm(ctx, disk, 'Linger', o.lingerUntilMs - ctx.nowMs);
  releaseStep(ctx, disk, role);
}

export function onLingerOver(ctx: Ctx, disk: DiskState, role: ReleasingRole): void {
  if (role.step === 'Linger') releaseStep(ctx, disk, role);
}

function releaseStep(ctx: Ctx, disk: DiskState, role: ReleasingRole): void {
  role.step = 'Unregister';
  send(ctx, disk, { type: 'RegisterAndIgnoreExistingKey', newKey: zeroReservationKey });
}

/** The unregistration answered: whatever it says, the disk is offline here now. */
export function onReleaseAnswer(ctx: Ctx, disk: DiskState, role: ReleasingRole): void {
  become(disk, { role: 'Offline' });
  if (role.report) report(ctx, { type: 'DiskReleased', disk: disk.disk });
  serveQueued(ctx, disk);
}

/** Answers the regroup's arbitration, once. */
export function answerWitness(ctx: Ctx, disk: DiskState, won: boolean): void {
  if (disk.witness === null) return;
  report(ctx, { type: 'WitnessArbitrated', arbitrationId: disk.witness.arbitrationId, won });
  disk.witness = null;
}

export function endOwnerOp(ctx: Ctx, disk: DiskState, role: OnlineRole): void {
  role.op = { op: 'Idle' };
  disk.awaiting = null;
  serveQueued(ctx, disk);
}

/** Starts what waited for the disk to be free: an Acquire, a check, a witness arbitration. */
export function serveQueued(ctx: Ctx, disk: DiskState): void {
  const role = disk.role;
  if (role.role === 'Online' && role.op.op === 'Idle') {
    if (disk.pendingAcquire !== null) {
      disk.pendingAcquire = null;
      role.heldFor = 'Resource';
      report(ctx, { type: 'DiskAcquired', disk: disk.disk });
    }
    if (role.checkWanted) return startCheck(ctx, disk, role);
    if (disk.witness !== null) return startTag(ctx, disk, role);
    return;
  }
  if (role.role !== 'Offline') return;
  if (disk.pendingAcquire !== null) return startChallenge(ctx, disk, { purpose: 'Resource', members: disk.pendingAcquire.members, takeFromMember: disk.pendingAcquire.takeFromMember });
  if (disk.witness !== null) startChallenge(ctx, disk, { purpose: 'Witness', members: disk.witness.members });
}

/** The disk's state, made on first use; undefined when disksMax disks are known already. */
export function diskOf(s: ArbitrationState, name: string): DiskState | undefined {
  const known = s.disks[name];
  if (known) return known;
  if (Object.keys(s.disks).length >= arbitrationLimits.disksMax) return undefined;
  const disk: DiskState = { disk: name, role: { role: 'Offline' }, awaiting: null, armed: { DefenceCheck: 0, ChallengeWait: 0, Linger: 0 }, serial: 0, witness: null, pendingAcquire: null };
  s.disks[name] = disk;
  return disk;
}
