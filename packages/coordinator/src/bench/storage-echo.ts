// The main-thread end of the transport baseline: spawns the two bare workers of
// storage-echo-worker.ts, joins them with a MessageChannel, and runs floods on them.
import { MessageChannel, Worker } from 'node:worker_threads';
import { BenchError } from './errors.js';
import type { BaselineRun } from './storage-baselines.js';
import type { EchoRole, EchoWorkload, FromEchoWorker, ToEchoWorker } from './storage-echo-worker.js';

const workerUrl = new URL('./storage-echo-worker.js', import.meta.url);

/** The first message of `type` from the worker; rejects on a `failed` message or an exit. */
function next<T extends 'ready' | 'flood'>(worker: Worker, type: T, what: string): Promise<Extract<FromEchoWorker, { type: T }>> {
  return new Promise((resolve, reject) => {
    const done = () => {
      worker.off('message', onMessage);
      worker.off('exit', onExit);
    };
    const onMessage = (message: FromEchoWorker) => {
      if (message.type === 'failed') {
        done();
        reject(new BenchError(`${what}: ${message.detail}`));
      } else if (message.type === type) {
        done();
        resolve(message as Extract<FromEchoWorker, { type: T }>);
      }
    };
    const onExit = (code: number) => reject(new BenchError(`${what} exited with code ${code} before it finished`));
    worker.on('message', onMessage);
    worker.once('exit', onExit);
  });
}

export interface EchoPair {
  flood(workload: EchoWorkload, window: number): Promise<BaselineRun>;
  stop(): Promise<void>;
}

export async function startEchoPair(): Promise<EchoPair> {
  const spawn = (role: EchoRole) => new Worker(workerUrl, { workerData: { role } });
  const initiator = spawn('initiator');
  const target = spawn('target');
  // The target worker only ever reports a failure (or dies): a flood waits for that too.
  const targetFailure = next(target, 'flood', 'transport baseline target worker');
  targetFailure.catch(() => undefined);
  await Promise.all([next(initiator, 'ready', 'transport baseline initiator worker'), next(target, 'ready', 'transport baseline target worker')]);
  const { port1, port2 } = new MessageChannel();
  initiator.postMessage({ type: 'port', port: port1 } satisfies ToEchoWorker, [port1]);
  target.postMessage({ type: 'port', port: port2 } satisfies ToEchoWorker, [port2]);
  return {
    async flood(workload, window) {
      const done = next(initiator, 'flood', 'transport baseline initiator worker');
      initiator.postMessage({ type: 'flood', workload, window } satisfies ToEchoWorker);
      const result = await Promise.race([done, targetFailure]);
      return { operations: result.operations, elapsedWallMs: result.elapsedMs, latencyMs: result.latencyMs };
    },
    async stop() {
      await Promise.all([initiator.terminate(), target.terminate()]);
    },
  };
}
