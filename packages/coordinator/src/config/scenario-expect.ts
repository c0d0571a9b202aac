// An `expect:` step: exactly one selector, then properties by their real names (matched without
// case, kept in canonical casing), each a scalar or a comparison map, and at most one of
// `within:` and `during:` (spec "`expect:`"). Values that name a machine are looked up in the lab.
import { parseDurationMs } from '@wsfc-lab/protocol';
import type { z } from 'zod';
import { unknownNameHint, type ConfigIssue } from './issues.js';
import { findMachine, findNode } from './lab-names.js';
import type { LabSpec } from './lab-types.js';
import { canonicalName, machineValuedProperties, selectorProperties, type SelectorKind } from './properties.js';
import { expectOptionKeys, expectSchema, matcherSchema, selectorKeys } from './scenario-schema.js';
import type { Matcher, Scalar, Selector, Step } from './scenario-types.js';
import { validate } from './zod-issues.js';
import type { KeyPath, YamlSource } from './yaml-source.js';

type ExpectStep = Extract<Step, { kind: 'expect' }>;
type ParsedMatcher = z.output<typeof matcherSchema>;

interface Context {
  source: YamlSource;
  lab: LabSpec | undefined;
  issues: ConfigIssue[];
}

function toMatcher(value: ParsedMatcher): Matcher {
  if (value === null || typeof value !== 'object') return { op: 'eq', value };
  if ('in' in value) return { op: 'in', values: value.in };
  if ('not' in value) return { op: 'not', value: value.not };
  if ('atLeast' in value) return { op: 'atLeast', n: value.atLeast };
  return { op: 'atMost', n: value.atMost };
}

/** Replaces machine names in a matcher by the lab's spelling; reports unknown ones. */
function checkMachineValues(matcher: Matcher, path: KeyPath, context: Context): Matcher {
  const lab = context.lab;
  if (lab === undefined) return matcher;
  const resolve = (value: Scalar, at: KeyPath): Scalar => {
    if (typeof value !== 'string') return value;
    const found = findMachine(lab, value);
    if (found.ok) return found.name;
    context.issues.push(context.source.issue(at, found.message));
    return value;
  };
  switch (matcher.op) {
    case 'eq':
      return { op: 'eq', value: resolve(matcher.value, path) };
    case 'not':
      return { op: 'not', value: resolve(matcher.value, [...path, 'not']) };
    case 'in':
      return { op: 'in', values: matcher.values.map((v, i) => resolve(v, [...path, 'in', i])) };
    case 'atLeast':
    case 'atMost':
      return matcher;
  }
}

/** The properties of `data` (keys other than `skip`), checked against `kind`'s property names. */
function propertiesOf(data: Record<string, unknown>, parsed: Record<string, unknown>, kind: SelectorKind, path: KeyPath, context: Context, skip: readonly string[]): Record<string, Matcher> {
  const names: readonly string[] = selectorProperties[kind];
  const properties: Record<string, Matcher> = {};
  for (const key of Object.keys(data)) {
    if (skip.includes(key)) continue;
    const name = canonicalName(key, names);
    if (name === undefined) {
      const hint = unknownNameHint(key, /^[a-z]/.test(key) ? [...names, ...skip] : names) || ` (not a property of ${kind} objects)`;
      context.issues.push(context.source.issue([...path, key], `unknown property "${key}" for ${kind}${hint}`, { atKey: true }));
      continue;
    }
    const matcher = toMatcher(parsed[key] as ParsedMatcher);
    properties[name] = machineValuedProperties.includes(name) ? checkMachineValues(matcher, [...path, key], context) : matcher;
  }
  return properties;
}

function selectorOf(kind: SelectorKind, data: Record<string, unknown>, parsed: Record<string, unknown>, path: KeyPath, context: Context): Selector {
  const at: KeyPath = [...path, kind];
  const named = (typed: string, find: typeof findNode): string => {
    if (context.lab === undefined) return typed;
    const found = find(context.lab, typed);
    if (found.ok) return found.name;
    context.issues.push(context.source.issue(at, found.message));
    return typed;
  };
  switch (kind) {
    case 'node':
      return { kind, name: named(parsed.node as string, findNode) };
    case 'group':
    case 'resource':
    case 'network':
    case 'vm':
    case 'disk':
      return { kind, name: parsed[kind] as string };
    case 'cluster':
      return { kind };
    case 'event': {
      const eventData = (data.event ?? {}) as Record<string, unknown>;
      return { kind, match: propertiesOf(eventData, (parsed.event ?? {}) as Record<string, unknown>, 'event', at, context, []) };
    }
    case 'migrations': {
      const node = (parsed.migrations as { node?: string } | null | undefined)?.node;
      if (node === undefined) return { kind };
      const found = context.lab === undefined ? { ok: true as const, name: node } : findNode(context.lab, node);
      if (!found.ok) context.issues.push(context.source.issue([...at, 'node'], found.message));
      return { kind, node: found.ok ? found.name : node };
    }
  }
}

function selectorKindOf(data: Record<string, unknown>, path: KeyPath, context: Context): SelectorKind | undefined {
  const present = selectorKeys.filter((key) => key in data);
  if (present.length === 1) return present[0];
  if (present.length === 0) {
    context.issues.push(context.source.issue(path, `an expect needs one selector: ${selectorKeys.join(', ')}`));
  } else {
    context.issues.push(context.source.issue([...path, present[1] ?? ''], `an expect has one selector, got ${present.join(' and ')}`, { atKey: true }));
  }
  return undefined;
}

/** The expect step at `path` (the step map), or undefined when invalid (issues are added). */
export function expectFromFile(data: unknown, stepPath: KeyPath, at: ExpectStep['at'], context: Context): ExpectStep | undefined {
  const path: KeyPath = [...stepPath, 'expect'];
  const parsed = validate(expectSchema, data, context.source, path);
  if (!parsed.ok) {
    context.issues.push(...parsed.errors);
    return undefined;
  }
  const raw = data as Record<string, unknown>;
  const value = parsed.value as Record<string, unknown>;
  const before = context.issues.length;
  const kind = selectorKindOf(raw, path, context);
  if ('within' in raw && 'during' in raw) {
    context.issues.push(context.source.issue([...path, 'during'], 'within and during cannot both be given: within waits for the properties to hold, during requires them to hold throughout', { atKey: true }));
  }
  if (kind === undefined) return undefined;
  const selector = selectorOf(kind, raw, value, path, context);
  const properties = propertiesOf(raw, value, kind, path, context, [...selectorKeys, ...expectOptionKeys]);
  if (context.issues.length > before) return undefined;
  const step: ExpectStep = { kind: 'expect', at, selector, properties };
  if (typeof value.within === 'string') step.withinMs = parseDurationMs(value.within) ?? 0;
  if (typeof value.during === 'string') step.duringMs = parseDurationMs(value.during) ?? 0;
  return step;
}
