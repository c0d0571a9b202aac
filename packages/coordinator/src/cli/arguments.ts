// Option-argument parsers for the command lines (lab, bench, chaos): commander calls them with the
// text given, and an InvalidArgumentError names the value and what was expected (exit 2).
import { InvalidArgumentError } from 'commander';

export const positiveInteger = (value: string): number => {
  const parsed = Number(value);
  if (!Number.isSafeInteger(parsed) || parsed < 1) throw new InvalidArgumentError(`must be an integer >= 1, got "${value}"`);
  return parsed;
};

export const nonNegativeInteger = (value: string): number => {
  const parsed = Number(value);
  if (!Number.isSafeInteger(parsed) || parsed < 0) throw new InvalidArgumentError(`must be an integer >= 0, got "${value}"`);
  return parsed;
};

export const positiveNumber = (value: string): number => {
  const parsed = Number(value);
  if (!(parsed > 0) || !Number.isFinite(parsed)) throw new InvalidArgumentError(`must be a number > 0, got "${value}"`);
  return parsed;
};

/** A comma-separated list of numbers, each `valid`; `none` or nothing is the empty list. */
export const listOf = (what: string, valid: (n: number) => boolean) => (value: string): number[] => {
  if (value === 'none' || value === '') return [];
  const parsed = value.split(',').map((part) => Number(part.trim()));
  if (parsed.some((n) => !valid(n))) throw new InvalidArgumentError(`must be ${what} separated by commas (or none), got "${value}"`);
  return parsed;
};
