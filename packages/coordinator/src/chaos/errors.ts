// The chaos runner's errors (STYLE 13): what failed, and the value.
export class ChaosError extends Error {
  override name = 'ChaosError';
}
