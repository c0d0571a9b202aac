// The storage tests as data (facts §3.1, §3.3): each test is a list of stages of SCSI commands,
// each command issued by a named node on a named disk through that node's initiator (the storage
// API, storage/cluster-api.ts), with what the answer must be. The steps of one stage are issued
// together (this is how "several nodes arbitrate at once" is tested), and a stage completes when
// every step has its answer. Cleanup stages (release, unregister) run even after a failure, so a
// failed test leaves no key behind. The integration executes stages in order (probe-runner.ts);
// the verdict on each stage is computed here, the same way for the runner and for the judge.
import type { ReservationKey, ReservationType } from '@wsfc-lab/protocol';
import type { StorageResult } from '../storage/commands.js';
import type { ModelledTestName } from './catalog.js';

export type ProbeCommand =
  | { type: 'RegisterAndIgnoreExistingKey'; newKey: ReservationKey }
  | { type: 'Reserve'; key: ReservationKey; reservationType: ReservationType }
  | { type: 'Release'; key: ReservationKey; reservationType: ReservationType }
  | { type: 'Preempt'; key: ReservationKey; victimKey: ReservationKey; reservationType: ReservationType }
  | { type: 'ReadKeys' }
  | { type: 'ReadReservation' }
  /**
   * READ block `lba`, then WRITE the same bytes back, so that a write the target wrongly accepts
   * changes nothing. The executor answers with the WRITE's result when the READ was GOOD, and
   * with the READ's result otherwise.
   */
  | { type: 'RewriteBlock'; lba: number };

export type Expectation =
  /** GOOD status (Done, Keys, Reservation or Data). */
  | { type: 'Good' }
  | { type: 'ReservationConflict'; holder: string }
  /** READ RESERVATION shows this key holding this type; null: no reservation. */
  | { type: 'Holder'; key: ReservationKey | null; reservationType: ReservationType | null; holder: string | null }
  /** Cleanup: any answer will do. */
  | { type: 'Any' };

/** The disk as the report names it ("Test Disk 0") and as the initiator finds it. */
export interface TestDisk {
  label: string;
  name: string;
  serialNumber: string;
}

export interface ProbeStep {
  node: string;
  disk: TestDisk;
  command: ProbeCommand;
  expect: Expectation;
}

export interface ProbeStage {
  steps: ProbeStep[];
  /** Each: every step meets its expectation. ExactlyOneWins: one RESERVE is GOOD, the others conflict. */
  rule: 'Each' | 'ExactlyOneWins';
  cleanup: boolean;
}

export interface StorageProbe {
  test: ModelledTestName;
  disks: TestDisk[];
  stages: ProbeStage[];
}

/** Answers of one stage, aligned with its steps; null when the stage was skipped after a failure. */
export type StageResults = StorageResult[] | null;

export interface StepFailure {
  step: ProbeStep;
  result: StorageResult | undefined;
}

export type StageVerdict = { ok: true } | { ok: false; failures: StepFailure[]; winners?: string[] };

function meets(expect: Expectation, result: StorageResult): boolean {
  switch (expect.type) {
    case 'Any':
      return true;
    case 'Good':
      return result.type === 'Done' || result.type === 'Keys' || result.type === 'Reservation' || result.type === 'Data';
    case 'ReservationConflict':
      return result.type === 'ReservationConflict';
    case 'Holder':
      if (result.type !== 'Reservation') return false;
      if (expect.key === null) return result.reservation === null;
      return result.reservation?.key === expect.key && result.reservation.type === expect.reservationType;
  }
}

function exactlyOneWins(stage: ProbeStage, results: StorageResult[]): StageVerdict {
  const winners = stage.steps.filter((_, i) => results[i]?.type === 'Done');
  const others = stage.steps.map((step, i) => ({ step, result: results[i] })).filter(({ result }) => result?.type !== 'Done' && result?.type !== 'ReservationConflict');
  if (winners.length === 1 && others.length === 0) return { ok: true };
  const failures = winners.length === 1 ? others : stage.steps.map((step, i) => ({ step, result: results[i] }));
  return { ok: false, failures, winners: winners.map((s) => s.node) };
}

export function stageVerdict(stage: ProbeStage, results: StorageResult[]): StageVerdict {
  if (stage.rule === 'ExactlyOneWins') return exactlyOneWins(stage, results);
  const failures = stage.steps.map((step, i) => ({ step, result: results[i] })).filter(({ step, result }) => result === undefined || !meets(step.expect, result));
  return failures.length === 0 ? { ok: true } : { ok: false, failures };
}
