// The lab side of the storage benchmark: the real storage target actor ("host", one iSCSI target
// with a measured LUN and a warm-up LUN, each a sparse file through FileBlockStore) and the
// initiator driver actor as node01, on one iSCSI network with no latency, in the threads runtime
// (a worker each). Runs are split into commands small enough to answer well inside the lab's
// command reply timeout; their simulated ms are summed (timeScale 1: simulated ms = wall ms).
import type { CommandReply } from '@wsfc-lab/protocol';
import type { StorageTargetConfig } from '@wsfc-lab/storage-target';
import type { FabricRules } from '../fabric/rules.js';
import type { ActorSpec } from '../runtime/runtime.js';
import { ThreadsRuntime } from '../runtime/threads/threads-runtime.js';
import { BenchError } from './errors.js';
import { benchDataDirectory } from './lab-helpers.js';
import { storageInitiatorCommands, type RunOutput, type SetupOutput, type StorageInitiatorConfig } from './storage-initiator-actor.js';
import { measuredLun, storageBenchNames as names, warmupLun } from './storage-workload.js';

const initiatorUrl = new URL('./storage-initiator-actor.js', import.meta.url).href;
/** One command's operations: at 1000 ops/s it still answers inside the 10 s reply timeout. */
export const roundOperationsMax = 5000;
const timeScale = 1;

export function storageLab(o: { measuredDiskBytes: number; warmupDiskBytes: number; aptpl: boolean }): { actors: ActorSpec[]; fabric: FabricRules } {
  const targetConfig: StorageTargetConfig = {
    name: names.target,
    address: names.targetAddress,
    targets: [
      {
        name: names.targetName,
        initiatorIds: [names.initiator],
        luns: [
          { disk: names.measuredDisk, sizeBytes: o.measuredDiskBytes },
          { disk: names.warmupDisk, sizeBytes: o.warmupDiskBytes },
        ],
      },
    ],
  };
  const initiatorConfig: StorageInitiatorConfig = {
    target: names.target,
    network: names.network,
    initiatorIqn: names.initiatorIqn,
    targetIqn: names.targetIqn,
    luns: [measuredLun, warmupLun],
    key: names.key,
    aptpl: o.aptpl,
  };
  return {
    actors: [
      { id: names.target, kind: 'storage', config: targetConfig },
      { id: names.initiator, kind: 'node', config: initiatorConfig, definitionModule: { url: initiatorUrl, exportName: 'storageInitiatorActor' } },
    ],
    fabric: {
      networks: [{ name: names.network, role: 'None', bandwidthGbps: 10, latencyMs: 0, lossPercent: 0 }],
      attachments: { [names.target]: [names.network], [names.initiator]: [names.network] },
      nicsDown: [],
      partitions: [],
      pathsDown: [],
    },
  };
}

/** A run's figures, its rounds pooled: wall ms and per-command latency in wall ms. */
export interface LabRun {
  operations: number;
  elapsedWallMs: number;
  latencyMs: number[];
  readBackMatches: boolean | null;
}

export interface StorageLabDriver {
  setup: SetupOutput;
  reservations(o: { lun: number; count: number; window: number }): Promise<LabRun>;
  writes(o: { lun: number; lbas: readonly number[]; window: number }): Promise<LabRun>;
  stop(): Promise<void>;
}

function output<T>(reply: CommandReply | undefined, what: string): T {
  if (reply === undefined) throw new BenchError(`${names.initiator} did not answer ${what} in time (its worker died, or the round was too long)`);
  if (!reply.ok) throw new BenchError(`${names.initiator} refused ${what}: ${reply.error.message}`);
  return reply.output as T;
}

function checked(round: RunOutput, what: string): RunOutput {
  if (round.failed > 0) throw new BenchError(`${what}: ${round.failed} of ${round.operations} commands did not complete with GOOD; the first: ${round.firstFailure ?? '?'}`);
  if (round.readBackMatches === false) throw new BenchError(`${what}: the last block written, read back, does not hold what was written`);
  return round;
}

async function inRounds(total: number, what: string, runRound: (start: number, count: number) => Promise<RunOutput>): Promise<LabRun> {
  const run: LabRun = { operations: 0, elapsedWallMs: 0, latencyMs: [], readBackMatches: null };
  for (let start = 0; start < total; start += roundOperationsMax) {
    const count = Math.min(roundOperationsMax, total - start);
    const round = checked(await runRound(start, count), `${what}, operations ${start}..${start + count - 1}`);
    run.operations += round.operations;
    run.elapsedWallMs += round.elapsedMs * timeScale;
    for (const ms of round.latencyMs) run.latencyMs.push(ms * timeScale);
    if (round.readBackMatches !== null) run.readBackMatches = (run.readBackMatches ?? true) && round.readBackMatches;
  }
  return run;
}

export async function startStorageLab(o: { measuredDiskBytes: number; warmupDiskBytes: number; aptpl: boolean; seed: number }): Promise<StorageLabDriver> {
  const { actors, fabric } = storageLab(o);
  const runtime = new ThreadsRuntime({ actors, fabric, seed: o.seed, timeScale, transport: 'direct', dataDirectory: benchDataDirectory() });
  await runtime.start();
  const cmdlet = (name: string, parameters: Record<string, unknown>) => runtime.command(names.initiator, { type: 'Cmdlet', name, parameters });
  try {
    const setup = output<SetupOutput>(await cmdlet(storageInitiatorCommands.setup, {}), 'login, register and reserve');
    return {
      setup,
      reservations: ({ lun, count, window }) =>
        inRounds(count, `reservations on LUN ${lun}`, async (_start, roundCount) =>
          output<RunOutput>(await cmdlet(storageInitiatorCommands.reservations, { lun, count: roundCount, window }), `${roundCount} reservation commands`),
        ),
      writes: ({ lun, lbas, window }) =>
        inRounds(lbas.length, `writes on LUN ${lun}`, async (start, roundCount) =>
          output<RunOutput>(await cmdlet(storageInitiatorCommands.writes, { lun, lbas: lbas.slice(start, start + roundCount), firstIndex: start, window }), `${roundCount} writes`),
        ),
      stop: () => runtime.stop(),
    };
  } catch (error) {
    await runtime.stop();
    throw error;
  }
}
