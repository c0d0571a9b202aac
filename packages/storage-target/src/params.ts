// Reading a cmdlet's parameters as PowerShell binds them: names ignore case, aliases count, a
// single value is accepted where an array is expected, sizes may carry PowerShell's binary
// multipliers (20GB = 21474836480).
import type { CmdletError } from '@wsfc-lab/protocol';
import { cmdletErrors } from './errors.js';

export type Bound<T> = { ok: true; value: T } | { ok: false; error: CmdletError };

export class CmdletParameters {
  constructor(
    readonly cmdlet: string,
    private readonly parameters: Record<string, unknown>,
  ) {}

  /** The raw value of the first of `names` that was given. */
  raw(...names: string[]): unknown {
    for (const name of names) {
      const wanted = name.toLowerCase();
      const key = Object.keys(this.parameters).find((k) => k.replace(/^-/, '').toLowerCase() === wanted);
      if (key !== undefined) return this.parameters[key];
    }
    return undefined;
  }

  has(...names: string[]): boolean {
    return this.raw(...names) !== undefined;
  }

  private invalid(name: string, value: unknown, why: string): Bound<never> {
    return { ok: false, error: cmdletErrors.invalidParameter(this.cmdlet, name, value, why) };
  }

  requiredString(name: string, ...aliases: string[]): Bound<string> {
    const value = this.raw(name, ...aliases);
    if (value === undefined) return { ok: false, error: cmdletErrors.missingParameter(this.cmdlet, name) };
    return this.toText(name, value);
  }

  optionalString(name: string, ...aliases: string[]): Bound<string | undefined> {
    const value = this.raw(name, ...aliases);
    return value === undefined ? { ok: true, value: undefined } : this.toText(name, value);
  }

  private toText(name: string, value: unknown): Bound<string> {
    if (typeof value !== 'string' && typeof value !== 'number') return this.invalid(name, value, 'is not a string');
    const text = String(value);
    if (text.length === 0 || text.length > 1024) return this.invalid(name, value, 'must be 1 to 1024 characters');
    return { ok: true, value: text };
  }

  optionalStrings(name: string, ...aliases: string[]): Bound<string[] | undefined> {
    const value = this.raw(name, ...aliases);
    if (value === undefined) return { ok: true, value: undefined };
    const list = Array.isArray(value) ? value : [value];
    if (!list.every((item): item is string => typeof item === 'string')) return this.invalid(name, value, 'is not a list of strings');
    return { ok: true, value: list };
  }

  optionalBoolean(name: string, ...aliases: string[]): Bound<boolean | undefined> {
    const value = this.raw(name, ...aliases);
    if (value === undefined) return { ok: true, value: undefined };
    if (typeof value === 'boolean') return { ok: true, value };
    if (value === '$true' || value === 'true' || value === 'True') return { ok: true, value: true };
    if (value === '$false' || value === 'false' || value === 'False') return { ok: true, value: false };
    return this.invalid(name, value, 'is not $true or $false');
  }

  /** A switch parameter: present (and not $false) means on. */
  switch(name: string): boolean {
    const value = this.raw(name);
    return value !== undefined && value !== false && value !== '$false';
  }

  optionalInteger(name: string, o: { min: number; max: number }): Bound<number | undefined> {
    const value = this.raw(name);
    if (value === undefined) return { ok: true, value: undefined };
    const number = typeof value === 'string' ? Number(value) : value;
    if (typeof number !== 'number' || !Number.isSafeInteger(number) || number < o.min || number > o.max) {
      return this.invalid(name, value, `is not an integer from ${o.min} to ${o.max}`);
    }
    return { ok: true, value: number };
  }

  /** Bytes, as a number or as text with a KB/MB/GB/TB/PB multiplier. */
  requiredSizeBytes(name: string, ...aliases: string[]): Bound<number> {
    const value = this.raw(name, ...aliases);
    if (value === undefined) return { ok: false, error: cmdletErrors.missingParameter(this.cmdlet, name) };
    const bytes = parseSizeBytes(value);
    return bytes === undefined ? this.invalid(name, value, 'is not a size in bytes') : { ok: true, value: bytes };
  }
}

const multipliers: Record<string, number> = { '': 1, kb: 1024, mb: 1024 ** 2, gb: 1024 ** 3, tb: 1024 ** 4, pb: 1024 ** 5 };

export function parseSizeBytes(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isSafeInteger(value) && value >= 0 ? value : undefined;
  if (typeof value !== 'string') return undefined;
  const match = /^\s*(\d+(?:\.\d+)?)\s*(kb|mb|gb|tb|pb)?\s*$/i.exec(value);
  if (!match) return undefined;
  const bytes = Number(match[1]) * (multipliers[(match[2] ?? '').toLowerCase()] ?? Number.NaN);
  return Number.isSafeInteger(bytes) ? bytes : undefined;
}
