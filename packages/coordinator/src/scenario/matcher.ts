// Property matchers of `expect:` steps (spec "A scenario"): a scalar (equality), `{ in: [..] }`,
// `{ not: x }`, `{ atLeast: n }`, `{ atMost: n }`. Strings compare as PowerShell's -eq does:
// without regard to case.
import type { Matcher } from '../config/mod.js';

const same = (a: unknown, b: unknown): boolean =>
  typeof a === 'string' && typeof b === 'string' ? a.toLowerCase() === b.toLowerCase() : a === b;

export function matches(matcher: Matcher, actual: unknown): boolean {
  switch (matcher.op) {
    case 'eq':
      return same(actual, matcher.value);
    case 'in':
      return matcher.values.some((value) => same(actual, value));
    case 'not':
      return !same(actual, matcher.value);
    case 'atLeast':
      return typeof actual === 'number' && actual >= matcher.n;
    case 'atMost':
      return typeof actual === 'number' && actual <= matcher.n;
  }
}

export function describeMatcher(matcher: Matcher): string {
  switch (matcher.op) {
    case 'eq':
      return JSON.stringify(matcher.value);
    case 'in':
      return `one of ${JSON.stringify(matcher.values)}`;
    case 'not':
      return `not ${JSON.stringify(matcher.value)}`;
    case 'atLeast':
      return `at least ${matcher.n}`;
    case 'atMost':
      return `at most ${matcher.n}`;
  }
}
