// Reading cmdlet parameters as PowerShell binds them: names without regard to case, booleans
// written as $true/$false, a single value where an array is allowed.
import { cmdletErrors, type CmdletFailure } from './errors.js';

export type Parameters = Record<string, unknown>;

export type Read<T> = { ok: true; value: T } | { ok: false; failure: CmdletFailure };

/** The value of parameter `name`, matched without regard to case. */
export function param(parameters: Parameters, name: string): unknown {
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(parameters)) {
    if (key.toLowerCase() === wanted) return value;
  }
  return undefined;
}

export function stringParam(cmdlet: string, parameters: Parameters, name: string, required: boolean): Read<string | undefined> {
  const value = param(parameters, name);
  if (value === undefined || value === null) return required ? { ok: false, failure: cmdletErrors.missingParameter(name) } : { ok: true, value: undefined };
  if (typeof value === 'string' && value.length > 0 && value.length <= 1024) return { ok: true, value };
  if (typeof value === 'number') return { ok: true, value: String(value) };
  return { ok: false, failure: cmdletErrors.invalidParameter(cmdlet, name, value, 'a string of 1 to 1024 characters') };
}

const trueTexts = new Set(['$true', 'true', '1']);
const falseTexts = new Set(['$false', 'false', '0']);

export function boolParam(cmdlet: string, parameters: Parameters, name: string): Read<boolean | undefined> {
  const value = param(parameters, name);
  if (value === undefined || value === null) return { ok: true, value: undefined };
  if (typeof value === 'boolean') return { ok: true, value };
  const text = String(value).trim().toLowerCase();
  if (trueTexts.has(text)) return { ok: true, value: true };
  if (falseTexts.has(text)) return { ok: true, value: false };
  return { ok: false, failure: cmdletErrors.invalidParameter(cmdlet, name, value, 'a Boolean ($true or $false)') };
}

/** A switch parameter: present (and not $false) means on. */
export function switchParam(parameters: Parameters, name: string): boolean {
  const value = param(parameters, name);
  if (value === undefined || value === null) return false;
  return !(value === false || (typeof value === 'string' && falseTexts.has(value.trim().toLowerCase())));
}

/** A string or an array of strings, each 1–1024 characters, at most `maxItems`. */
export function stringList(cmdlet: string, name: string, value: unknown, maxItems: number): Read<string[]> {
  const items = Array.isArray(value) ? value : [value];
  if (items.length > maxItems) return { ok: false, failure: cmdletErrors.invalidParameter(cmdlet, name, `${items.length} values`, `at most ${maxItems} values`) };
  const bad = items.find((item) => typeof item !== 'string' || item.length === 0 || item.length > 1024);
  if (bad !== undefined) return { ok: false, failure: cmdletErrors.invalidParameter(cmdlet, name, bad, 'a string of 1 to 1024 characters') };
  return { ok: true, value: items as string[] };
}

/** A hashtable parameter (`-Add @{ 'msDS-AllowedToDelegateTo' = … }`), as a plain object. */
export function hashtableParam(cmdlet: string, parameters: Parameters, name: string): Read<Record<string, unknown> | undefined> {
  const value = param(parameters, name);
  if (value === undefined || value === null) return { ok: true, value: undefined };
  if (typeof value === 'object' && !Array.isArray(value)) return { ok: true, value: value as Record<string, unknown> };
  return { ok: false, failure: cmdletErrors.invalidParameter(cmdlet, name, value, 'a hashtable such as @{ attribute = value }') };
}

/** `01:00:00`, `3600` or `1h` as whole seconds; undefined when it is none of these. */
export function parseTimeToLiveSeconds(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isInteger(value) && value >= 0 ? value : undefined;
  if (typeof value !== 'string') return undefined;
  const clock = /^(?:(\d+)\.)?(\d{1,2}):(\d{2}):(\d{2})$/.exec(value.trim());
  if (clock) return Number(clock[1] ?? 0) * 86_400 + Number(clock[2]) * 3600 + Number(clock[3]) * 60 + Number(clock[4]);
  if (/^\d+$/.test(value.trim())) return Number(value.trim());
  const unit = /^(\d+)(s|m|h|d)$/.exec(value.trim());
  if (!unit) return undefined;
  const seconds = { s: 1, m: 60, h: 3600, d: 86_400 }[unit[2] as 's' | 'm' | 'h' | 'd'];
  return Number(unit[1]) * seconds;
}

/** Seconds as a TimeSpan is shown: `00:20:00`, `1.00:00:00`. */
export function formatTimeSpan(totalSeconds: number): string {
  const days = Math.floor(totalSeconds / 86_400);
  const rest = totalSeconds % 86_400;
  const pad = (n: number) => String(n).padStart(2, '0');
  const clock = `${pad(Math.floor(rest / 3600))}:${pad(Math.floor((rest % 3600) / 60))}:${pad(rest % 60)}`;
  return days > 0 ? `${days}.${clock}` : clock;
}

/** What a cmdlet handler returns; the parent counts, writes the database once, and replies. */
export type CmdletOutcome = { ok: true; output: unknown; changed: boolean } | { ok: false; failure: CmdletFailure };

export const done = (output: unknown, changed = false): CmdletOutcome => ({ ok: true, output, changed });
export const failed = (failure: CmdletFailure): CmdletOutcome => ({ ok: false, failure });
