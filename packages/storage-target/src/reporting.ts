// How the target answers and how it accounts for what it refuses. Every refusal is counted; the
// first `limits.rejectEventsPerActorMax` are also emitted as events, the rest only counted, so a
// misbehaving initiator cannot flood the history (STYLE 7, 8).
import { iscsiRejectReasons, limits } from '@wsfc-lab/protocol';
import type { IscsiRejectReason, WireMessage } from '@wsfc-lab/protocol';
import type { IscsiLoginRefusedEvent, ScsiCommandRefusedEvent } from './_types.js';
import type { StorageIo, StorageTargetState } from './state.js';

/** Where a frame came from: the answer goes back the same way. */
export interface FrameContext {
  source: string;
  network: string;
}

export function answer(io: StorageIo, context: FrameContext, message: WireMessage): void {
  io.send(context.source, context.network, message);
}

function emitBounded(state: StorageTargetState, io: StorageIo, event: ScsiCommandRefusedEvent | IscsiLoginRefusedEvent): void {
  if (state.refusalEventsEmitted >= limits.rejectEventsPerActorMax) {
    state.counters.refusalEventsSuppressed++;
    return;
  }
  state.refusalEventsEmitted++;
  io.emit(event);
}

export function reportRefusal(state: StorageTargetState, io: StorageIo, event: Omit<ScsiCommandRefusedEvent, 'type'>): void {
  state.counters.refused[event.reason]++;
  emitBounded(state, io, { type: 'ScsiCommandRefused', ...event });
}

export function reportLoginRefusal(state: StorageTargetState, io: StorageIo, event: Omit<IscsiLoginRefusedEvent, 'type'>): void {
  state.counters.loginsRefused++;
  emitBounded(state, io, { type: 'IscsiLoginRefused', ...event });
}

/** An iSCSI Reject of a PDU the target will not process. */
export function reject(io: StorageIo, context: FrameContext, o: { requestId: string; reason: IscsiRejectReason; detail: string }): void {
  answer(io, context, { type: 'IscsiReject', requestId: o.requestId, reason: o.reason, reasonCode: iscsiRejectReasons[o.reason], detail: o.detail });
}
