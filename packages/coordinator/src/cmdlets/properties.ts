// Reading properties of cmdlet output objects as PowerShell does: names compare without regard to
// case, and a name given to Select-Object, Format-List or Format-Table may hold the wildcards `*`
// and `?` (about_Wildcards), which expand to the object's matching properties in their order.

export type OutputObject = Record<string, unknown>;

export const isOutputObject = (value: unknown): value is OutputObject => typeof value === 'object' && value !== null && !Array.isArray(value);

/** A pipeline's input as PowerShell enumerates it: an array gives its items, `$null` nothing. */
export function pipelineItems(output: unknown): unknown[] {
  if (output === undefined || output === null) return [];
  return Array.isArray(output) ? output : [output];
}

/** The object's own spelling of `name`, matched without regard to case. */
export function keyOf(object: OutputObject, name: string): string | undefined {
  const lower = name.toLowerCase();
  return Object.keys(object).find((key) => key.toLowerCase() === lower);
}

/** The value of property `name` (any casing), or undefined when the object has none. */
export function propertyValue(object: unknown, name: string): unknown {
  if (!isOutputObject(object)) return undefined;
  const key = keyOf(object, name);
  return key === undefined ? undefined : object[key];
}

export const hasWildcard = (pattern: string): boolean => /[*?]/.test(pattern);

/** `-like` matching: `*` any run, `?` one character, without regard to case. */
export function wildcardMatches(pattern: string, text: string): boolean {
  const source = [...pattern].map((c) => (c === '*' ? '.*' : c === '?' ? '.' : c.replace(/[.+^${}()|[\]\\]/g, '\\$&'))).join('');
  return new RegExp(`^${source}$`, 'is').test(text);
}

/**
 * The property names `patterns` select on `object`, in the order given: a wildcard expands to
 * the object's matching properties in their own order, a plain name to the object's spelling of
 * it (or itself, when the object has no such property: `missing` says whether to keep it).
 */
export function selectKeys(object: OutputObject, patterns: readonly string[], missing: 'keep' | 'drop'): string[] {
  const keys: string[] = [];
  const add = (key: string) => {
    if (!keys.some((k) => k.toLowerCase() === key.toLowerCase())) keys.push(key);
  };
  for (const pattern of patterns) {
    if (hasWildcard(pattern)) {
      for (const key of Object.keys(object)) if (wildcardMatches(pattern, key)) add(key);
      continue;
    }
    const key = keyOf(object, pattern);
    if (key !== undefined) add(key);
    else if (missing === 'keep') add(pattern);
  }
  return keys;
}
