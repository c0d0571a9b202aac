// The benchmarks' errors (STYLE 13): what failed, where, and the value.

export class BenchError extends Error {
  override name = 'BenchError';
}

export const benchErrors = {
  noReply: (actor: string, what: string) => new BenchError(`${actor} did not answer ${what} in time (its worker died, or the run was too long: lower the frame count)`),
  commandFailed: (actor: string, what: string, message: string) => new BenchError(`${actor} refused ${what}: ${message}`),
  workerExited: (what: string, code: number) => new BenchError(`${what} exited with code ${code} before it finished`),
  childFailed: (what: string, code: number | null, stderr: string) => new BenchError(`${what} failed with exit code ${code}: ${stderr.trim().slice(-800)}`),
};
