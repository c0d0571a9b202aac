// The steps of a scenario: each is picked by its one kind key (run, fault, wait, expect), checked
// by that kind's schema, and turned into a Step with its place in the file. `run:` lines go
// through the cmdlet line parser now, so an unknown cmdlet or a syntax error is a file error
// (exit 2), not a failed step (exit 1).
import { parseDurationMs } from '@wsfc-lab/protocol';
import { parseCommandLine } from '../cmdlets/parse.js';
import { describeValue, unknownNameHint, type ConfigIssue } from './issues.js';
import type { LabSpec } from './lab-types.js';
import { expectFromFile } from './scenario-expect.js';
import { faultFromFile } from './scenario-fault.js';
import { stepKeys, stepVariants, type StepKey } from './scenario-schema.js';
import type { Step, StepAt } from './scenario-types.js';
import { validate } from './zod-issues.js';
import type { KeyPath, YamlSource } from './yaml-source.js';

interface Context {
  source: YamlSource;
  lab: LabSpec | undefined;
  issues: ConfigIssue[];
}

/** Keys only a run: step may carry. */
const runOnlyKeys = ['expectError', 'background'] as const;

function stepKeyOf(data: unknown, path: KeyPath, context: Context): StepKey | undefined {
  const { source, issues } = context;
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    issues.push(source.issue(path, `a step is a map with one of ${stepKeys.join(', ')}, got ${describeValue(data)}`));
    return undefined;
  }
  const keys = Object.keys(data);
  const kinds = keys.filter((key): key is StepKey => (stepKeys as string[]).includes(key));
  if (kinds.length === 1) return kinds[0];
  if (kinds.length > 1) {
    issues.push(source.issue([...path, kinds[1] ?? ''], `a step has one kind, got ${kinds.join(' and ')}`, { atKey: true }));
    return undefined;
  }
  const unknown = keys.find((key) => !(runOnlyKeys as readonly string[]).includes(key));
  if (unknown === undefined) issues.push(source.issue(path, `a step needs one of ${stepKeys.join(', ')}`));
  else issues.push(source.issue([...path, unknown], `unknown step kind "${unknown}"${unknownNameHint(unknown, stepKeys)}`, { atKey: true }));
  return undefined;
}

/** Reports run-only keys on other steps, and returns the step without them for its schema. */
function withoutRunOnlyKeys(data: Record<string, unknown>, kind: StepKey, path: KeyPath, context: Context): Record<string, unknown> {
  if (kind === 'run') return data;
  const rest = { ...data };
  for (const key of runOnlyKeys) {
    if (!(key in rest)) continue;
    context.issues.push(context.source.issue([...path, key], `${key} is only allowed on run: steps, not on a ${kind}: step`, { atKey: true }));
    delete rest[key];
  }
  return rest;
}

function runStep(value: { run: string; expectError?: string | undefined; background: boolean }, path: KeyPath, at: StepAt, context: Context): Step | undefined {
  const parsed = parseCommandLine(value.run);
  if (!parsed.ok) {
    context.issues.push(context.source.issue([...path, 'run'], `${parsed.error.message} (at column ${parsed.column})`));
    return undefined;
  }
  const step: Step = { kind: 'run', at, text: value.run, command: parsed.value, background: value.background };
  if (value.expectError !== undefined) step.expectError = value.expectError;
  return step;
}

function stepFromFile(data: unknown, index: number, context: Context): Step | undefined {
  const path: KeyPath = ['steps', index];
  const kind = stepKeyOf(data, path, context);
  if (kind === undefined) return undefined;
  const at: StepAt = { file: context.source.file, line: context.source.lineOf(path) };
  const checked = withoutRunOnlyKeys(data as Record<string, unknown>, kind, path, context);
  switch (kind) {
    case 'run': {
      const parsed = validate(stepVariants.run, checked, context.source, path);
      if (parsed.ok) return runStep(parsed.value, path, at, context);
      context.issues.push(...parsed.errors);
      // The line itself is still worth checking, so every problem of the step shows at once.
      if (typeof checked.run === 'string') runStep({ run: checked.run, background: false }, path, at, context);
      return undefined;
    }
    case 'wait': {
      const parsed = validate(stepVariants.wait, checked, context.source, path);
      if (!parsed.ok) {
        context.issues.push(...parsed.errors);
        return undefined;
      }
      return { kind: 'wait', at, ms: parseDurationMs(parsed.value.wait) ?? 0 };
    }
    case 'fault': {
      const extra = Object.keys(checked).filter((key) => key !== 'fault');
      for (const key of extra) context.issues.push(context.source.issue([...path, key], `unknown key "${key}" on a fault: step`, { atKey: true }));
      const fault = faultFromFile(checked.fault, [...path, 'fault'], context);
      return fault === undefined || extra.length > 0 ? undefined : { kind: 'fault', at, fault };
    }
    case 'expect': {
      const extra = Object.keys(checked).filter((key) => key !== 'expect');
      for (const key of extra) context.issues.push(context.source.issue([...path, key], `unknown key "${key}" on an expect: step${key === 'within' || key === 'during' ? ` (${key} goes inside the expect: map)` : ''}`, { atKey: true }));
      const step = expectFromFile(checked.expect, path, at, context);
      return step === undefined || extra.length > 0 ? undefined : step;
    }
  }
}

/** Every step of the file, or undefined for each invalid one (its issues go to `issues`). */
export function stepsFromFile(steps: readonly unknown[], context: Context): (Step | undefined)[] {
  return steps.map((data, index) => stepFromFile(data, index, context));
}
