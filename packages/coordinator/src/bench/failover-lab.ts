// The lab a failover benchmark runs: the embedded default lab (labs/default.yaml, the seed 000
// two-node cluster), where the first node owns every group at start and the second survives it.
// Also what both runtimes need to run a trial the same way: a runtime, letting simulated time
// pass without holding the clock (`idle`), and reading `Get-ClusterResource` as typed rows.
import type { NodeConfig } from '@wsfc-lab/node-agent';
import { defaultLab } from '../config/mod.js';
import { buildLab, type BuiltLab } from '../lab/build-lab.js';
import type { Runtime, RuntimeName } from '../runtime/runtime.js';
import { SimRuntime } from '../runtime/sim/sim-runtime.js';
import { ThreadsRuntime } from '../runtime/threads/threads-runtime.js';
import { BenchError } from './errors.js';
import { benchDataDirectory } from './lab-helpers.js';

export interface FailoverLab {
  built: BuiltLab;
  /** The node killed (or moved away from): the first node, owner of every group at start. */
  victim: string;
  /** The node that takes the groups over. */
  survivor: string;
  /** The clustered role moved, and the Physical Disk resource it depends on. */
  group: string;
  disk: string;
  /** SameSubnetDelay and SameSubnetThreshold as the survivor runs them. */
  sameSubnetDelayMs: number;
  sameSubnetThreshold: number;
}

export function failoverLab(): FailoverLab {
  const spec = defaultLab();
  const built = buildLab(spec);
  const [victim, survivor] = built.nodes;
  const role = spec.roles[0];
  if (victim === undefined || survivor === undefined || role === undefined) throw new BenchError(`labs/default.yaml cannot be failed over: it needs two nodes and a role, and has nodes [${built.nodes.join(', ')}] and ${spec.roles.length} roles`);
  const config = built.actors.find((actor) => actor.id === survivor)?.config as NodeConfig;
  return {
    built,
    victim,
    survivor,
    group: role.name,
    disk: role.disk,
    sameSubnetDelayMs: config.settings.SameSubnetDelay,
    sameSubnetThreshold: config.settings.SameSubnetThreshold,
  };
}

export interface TrialRuntimeOptions {
  runtime: RuntimeName;
  seed: number;
  /** threads only: wall ms per simulated ms. */
  timeScale: number;
}

export function failoverRuntime(lab: FailoverLab, options: TrialRuntimeOptions): Runtime {
  const { actors, fabric } = lab.built;
  if (options.runtime === 'sim') return new SimRuntime({ actors, fabric, seed: options.seed });
  return new ThreadsRuntime({ actors, fabric, seed: options.seed, timeScale: options.timeScale, dataDirectory: benchDataDirectory() });
}

/**
 * Lets `simMs` of simulated time pass. In sim that runs the clock, and stops early once `wake`
 * holds; in threads it sleeps on the wall clock (runUntil would add its observation grace to every
 * short wait).
 */
export async function idle(runtime: Runtime, simMs: number, timeScale: number, wake: () => boolean = () => false): Promise<void> {
  if (runtime.name === 'sim') {
    await runtime.runUntil(wake, runtime.nowMs() + simMs);
    return;
  }
  await new Promise((resolve) => setTimeout(resolve, simMs * timeScale));
}

/** The columns of a Get-ClusterResource row a failover benchmark reads. */
export interface ResourceRow {
  Name: string;
  State: string;
  OwnerNode: string;
}

const isRow = (value: unknown): value is ResourceRow => {
  const row = value as Partial<ResourceRow> | null;
  return typeof row === 'object' && row !== null && typeof row.Name === 'string' && typeof row.State === 'string' && typeof row.OwnerNode === 'string';
};

/** `Get-ClusterResource` on `node`; undefined when it did not answer or answered an error. */
export async function readResources(runtime: Runtime, node: string): Promise<ResourceRow[] | undefined> {
  const reply = await runtime.command(node, { type: 'Cmdlet', name: 'Get-ClusterResource', parameters: {} });
  if (!reply?.ok || !Array.isArray(reply.output)) return undefined;
  return reply.output.every(isRow) ? reply.output : undefined;
}

/** Every resource is Online on `node`. */
export const allOnlineOn = (rows: readonly ResourceRow[], node: string): boolean => rows.length > 0 && rows.every((row) => row.State === 'Online' && row.OwnerNode === node);

/** `resource` is Online on `node`. */
export const onlineOn = (rows: readonly ResourceRow[], resource: string, node: string): boolean => rows.some((row) => row.Name === resource && row.State === 'Online' && row.OwnerNode === node);
