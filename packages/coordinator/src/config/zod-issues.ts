// zod's issues turned into ConfigIssues: one per problem, each naming the bad value, and one per
// unknown key (with a "did you mean" when it looks like a typo). The wording is ours, set through
// a per-parse error map; messages a schema sets itself (durations, for instance) take precedence.
import type { z } from 'zod';
import { describeValue, unknownNameHint, type ConfigIssue } from './issues.js';
import type { KeyPath, YamlSource } from './yaml-source.js';

const keySeparator = '\u0000';

type RawIssue = z.core.$ZodRawIssue;

function expectedText(expected: string): string {
  switch (expected) {
    case 'object':
      return 'a map';
    case 'array':
      return 'a list';
    case 'int':
      return 'an integer';
    default:
      return `a ${expected}`;
  }
}

function sizeText(issue: { origin?: string; minimum?: unknown; maximum?: unknown; inclusive?: boolean }, small: boolean): string {
  const bound = String(small ? issue.minimum : issue.maximum);
  if (issue.origin === 'array') return small ? `must have at least ${bound} item(s)` : `must have at most ${bound} item(s)`;
  if (issue.origin === 'string') return small ? `must be at least ${bound} character(s) long` : `must be at most ${bound} character(s) long`;
  const relation = small ? (issue.inclusive === false ? 'greater than' : 'at least') : issue.inclusive === false ? 'less than' : 'at most';
  return `must be ${relation} ${bound}`;
}

function knownKeys(issue: RawIssue): string[] {
  const def = (issue.inst as { _zod?: { def?: { shape?: Record<string, unknown> } } } | undefined)?._zod?.def;
  return def?.shape === undefined ? [] : Object.keys(def.shape);
}

/** The per-parse error map: our wording for every zod issue. */
export function issueMessage(issue: RawIssue): string {
  const got = `got ${describeValue(issue.input)}`;
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) return 'is required';
      return `expected ${expectedText(issue.expected)}, ${got}`;
    case 'invalid_value':
      return `must be one of ${issue.values.map((v) => String(v)).join(', ')}, ${got}`;
    case 'too_small':
      return `${sizeText(issue, true)}, ${got}`;
    case 'too_big':
      return `${sizeText(issue, false)}, ${got}`;
    case 'invalid_format':
      return `is not a valid ${issue.format === 'cidrv4' ? 'IPv4 subnet (e.g. 10.0.1.0/24)' : issue.format === 'ipv4' ? 'IPv4 address' : issue.format}, ${got}`;
    case 'not_multiple_of':
      return `must be a multiple of ${String(issue.divisor)}, ${got}`;
    case 'unrecognized_keys': {
      const known = knownKeys(issue);
      return issue.keys.map((key) => `unknown key "${key}"${unknownNameHint(key, known)}`).join(keySeparator);
    }
    case 'invalid_union': {
      const discriminator = (issue as { discriminator?: string }).discriminator;
      const options = (issue as { options?: unknown[] }).options;
      if (discriminator !== undefined && options !== undefined) {
        return `must be one of ${options.map((o) => String(o)).join(', ')}, got ${describeValue(issue.input)}`;
      }
      return `does not match any allowed form, ${got}`;
    }
    case 'invalid_key':
      return `has an invalid key, ${got}`;
    case 'invalid_element':
      return `has an invalid element, ${got}`;
    case 'custom':
      return issue.message ?? `is invalid, ${got}`;
    default:
      return `is invalid, ${got}`;
  }
}

/** Validates `data` (found at `at` in `source`) and turns every zod issue into a ConfigIssue. */
export function validate<S extends z.ZodType>(
  schema: S,
  data: unknown,
  source: YamlSource,
  at: KeyPath,
): { ok: true; value: z.output<S> } | { ok: false; errors: ConfigIssue[] } {
  const result = schema.safeParse(data, { reportInput: true, error: (issue) => issueMessage(issue) });
  if (result.success) return { ok: true, value: result.data };
  const errors: ConfigIssue[] = [];
  for (const issue of result.error.issues) {
    const path = [...at, ...(issue.path as (string | number)[])];
    if (issue.code === 'unrecognized_keys') {
      const messages = issue.message.split(keySeparator);
      issue.keys.forEach((key, index) => {
        const keyPath = [...path, key];
        errors.push(source.issue(keyPath, messages[index] ?? `unknown key "${key}"`, { atKey: true }));
      });
      continue;
    }
    const missing = issue.code === 'invalid_type' && issue.input === undefined && source.valueAt(path) === undefined;
    errors.push(source.issue(path, issue.message, { missing }));
  }
  return { ok: false, errors };
}
