// The arbitration's clocks, in simulated ms (facts §3.2). The modern product's intervals are not
// documented ([UNCONFIRMED]); the lab keeps the documented legacy numbers (KB309186), which the
// mechanism still fits: an owner checks its reservation every 3 s, a challenger waits 7 s after
// preempting before it looks again, so a live owner gets two checks in before the challenger
// decides. The witness arbitration is bounded by QuorumArbitrationTimeMax (20 s, facts §1.5), the
// `timeoutMs` the regroup passes with each ArbitrateWitness.
//
// The lease: an owner that found its key preempted may restore it only while no challenger can
// have finished its wait, that is while now + commandTransitMsMax < (when it last saw itself hold
// the reservation) + challengerWaitMs. An owner that missed its checks (its host froze, its path
// was down) has lost the disk when it wakes, and says so (1038) instead of fighting the new owner.
// This holds when a storage command reaches the target within commandTransitMsMax of being sent.
import { assert } from '@wsfc-lab/protocol';

export interface ArbitrationTiming {
  /** How often the owner checks its reservation: 3000 ms (legacy "renews every 3 seconds"). */
  defenceIntervalMs: number;
  /** How long a challenger waits after preempting before it reads the keys again: 7000 ms (legacy). */
  challengerWaitMs: number;
  /** Lab assumption: the longest a storage command takes to reach the target, 1000 ms. */
  commandTransitMsMax: number;
}

export const arbitrationDefaults: ArbitrationTiming = {
  defenceIntervalMs: 3000,
  challengerWaitMs: 7000,
  commandTransitMsMax: 1000,
};

/** QuorumArbitrationTimeMax default (facts §1.5), for the start-up check below. */
export const quorumArbitrationTimeMaxMsDefault = 20_000;

/** Round trips a witness arbitration makes besides its wait (register, reads, preempts, tag). */
export const witnessRoundTripsMax = 6;

export function arbitrationTimingOf(partial: Partial<ArbitrationTiming> = {}): ArbitrationTiming {
  const timing = { ...arbitrationDefaults, ...partial };
  for (const [name, value] of Object.entries(timing)) assert(Number.isFinite(value) && value > 0, `arbitration timing ${name} must be a positive number of ms, got ${value}`);
  // A live owner's check, its restore (read, register, read, preempt) and the preempt reaching the
  // target all fit in the challenger's wait, so a defended disk is never taken.
  assert(
    timing.defenceIntervalMs + 3 * timing.commandTransitMsMax < timing.challengerWaitMs,
    `defenceIntervalMs ${timing.defenceIntervalMs} + 3 x commandTransitMsMax ${timing.commandTransitMsMax} must be shorter than challengerWaitMs ${timing.challengerWaitMs}`,
  );
  return timing;
}

// A witness challenge (its wait and its round trips) fits in QuorumArbitrationTimeMax.
assert(
  arbitrationDefaults.challengerWaitMs + witnessRoundTripsMax * arbitrationDefaults.commandTransitMsMax < quorumArbitrationTimeMaxMsDefault,
  'a witness challenge must fit in QuorumArbitrationTimeMax',
);
