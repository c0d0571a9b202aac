// The witness tag through the initiator: READ the tag block, apply the grant rule (grant-rule.ts),
// WRITE the new tag. A challenger does it once it holds the witness (challenge.ts); an owner does
// it here when the regroup asks while it already holds the witness. A tag the owner's set may not
// have leaves its reservation alone unless it took the witness only for arbitration: then it gives
// the witness up, so the set that may have it does not have to wait for this node to stop.
import type { StorageResult } from '../storage/mod.js';
import { emit, namesOf, send, type Ctx } from './context.js';
import { grantVerdict, type GrantVerdict } from './grant-rule.js';
import { answerWitness, endOwnerOp, withdraw } from './lifecycle.js';
import { decodeArbitrationTag, encodeArbitrationTag } from './tag-block.js';
import type { DiskState, OnlineRole, WitnessRequest } from './types.js';

/** What the block read at the tag LBA allows. */
export function tagDecision(result: StorageResult, witness: WitnessRequest): GrantVerdict {
  if (result.type !== 'Data') return { granted: false, why: `the tag block could not be read: ${result.type === 'Failed' ? result.detail : result.type}` };
  const decoded = decodeArbitrationTag(result.data);
  if (!decoded.ok) return { granted: false, why: `the tag block is unreadable: ${decoded.why}` };
  return grantVerdict(decoded.tag, witness);
}

export function tagBlockOf(witness: WitnessRequest): Uint8Array {
  return encodeArbitrationTag({ viewNumber: witness.viewNumber, coordinator: witness.coordinator, previousViewNumber: witness.previousViewNumber });
}

export function startTag(ctx: Ctx, disk: DiskState, role: OnlineRole): void {
  const witness = disk.witness;
  if (witness === null) return;
  emit(ctx, { type: 'DiskArbitrationStarted', node: ctx.s.config.self, disk: disk.disk, purpose: 'Witness', members: namesOf(ctx.s, witness.members) });
  role.op = { op: 'Tag', step: 'ReadTag' };
  send(ctx, disk, { type: 'Read', lba: witness.tagLba, blockCount: 1 });
}

export function onOwnerTagAnswer(ctx: Ctx, disk: DiskState, role: OnlineRole, result: StorageResult): void {
  const op = role.op;
  const witness = disk.witness;
  if (op.op !== 'Tag') return;
  if (witness === null) return endOwnerOp(ctx, disk, role);
  if (op.step === 'ReadTag') {
    const decision = tagDecision(result, witness);
    if (decision.granted) {
      role.op = { op: 'Tag', step: 'WriteTag' };
      return send(ctx, disk, { type: 'Write', lba: witness.tagLba, data: tagBlockOf(witness) });
    }
    ended(ctx, disk, witness, { won: false, reason: decision.why });
    if (role.heldFor === 'Witness') return withdraw(ctx, disk, { lingerUntilMs: role.lingerUntilMs, report: false });
    return endOwnerOp(ctx, disk, role);
  }
  const written = result.type === 'Done';
  ended(ctx, disk, witness, { won: written, reason: written ? `held by this node; tag written (view ${witness.viewNumber}, leader ${witness.coordinator})` : `the tag WRITE failed: ${result.type}` });
  // A refused write means this node's key is gone: find out at once.
  if (result.type === 'ReservationConflict') role.checkWanted = true;
  endOwnerOp(ctx, disk, role);
}

function ended(ctx: Ctx, disk: DiskState, witness: WitnessRequest, o: { won: boolean; reason: string }): void {
  const durationMs = Math.round(ctx.nowMs - witness.receivedAtMs);
  emit(ctx, { type: 'DiskArbitrationEnded', node: ctx.s.config.self, disk: disk.disk, purpose: 'Witness', outcome: o.won ? 'Won' : 'Lost', reason: o.reason, durationMs });
  answerWitness(ctx, disk, o.won);
}
