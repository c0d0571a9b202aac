// A driver actor for runtime tests, until node.ts wires the arbitration in: a node that runs only
// its storage stack (the iSCSI initiator) and the arbitration machine on top, wired exactly as
// host.ts says node.ts should. A runtime test starts it in place of the node actor (ActorSpec
// `definitionModule`) and drives it with one lab command, `Cmdlet` named `Arbitration-Input`,
// whose parameters are an arbitration input without `nowMs` (a Write carries `byte`, the value to
// fill its block with, instead of data). Outcomes are kept in the state, read with Inspect.
import { NodeAccepts, assert, assertNever, type ActorDefinition, type ActorIo, type NodeMessage } from '@wsfc-lab/protocol';
import type { NodeConfig } from '../config.js';
import { checkStorageInvariants } from '../storage/invariants.js';
import { storage, takeCompletions, type StorageState, type StorageTimer } from '../storage/mod.js';
import { initArbitration } from './arbitration-node.js';
import { arbitrationConfigOf, deliverCompletions, runArbitration, type ArbitrationHost, type CarriedOut } from './host.js';
import { checkArbitrationInvariants } from './invariants.js';
import type { ArbitrationInput, ArbitrationOutcome, ArbitrationState, ArbitrationTimer } from './types.js';

export const arbitrationInputCmdlet = 'Arbitration-Input';
/** Outcomes the driver keeps for Inspect; older ones are dropped. */
const outcomesKeptMax = 4096;
/** Rounds of completions fed back in one step (a command can complete at once). */
const settleRoundsMax = 64;

type Timer = StorageTimer | ArbitrationTimer;
type Io = ActorIo<Timer>;

export interface LabArbitrationState {
  storage: StorageState;
  arbitration: ArbitrationState;
  outcomes: { atMs: number; outcome: ArbitrationOutcome }[];
}

function settle(state: LabArbitrationState, io: Io, first: CarriedOut | undefined): ArbitrationOutcome[] {
  const host: ArbitrationHost = { storage: state.storage, io };
  const outcomes = [...(first?.outcomes ?? [])];
  for (let round = 0; round < settleRoundsMax; round++) {
    const completions = takeCompletions(state.storage);
    if (completions.length === 0) break;
    outcomes.push(...deliverCompletions(state.arbitration, completions, host).outcomes);
  }
  for (const outcome of outcomes) state.outcomes.push({ atMs: io.now(), outcome });
  if (state.outcomes.length > outcomesKeptMax) state.outcomes.splice(0, state.outcomes.length - outcomesKeptMax);
  return outcomes;
}

/** A lab command's parameters as an arbitration input. */
function inputOf(parameters: Record<string, unknown>, nowMs: number): ArbitrationInput {
  if (parameters['type'] === 'Write') {
    const byte = Number(parameters['byte'] ?? 0);
    const { disk, writeId, lba } = parameters as { disk: string; writeId: string; lba: number };
    return { type: 'Write', nowMs, disk, writeId, lba, data: new Uint8Array(512).fill(byte) };
  }
  return { ...(parameters as object), nowMs } as ArbitrationInput;
}

export const arbitrationLabActor: ActorDefinition<NodeConfig, LabArbitrationState, NodeMessage, Timer> = {
  kind: 'node',
  accepts: NodeAccepts,

  init(config, io) {
    const arbitrationConfig = arbitrationConfigOf(config);
    assert(arbitrationConfig !== undefined, `node ${config.name} has no cluster name, so no arbitration`);
    return { storage: storage.init(config, io), arbitration: initArbitration(arbitrationConfig), outcomes: [] };
  },

  step(state, input, io) {
    const host: ArbitrationHost = { storage: state.storage, io };
    let first: CarriedOut | undefined;
    switch (input.type) {
      case 'Frame':
        storage.onMessage?.(state.storage, { source: input.source, network: input.network, message: input.message }, io);
        break;
      case 'Timer':
        if (input.timer.subsystem === 'storage') storage.onTimer?.(state.storage, input.timer, io);
        else first = runArbitration(state.arbitration, { type: 'Timer', nowMs: io.now(), timer: input.timer }, host);
        break;
      case 'Command':
        if (input.command.type === 'Inspect') {
          io.reply(input.requestId, { ok: true, output: { outcomes: state.outcomes, disks: state.arbitration.disks } });
          break;
        }
        if (input.command.type !== 'Cmdlet' || input.command.name !== arbitrationInputCmdlet) {
          io.reply(input.requestId, { ok: false, error: { category: 'NotImplemented', errorId: 'CmdletNotImplemented', message: `${input.command.type === 'Cmdlet' ? input.command.name : input.command.type} is not run by the arbitration driver.` } });
          break;
        }
        first = runArbitration(state.arbitration, inputOf(input.command.parameters, io.now()), host);
        io.reply(input.requestId, { ok: true, output: first.outcomes });
        break;
      default:
        assertNever(input, 'node input');
    }
    settle(state, io, first);
  },

  checkInvariants(state) {
    checkStorageInvariants(state.storage);
    checkArbitrationInvariants(state.arbitration);
  },
};
