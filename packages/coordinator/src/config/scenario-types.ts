// A scenario as the runner uses it (spec "A scenario"): the lab resolved, every step a variant of
// one union with its place in the file, durations in simulated ms, and `run:` lines already
// parsed by the cmdlet line parser.
import type { CommandLine } from '../cmdlets/parse.js';
import type { LabSpec } from './lab-types.js';
import type { SelectorKind } from './properties.js';

export type RuntimeKind = 'threads' | 'sim';

/** Where a step was written, for messages and the JSON report. */
export interface StepAt {
  file: string;
  line: number;
}

export type Scalar = string | number | boolean | null;

/** What a property must be: a scalar means equality. */
export type Matcher =
  | { op: 'eq'; value: Scalar }
  | { op: 'in'; values: Scalar[] }
  | { op: 'not'; value: Scalar }
  | { op: 'atLeast'; n: number }
  | { op: 'atMost'; n: number };

/** What an `expect:` looks at. Names are as written in the file (objects may not exist yet). */
export type Selector =
  | { kind: 'node'; name: string }
  | { kind: 'group'; name: string }
  | { kind: 'resource'; name: string }
  | { kind: 'network'; name: string }
  | { kind: 'vm'; name: string }
  | { kind: 'disk'; name: string }
  | { kind: 'cluster' }
  | { kind: 'event'; match: Record<string, Matcher> }
  | { kind: 'migrations'; node?: string };

// Compile-time check that every selector kind has a property list and the other way round.
type Assert<T extends true> = T;
export type SelectorKindsMatch = Assert<[Selector['kind']] extends [SelectorKind] ? ([SelectorKind] extends [Selector['kind']] ? true : false) : false>;

/** A fault to inject (spec "`fault:`"). Machines are the lab's names (`storage` and `directory`
 * are resolved to the storage target's and the directory server's names). */
export type Fault =
  | { kind: 'kill'; target: string }
  | { kind: 'restart'; target: string }
  | { kind: 'pause'; target: string; forMs: number }
  | { kind: 'partition'; groups: string[][]; network?: string }
  | { kind: 'heal' }
  | { kind: 'nicDown'; node: string; network: string }
  | { kind: 'nicUp'; node: string; network: string }
  | { kind: 'storagePathDown'; node: string }
  | { kind: 'storagePathUp'; node: string }
  | { kind: 'loss'; network: string; percent: number };

export type Step =
  | {
      kind: 'run';
      at: StepAt;
      /** The line as written. */
      text: string;
      command: CommandLine;
      /** The step passes only if the cmdlet fails with a message containing this. */
      expectError?: string;
      /** Start it and go on, as -AsJob would; its outcome is checked when it ends. */
      background: boolean;
    }
  | { kind: 'fault'; at: StepAt; fault: Fault }
  | { kind: 'wait'; at: StepAt; ms: number }
  | {
      kind: 'expect';
      at: StepAt;
      selector: Selector;
      /** Property name (canonical casing) → what it must be. */
      properties: Record<string, Matcher>;
      /** Wait up to this long for the properties to hold. */
      withinMs?: number;
      /** The properties must hold at every moment of this stretch. */
      duringMs?: number;
    };

export interface ScenarioSpec {
  name: string;
  description?: string;
  /** The scenario file. */
  file: string;
  /** `default`, the lab file's path, or `inline`. */
  labSource: string;
  lab: LabSpec;
  /** Default threads. */
  runtime: RuntimeKind;
  /** Default 1. */
  seed: number;
  /** threads: wall ms per simulated ms. Default 0.01. */
  timeScale: number;
  steps: Step[];
}
