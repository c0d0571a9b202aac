// Cmdlet parameters as the lab's parser binds them (canonical names, `$positional` for arguments
// given by position), read with PowerShell's type conversions and its error texts.
import type { CmdletError } from '@wsfc-lab/protocol';
import { invalidArgumentError, missingParameterError } from './errors.js';
import { isDriveLetter } from './mount-manager.js';

export type Bound<T> = { ok: true; value: T } | { ok: false; error: CmdletError };

const ok = <T>(value: T): Bound<T> => ({ ok: true, value });

export class CmdletParameters {
  constructor(
    readonly cmdlet: string,
    private readonly raw: Record<string, unknown>,
    /** Parameter names bound from position 0, 1, … in the default parameter set. */
    private readonly positions: readonly string[] = [],
  ) {}

  private value(name: string): unknown {
    const key = Object.keys(this.raw).find((k) => k.toLowerCase() === name.toLowerCase());
    if (key !== undefined) return this.raw[key];
    const position = this.positions.findIndex((p) => p.toLowerCase() === name.toLowerCase());
    const positional = this.raw.$positional;
    return position >= 0 && Array.isArray(positional) ? positional[position] : undefined;
  }

  has(name: string): boolean {
    return this.value(name) !== undefined;
  }

  /** A UInt32 (disk and partition numbers, sizes in bytes up to 2^53). */
  optionalInteger(name: string, type = 'System.UInt32'): Bound<number | undefined> {
    const value = this.value(name);
    if (value === undefined) return ok(undefined);
    const number = typeof value === 'string' && /^\d+$/.test(value.trim()) ? Number(value) : value;
    if (typeof number !== 'number' || !Number.isSafeInteger(number) || number < 0) {
      return { ok: false, error: invalidArgumentError({ cmdlet: this.cmdlet, parameter: name, value, type }) };
    }
    return ok(number);
  }

  requiredInteger(name: string): Bound<number> {
    const bound = this.optionalInteger(name);
    if (!bound.ok) return bound;
    return bound.value === undefined ? { ok: false, error: missingParameterError(this.cmdlet, name) } : ok(bound.value);
  }

  optionalString(name: string): Bound<string | undefined> {
    const value = this.value(name);
    if (value === undefined) return ok(undefined);
    if (typeof value === 'string' || typeof value === 'number') return ok(String(value));
    return { ok: false, error: invalidArgumentError({ cmdlet: this.cmdlet, parameter: name, value: JSON.stringify(value), type: 'System.String' }) };
  }

  requiredString(name: string): Bound<string> {
    const bound = this.optionalString(name);
    if (!bound.ok) return bound;
    return bound.value === undefined ? { ok: false, error: missingParameterError(this.cmdlet, name) } : ok(bound.value);
  }

  /** A [char] drive letter, upper-cased. */
  optionalDriveLetter(name: string): Bound<string | undefined> {
    const bound = this.optionalString(name);
    if (!bound.ok || bound.value === undefined) return bound;
    if (!isDriveLetter(bound.value)) return { ok: false, error: invalidArgumentError({ cmdlet: this.cmdlet, parameter: name, value: bound.value, type: 'System.Char' }) };
    return ok(bound.value.toUpperCase());
  }

  /** A [bool]: $true/$false, or 1/0. */
  optionalBoolean(name: string): Bound<boolean | undefined> {
    const value = this.value(name);
    if (value === undefined) return ok(undefined);
    if (typeof value === 'boolean') return ok(value);
    if (value === 0 || value === 1) return ok(value === 1);
    return { ok: false, error: invalidArgumentError({ cmdlet: this.cmdlet, parameter: name, value, type: 'System.Boolean' }) };
  }

  switch(name: string): boolean {
    return this.value(name) === true;
  }
}

/** Unwraps several bound parameters, or gives the first error. */
export function bindAll<T extends Record<string, Bound<unknown>>>(
  bounds: T,
): { ok: true; values: { [K in keyof T]: T[K] extends Bound<infer V> ? V : never } } | { ok: false; error: CmdletError } {
  const values: Record<string, unknown> = {};
  for (const [name, bound] of Object.entries(bounds)) {
    if (!bound.ok) return { ok: false, error: bound.error };
    values[name] = bound.value;
  }
  return { ok: true, values: values as { [K in keyof T]: T[K] extends Bound<infer V> ? V : never } };
}
