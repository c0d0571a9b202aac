// Crashes the fuzzer found whose fix lies outside this package, each with the rule that
// recognises it, so the CI fuzz test fails only on a new crash. Each entry has a `test.failing`
// in frames.test.ts that replays its minimal frame: once the fix lands, that test passes, ava
// reports it, and the entry must be deleted here.
import type { FrameCrash } from './frames.js';

export interface KnownCrash {
  name: string;
  /** Where the fix goes. */
  fixIn: string;
  matches(crash: FrameCrash): boolean;
}

/** Keys every plain object inherits: a table `{}` looked up by one of them finds a function. */
export const prototypeKeys = Object.getOwnPropertyNames(Object.prototype);


// The requestId found by prototype names ('toString', '__proto__'…) is fixed in the node agent
// (its request tables are looked up with Object.hasOwn); none is known now.
export const knownCrashes: KnownCrash[] = [];

export function knownCrashOf(crash: FrameCrash): KnownCrash | undefined {
  return knownCrashes.find((known) => known.matches(crash));
}
