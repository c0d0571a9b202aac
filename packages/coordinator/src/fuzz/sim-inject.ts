// The fuzzer's hook into the sim runtime: put raw bytes on the wire to an actor, as if its peer
// had sent them, and read the actor host's count of rejected frames by reason. SimRuntime has no
// public method for either yet (its frames are always encoded from typed messages), so this file
// reaches the two private members that do it, `schedule` (the scheduler's queue, which
// `deliverFrame` drains like any frame) and `slots` (each actor's host), and fails with a clear
// message if they change. The report of issue 7 gives the public methods that would replace it.
import type { FrameRejectReason } from '@wsfc-lab/protocol';
import type { SimRuntime } from '../runtime/sim/sim-runtime.js';

interface FrameItem {
  atMs: number;
  kind: 'frame';
  source: string;
  destination: string;
  bytes: Uint8Array;
}

interface SimInternals {
  schedule?: (item: FrameItem) => void;
  slots?: Map<string, { host?: { rejected: Partial<Record<FrameRejectReason, number>> } }>;
}

export class SimHookError extends Error {
  override name = 'SimHookError';
}

function internals(runtime: SimRuntime): Required<SimInternals> {
  const inner = runtime as unknown as SimInternals;
  if (typeof inner.schedule !== 'function' || !(inner.slots instanceof Map)) {
    throw new SimHookError('SimRuntime no longer has the private schedule() and slots this fuzzer uses: give it injectFrame(source, destination, bytes) and rejectedFrames(actor)');
  }
  return inner as Required<SimInternals>;
}

/** Delivers `bytes` to `destination` now, as a frame `source` sent (the fabric is not consulted). */
export function injectFrame(runtime: SimRuntime, frame: { source: string; destination: string; bytes: Uint8Array }): void {
  const inner = internals(runtime);
  inner.schedule.call(runtime, { atMs: runtime.nowMs(), kind: 'frame', ...frame });
}

/** The frames `actor`'s current incarnation rejected, by reason (empty when it is not running). */
export function rejectedFrames(runtime: SimRuntime, actor: string): Partial<Record<FrameRejectReason, number>> {
  return { ...internals(runtime).slots.get(actor)?.host?.rejected };
}
