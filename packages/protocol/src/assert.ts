// Programmer errors are asserted (STYLE 8). In `sim` an AssertionError ends the run with its
// seed; in `threads` it kills the actor's worker, which the cluster must survive anyway.

export class AssertionError extends Error {
  override name = 'AssertionError';
}

export function assert(condition: unknown, message: string): asserts condition {
  if (!condition) throw new AssertionError(message);
}

export function assertNever(value: never, what = 'value'): never {
  throw new AssertionError(`unexpected ${what}: ${JSON.stringify(value)}`);
}
