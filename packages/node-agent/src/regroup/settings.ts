// The cluster common properties that time a regroup, with the real names, units, ranges and
// defaults (facts §1.5; MSCS:clusters-clussvcregroup*, MSCS:cluster-quorumarbitrationtimemax).
// The properties are in seconds (the tick in ms), as Get-Cluster shows them; inside the code the
// `…Ms` names are used (STYLE 5). One timing of the lab's own is added: how often a node that is
// not in a view tries again to join or form (the real service's retry loop is not documented).
import { checkIntegerSetting } from '../settings.js';
import { assert } from '@wsfc-lab/protocol';

export interface RegroupSettings {
  /** ClusSvcRegroupOpeningTimeout: seconds the leader waits for nodes in the opening stage before deciding they failed. 1–20, default 5. */
  ClusSvcRegroupOpeningTimeout: number;
  /** ClusSvcRegroupPruningTimeout: seconds the leader waits to reach full connectivity between the nodes before pruning. 1–30, default 5. */
  ClusSvcRegroupPruningTimeout: number;
  /** ClusSvcRegroupStageTimeout: seconds a node waits on the others in a membership stage before deciding they failed. 2–30, default 5. */
  ClusSvcRegroupStageTimeout: number;
  /** ClusSvcRegroupTickInMilliseconds: ms between the periodic membership messages. 50–1000, default 300. */
  ClusSvcRegroupTickInMilliseconds: number;
  /** QuorumArbitrationTimeMax: seconds a node may spend arbitrating the witness. 1–3600, default 20 (60 on 2008). */
  QuorumArbitrationTimeMax: number;
}

export const regroupDefaults: RegroupSettings = {
  ClusSvcRegroupOpeningTimeout: 5,
  ClusSvcRegroupPruningTimeout: 5,
  ClusSvcRegroupStageTimeout: 5,
  ClusSvcRegroupTickInMilliseconds: 300,
  QuorumArbitrationTimeMax: 20,
};

export const regroupRanges: Record<keyof RegroupSettings, readonly [number, number]> = {
  ClusSvcRegroupOpeningTimeout: [1, 20],
  ClusSvcRegroupPruningTimeout: [1, 30],
  ClusSvcRegroupStageTimeout: [2, 30],
  ClusSvcRegroupTickInMilliseconds: [50, 1000],
  QuorumArbitrationTimeMax: [1, 3600],
};

/**
 * How often a node whose cluster service runs outside any view (starting, or stopped by 1177 or
 * 1006 and restarted) tries again to join or form, in ms. Lab choice, 5000: one regroup stage.
 */
export const joinRetryIntervalMsDefault = 5000;

/** The settings in ms, as the state machine uses them. */
export interface RegroupTiming {
  openingTimeoutMs: number;
  pruningTimeoutMs: number;
  stageTimeoutMs: number;
  tickMs: number;
  arbitrationTimeMaxMs: number;
  joinRetryIntervalMs: number;
  /** The longest a round can take: every stage and the arbitration at their limits, plus a tick. */
  roundDurationMaxMs: number;
}

/** The setting's error, or undefined when `value` is in its range. */
export function checkRegroupSetting(name: keyof RegroupSettings, value: number): string | undefined {
  return checkIntegerSetting(name, value, regroupRanges[name]);
}

export function regroupTimingOf(settings: RegroupSettings, joinRetryIntervalMs = joinRetryIntervalMsDefault): RegroupTiming {
  for (const name of Object.keys(regroupRanges) as (keyof RegroupSettings)[]) {
    const error = checkRegroupSetting(name, settings[name]);
    assert(error === undefined, error ?? '');
  }
  assert(Number.isInteger(joinRetryIntervalMs) && joinRetryIntervalMs > 0, `joinRetryIntervalMs must be a positive integer, got ${joinRetryIntervalMs}`);
  const openingTimeoutMs = settings.ClusSvcRegroupOpeningTimeout * 1000;
  const pruningTimeoutMs = settings.ClusSvcRegroupPruningTimeout * 1000;
  const stageTimeoutMs = settings.ClusSvcRegroupStageTimeout * 1000;
  const tickMs = settings.ClusSvcRegroupTickInMilliseconds;
  const arbitrationTimeMaxMs = settings.QuorumArbitrationTimeMax * 1000;
  // A stage gives every node at least a few ticks to answer a message sent again each tick.
  assert(openingTimeoutMs >= 2 * tickMs && stageTimeoutMs >= 2 * tickMs, `regroup stages (${openingTimeoutMs} ms, ${stageTimeoutMs} ms) must last at least two ticks of ${tickMs} ms`);
  const roundDurationMaxMs = openingTimeoutMs + pruningTimeoutMs + arbitrationTimeMaxMs + 2 * stageTimeoutMs + tickMs;
  return { openingTimeoutMs, pruningTimeoutMs, stageTimeoutMs, tickMs, arbitrationTimeMaxMs, joinRetryIntervalMs, roundDurationMaxMs };
}
