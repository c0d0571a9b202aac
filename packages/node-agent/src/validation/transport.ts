// How the validation subsystem reaches a node's agent: over a network as a frame, or, for this node
// itself, through the loopback queue, handled in a step of its own (an Advance timer at 0 ms). The
// runner treats its own node like any other, so a one-node run and a remote step take the same path.
import type { ValidationMessage } from '@wsfc-lab/protocol';
import { validationRunLimits } from './timing.js';
import type { Peer, ValidationHost, ValidationIo, ValidationState } from './state.js';

/** Arms the Advance timer unless it is armed already. */
export function kick(state: ValidationState, io: ValidationIo): void {
  if (state.advanceTimerId === null) state.advanceTimerId = io.setTimer(0, { subsystem: 'validation', type: 'Advance' });
}

export function sendTo(state: ValidationState, host: ValidationHost, peer: Peer, message: ValidationMessage): void {
  if (peer.route.type === 'Network') {
    host.io.send(peer.node, peer.route.network, message);
    return;
  }
  if (state.loopback.length >= validationRunLimits.loopbackQueueMax) {
    state.counters.loopbackDropped++;
    host.io.probe('validation loopback message dropped: loopbackQueueMax reached');
    return;
  }
  state.loopback.push(message);
  kick(state, host.io);
}

/** A free text cut to what a message may carry. */
export function clampText(text: string, charsMax: number): string {
  return text.length <= charsMax ? text : `${text.slice(0, charsMax - 1)}…`;
}
