// The two ends the fabric benchmark drives the same way: a pair of bare workers (the baseline) and
// a lab of a pinger actor and a node actor on the threads runtime. Each floods requests in a window
// and runs sequential ping-pongs, and reports wall ms.
import { MessageChannel, Worker } from 'node:worker_threads';
import { heartbeatDefaults, type NodeConfig } from '@wsfc-lab/node-agent';
import type { CommandReply } from '@wsfc-lab/protocol';
import type { FabricRules } from '../fabric/rules.js';
import type { ActorSpec } from '../runtime/runtime.js';
import { ThreadsRuntime } from '../runtime/threads/threads-runtime.js';
import type { Transport } from '../runtime/threads/wire.js';
import { benchErrors } from './errors.js';
import { benchDataDirectory } from './lab-helpers.js';
import { pingerCommands, type FloodOutput, type PingerConfig, type PingPongOutput } from './pinger-actor.js';
import type { FromRawWorker, RawRole, ToRawWorker } from './raw-echo-worker.js';

export interface FloodResult {
  requests: number;
  responses: number;
  elapsedWallMs: number;
}

export interface FabricDriver {
  flood(options: { requests: number; window: number }): Promise<FloodResult>;
  pingPong(count: number): Promise<number[]>;
  stop(): Promise<void>;
}

const rawWorkerUrl = new URL('./raw-echo-worker.js', import.meta.url);
const pingerUrl = new URL('./pinger-actor.js', import.meta.url).href;
const network = 'Cluster';

/** Resolves with the first message of `type` from the worker; rejects if it exits first. */
function nextFromWorker<T extends FromRawWorker['type']>(worker: Worker, type: T, what: string): Promise<Extract<FromRawWorker, { type: T }>> {
  return new Promise((resolve, reject) => {
    const onMessage = (message: FromRawWorker) => {
      if (message.type !== type) return;
      worker.off('message', onMessage);
      worker.off('exit', onExit);
      resolve(message as Extract<FromRawWorker, { type: T }>);
    };
    const onExit = (code: number) => reject(benchErrors.workerExited(what, code));
    worker.on('message', onMessage);
    worker.once('exit', onExit);
  });
}

/** Two bare workers joined by a MessageChannel. */
export async function startRawDriver(): Promise<FabricDriver> {
  const spawn = (role: RawRole) => new Worker(rawWorkerUrl, { workerData: { role } });
  const pinger = spawn('pinger');
  const echo = spawn('echo');
  await Promise.all([nextFromWorker(pinger, 'ready', 'raw pinger worker'), nextFromWorker(echo, 'ready', 'raw echo worker')]);
  const { port1, port2 } = new MessageChannel();
  pinger.postMessage({ type: 'port', port: port1 } satisfies ToRawWorker, [port1]);
  echo.postMessage({ type: 'port', port: port2 } satisfies ToRawWorker, [port2]);
  return {
    async flood({ requests, window }) {
      const done = nextFromWorker(pinger, 'flood', 'raw pinger worker');
      pinger.postMessage({ type: 'flood', requests, window } satisfies ToRawWorker);
      const { elapsedMs, ...counts } = await done;
      return { ...counts, elapsedWallMs: elapsedMs };
    },
    async pingPong(count) {
      const done = nextFromWorker(pinger, 'pingPong', 'raw pinger worker');
      pinger.postMessage({ type: 'pingPong', count } satisfies ToRawWorker);
      return (await done).rttMs;
    },
    async stop() {
      await Promise.all([pinger.terminate(), echo.terminate()]);
    },
  };
}

/** A pinger and node01 on one Cluster network with no latency, in the threads runtime. */
export function pingerLab(): { actors: ActorSpec[]; fabric: FabricRules } {
  const nodeConfig: NodeConfig = {
    name: 'node01',
    id: 1,
    clusterName: 'wsfc-bench',
    networks: [{ name: network, subnet: '10.0.0.0/16', role: 'ClusterOnly' }],
    addresses: { [network]: '10.0.1.1' },
    peers: [{ name: 'pinger', id: 2, addresses: { [network]: '10.0.1.2' } }],
    settings: { ...heartbeatDefaults },
  };
  const pingerConfig: PingerConfig = { target: 'node01', network };
  return {
    actors: [
      { id: 'node01', kind: 'node', config: nodeConfig },
      { id: 'pinger', kind: 'node', config: pingerConfig, definitionModule: { url: pingerUrl, exportName: 'pingerActor' } },
    ],
    fabric: {
      networks: [{ name: network, role: 'ClusterOnly', bandwidthGbps: 10, latencyMs: 0, lossPercent: 0 }],
      attachments: { node01: [network], pinger: [network] },
      nicsDown: [],
      partitions: [],
      pathsDown: [],
    },
  };
}

function output<T>(reply: CommandReply | undefined, what: string): T {
  if (reply === undefined) throw benchErrors.noReply('pinger', what);
  if (!reply.ok) throw benchErrors.commandFailed('pinger', what, reply.error.message);
  return reply.output as T;
}

export async function startLabDriver(options: { transport: Transport; timeScale: number; seed: number }): Promise<FabricDriver> {
  const { actors, fabric } = pingerLab();
  const runtime = new ThreadsRuntime({ actors, fabric, seed: options.seed, timeScale: options.timeScale, transport: options.transport, dataDirectory: benchDataDirectory() });
  await runtime.start();
  const cmdlet = (name: string, parameters: Record<string, unknown>) => runtime.command('pinger', { type: 'Cmdlet', name, parameters });
  return {
    async flood({ requests, window }) {
      const result = output<FloodOutput>(await cmdlet(pingerCommands.flood, { requests, window }), `a flood of ${requests} requests`);
      return { requests: result.requests, responses: result.responses, elapsedWallMs: result.elapsedMs * options.timeScale };
    },
    async pingPong(count) {
      const result = output<PingPongOutput>(await cmdlet(pingerCommands.pingPong, { count }), `${count} ping-pongs`);
      return result.rttMs.map((ms) => ms * options.timeScale);
    },
    stop: () => runtime.stop(),
  };
}
