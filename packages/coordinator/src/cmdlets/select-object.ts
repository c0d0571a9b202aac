// `Select-Object` run in the lab's console on a pipeline's objects: -Property (names and
// wildcards, each output object gets exactly those properties, $null where the input had none),
// -ExcludeProperty, -ExpandProperty, -First, -Last, -Skip and -Unique. Calculated properties
// (@{ Name = …; Expression = … }) need a script engine and are refused with a message saying so.
import type { CmdletError } from '@wsfc-lab/protocol';
import type { ArgValue } from './parse.js';
import { isOutputObject, pipelineItems, propertyValue, selectKeys, wildcardMatches } from './properties.js';

export type LocalResult = { ok: true; items: unknown[] } | { ok: false; error: CmdletError };

const refused = (errorId: string, message: string): LocalResult => ({ ok: false, error: { category: 'InvalidArgument', errorId, message } });

/** A parameter value as a list of names, or an error naming the parameter and the value. */
export function namesOf(value: ArgValue | undefined, cmdlet: string, parameter: string): { ok: true; names: string[] | undefined } | { ok: false; error: CmdletError } {
  if (value === undefined) return { ok: true, names: undefined };
  const list = Array.isArray(value) ? value : [value];
  const names: string[] = [];
  for (const item of list) {
    if (typeof item !== 'string') {
      return {
        ok: false,
        error: { category: 'InvalidArgument', errorId: `LabCalculatedProperty,${cmdlet}`, message: `${cmdlet} -${parameter} takes property names in the lab, not ${JSON.stringify(item)}: calculated properties are not available.` },
      };
    }
    names.push(item);
  }
  return { ok: true, names };
}

function countOf(value: ArgValue | undefined, parameter: string): number | undefined | Error {
  if (value === undefined) return undefined;
  if (typeof value === 'number' && Number.isInteger(value) && value >= 0) return value;
  return new Error(`Cannot validate argument on parameter '${parameter}'. The argument ${JSON.stringify(value)} is not a whole number of 0 or more.`);
}

function project(item: unknown, keys: string[] | undefined, exclude: string[]): unknown {
  if (keys === undefined && exclude.length === 0) return item;
  const source = isOutputObject(item) ? item : {};
  const chosen = (keys === undefined ? Object.keys(source) : selectKeys(source, keys, 'keep')).filter((k) => !exclude.some((e) => wildcardMatches(e, k)));
  return Object.fromEntries(chosen.map((key) => [key, propertyValue(source, key) ?? null]));
}

function expand(items: unknown[], property: string): LocalResult {
  const out: unknown[] = [];
  for (const item of items) {
    const value = propertyValue(item, property);
    if (value === undefined) {
      return { ok: false, error: { category: 'InvalidArgument', errorId: 'ExpandPropertyNotFound,Microsoft.PowerShell.Commands.SelectObjectCommand', message: `Property "${property}" cannot be found.` } };
    }
    out.push(...pipelineItems(value));
  }
  return { ok: true, items: out };
}

function firstLastSkip(items: unknown[], parameters: Record<string, ArgValue>): LocalResult {
  const counts = { First: countOf(parameters.First, 'First'), Last: countOf(parameters.Last, 'Last'), Skip: countOf(parameters.Skip, 'Skip') };
  for (const count of Object.values(counts)) if (count instanceof Error) return refused('ParameterArgumentValidationError', count.message);
  const [first, last, skip] = [counts.First, counts.Last, counts.Skip] as (number | undefined)[];
  let out = items.slice(skip ?? 0);
  if (first !== undefined) out = out.slice(0, first);
  if (last !== undefined) out = last === 0 ? [] : out.slice(-last);
  return { ok: true, items: out };
}

export function selectObject(input: unknown[], parameters: Record<string, ArgValue>, switches: Record<string, boolean>): LocalResult {
  const property = namesOf(parameters.Property, 'Select-Object', 'Property');
  if (!property.ok) return { ok: false, error: property.error };
  const exclude = namesOf(parameters.ExcludeProperty, 'Select-Object', 'ExcludeProperty');
  if (!exclude.ok) return { ok: false, error: exclude.error };
  const expandName = parameters.ExpandProperty;
  if (expandName !== undefined && typeof expandName !== 'string') return refused('LabExpandOne', `Select-Object -ExpandProperty takes one property name, got ${JSON.stringify(expandName)}.`);
  if (expandName !== undefined && property.names !== undefined) {
    return refused('LabExpandWithProperty', 'Select-Object -ExpandProperty with -Property is not available in the lab: use one or the other.');
  }
  const projected = expandName !== undefined ? expand(input, expandName) : { ok: true as const, items: input.map((item) => project(item, property.names, exclude.names ?? [])) };
  if (!projected.ok) return projected;
  let items = projected.items;
  if (switches.Unique === true) items = items.filter((item, i) => items.findIndex((other) => JSON.stringify(other) === JSON.stringify(item)) === i);
  return firstLastSkip(items, parameters);
}
