// `Where-Object` run in the lab's console on a pipeline's objects, in its two everyday spellings:
// the comparison statement `Where-Object State -eq Online` (or `Where-Object IsCoreGroup`), and a
// script block holding one comparison, `{ $_.State -eq 'Online' }` ($PSItem too). The operators
// are PowerShell's: -eq -ne -gt -ge -lt -le -like -notlike -match -notmatch -in -notin -contains
// -notcontains, case-insensitive unless spelled with c (-ceq). Anything richer (-and, method
// calls, nested blocks) needs a script engine and is refused with a message saying so.
import type { CmdletError } from '@wsfc-lab/protocol';
import type { ArgValue } from './parse.js';
import { propertyValue, wildcardMatches } from './properties.js';
import type { LocalResult } from './select-object.js';

const operators = ['eq', 'ne', 'gt', 'ge', 'lt', 'le', 'like', 'notlike', 'match', 'notmatch', 'in', 'notin', 'contains', 'notcontains'] as const;
type Operator = (typeof operators)[number];

interface Filter {
  property: string;
  /** Absent: the property's own truth, as `Where-Object IsCoreGroup`. */
  comparison?: { operator: Operator; caseSensitive: boolean; value: unknown };
}

const unsupported = (what: string): CmdletError => ({
  category: 'NotImplemented',
  errorId: 'LabWhereObjectUnsupported,Microsoft.PowerShell.Commands.WhereObjectCommand',
  message: `Where-Object in the lab takes one comparison, as Where-Object State -eq Online or Where-Object { $_.State -eq 'Online' }; ${what}.`,
});

/** PowerShell's truth: $null, 0, '' and empty arrays are false. */
const truthy = (value: unknown): boolean => (Array.isArray(value) ? value.length > 0 : Boolean(value));

/** The right operand converted to the left one's type, as PowerShell converts for comparison. */
function converted(left: unknown, right: unknown): unknown {
  if (typeof left === 'number' && typeof right === 'string' && right.trim() !== '' && Number.isFinite(Number(right))) return Number(right);
  if (typeof left === 'string' && typeof right === 'number') return String(right);
  if (typeof left === 'boolean' && typeof right === 'string') return right.toLowerCase() === 'true' ? true : right.toLowerCase() === 'false' ? false : right;
  return right;
}

function equal(left: unknown, right: unknown, caseSensitive: boolean): boolean {
  const r = converted(left, right);
  if (typeof left === 'string' && typeof r === 'string') return caseSensitive ? left === r : left.toLowerCase() === r.toLowerCase();
  return left === r;
}

function order(left: unknown, right: unknown, caseSensitive: boolean): number | undefined {
  const r = converted(left, right);
  if (typeof left === 'number' && typeof r === 'number') return left - r;
  if (typeof left === 'string' && typeof r === 'string') return (caseSensitive ? left : left.toLowerCase()).localeCompare(caseSensitive ? r : r.toLowerCase());
  return undefined;
}

function compare(left: unknown, c: NonNullable<Filter['comparison']>): boolean {
  const { operator, caseSensitive, value } = c;
  const list = Array.isArray(value) ? value : [value];
  const text = (v: unknown) => (v === null || v === undefined ? '' : String(v));
  const fold = (s: string) => (caseSensitive ? s : s.toLowerCase());
  switch (operator) {
    case 'eq': return equal(left, value, caseSensitive);
    case 'ne': return !equal(left, value, caseSensitive);
    case 'gt': return (order(left, value, caseSensitive) ?? 0) > 0;
    case 'ge': return (order(left, value, caseSensitive) ?? -1) >= 0;
    case 'lt': return (order(left, value, caseSensitive) ?? 0) < 0;
    case 'le': return (order(left, value, caseSensitive) ?? 1) <= 0;
    case 'like': return caseSensitive ? new RegExp(`^${text(value).replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`, 's').test(text(left)) : wildcardMatches(text(value), text(left));
    case 'notlike': return !compare(left, { ...c, operator: 'like' });
    case 'match': return new RegExp(text(value), caseSensitive ? '' : 'i').test(text(left));
    case 'notmatch': return !compare(left, { ...c, operator: 'match' });
    case 'in': return list.some((v) => equal(left, v, caseSensitive));
    case 'notin': return !list.some((v) => equal(left, v, caseSensitive));
    case 'contains': return (Array.isArray(left) ? left : [left]).some((item) => equal(item, value, caseSensitive) || fold(text(item)) === fold(text(value)));
    case 'notcontains': return !compare(left, { ...c, operator: 'contains' });
  }
}

/** A literal in a script block: '…', "…", a number, $true, $false or $null. */
function literal(text: string): { ok: true; value: unknown } | { ok: false } {
  const t = text.trim();
  const quoted = /^'((?:[^']|'')*)'$/.exec(t) ?? /^"([^"`$]*)"$/.exec(t);
  if (quoted) return { ok: true, value: (quoted[1] ?? '').replace(/''/g, "'") };
  if (/^-?\d+(\.\d+)?$/.test(t)) return { ok: true, value: Number(t) };
  const constants: Record<string, unknown> = { $true: true, $false: false, $null: null };
  return t.toLowerCase() in constants ? { ok: true, value: constants[t.toLowerCase()] } : { ok: false };
}

function operatorOf(word: string): { operator: Operator; caseSensitive: boolean } | undefined {
  const lower = word.toLowerCase();
  const caseSensitive = lower.startsWith('c') && (operators as readonly string[]).includes(lower.slice(1));
  const bare = caseSensitive || (lower.startsWith('i') && (operators as readonly string[]).includes(lower.slice(1))) ? lower.slice(1) : lower;
  return (operators as readonly string[]).includes(bare) ? { operator: bare as Operator, caseSensitive } : undefined;
}

/** `$_.State -eq 'Online'`, `$PSItem.Name -like 'Cluster*'`, or `$_.IsCoreGroup`. */
export function parseFilterScript(text: string): { ok: true; filter: Filter } | { ok: false; error: CmdletError } {
  const match = /^\s*\$(?:_|PSItem)\.([A-Za-z_][A-Za-z0-9_]*)\s*(?:-([A-Za-z]+)\s+(.+?))?\s*$/s.exec(text);
  if (!match) return { ok: false, error: unsupported(`{ ${text} } is not one comparison of $_.Property with a value`) };
  const [, property = '', word, right] = match;
  if (word === undefined || right === undefined) return { ok: true, filter: { property } };
  const op = operatorOf(word);
  if (op === undefined) return { ok: false, error: unsupported(`-${word} is not one of its operators`) };
  const value = literal(right);
  if (!value.ok) return { ok: false, error: unsupported(`${right.trim()} is not a literal ('text', a number, $true, $false or $null)`) };
  return { ok: true, filter: { property, comparison: { ...op, value: value.value } } };
}

function filterOf(parameters: Record<string, ArgValue>, switches: Record<string, boolean>): { ok: true; filter: Filter } | { ok: false; error: CmdletError } {
  // A script block in the first position binds to -FilterScript (the ScriptBlockSet's position 0).
  const first = parameters.Property;
  const script = parameters.FilterScript ?? (typeof first === 'object' && first !== null && !Array.isArray(first) && first.kind === 'scriptBlock' ? first : undefined);
  if (script !== undefined) {
    if (typeof script !== 'object' || script === null || Array.isArray(script) || script.kind !== 'scriptBlock') return { ok: false, error: unsupported('-FilterScript takes a { script block }') };
    return parseFilterScript(script.text);
  }
  const property = parameters.Property;
  if (typeof property !== 'string') return { ok: false, error: unsupported('give a property name or a { script block }') };
  const other = ['Is', 'IsNot', 'Not'].find((name) => switches[name] === true);
  if (other !== undefined) return { ok: false, error: unsupported(`-${other} is not available`) };
  const given = Object.keys(switches).filter((name) => switches[name] === true && operatorOf(name) !== undefined);
  if (given.length > 1) return { ok: false, error: { category: 'InvalidArgument', errorId: 'AmbiguousParameterSet,Microsoft.PowerShell.Commands.WhereObjectCommand', message: 'Parameter set cannot be resolved using the specified named parameters.' } };
  const op = given[0] === undefined ? undefined : operatorOf(given[0]);
  if (op === undefined) return { ok: true, filter: { property } };
  return { ok: true, filter: { property, comparison: { ...op, value: parameters.Value ?? null } } };
}

export function whereObject(input: unknown[], parameters: Record<string, ArgValue>, switches: Record<string, boolean>): LocalResult {
  const parsed = filterOf(parameters, switches);
  if (!parsed.ok) return parsed;
  const { property, comparison } = parsed.filter;
  return { ok: true, items: input.filter((item) => (comparison === undefined ? truthy(propertyValue(item, property)) : compare(propertyValue(item, property) ?? null, comparison))) };
}
