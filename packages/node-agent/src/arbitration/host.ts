// The edge between the arbitration state machine and the node: its commands go out through the
// node's iSCSI initiator (storage/cluster-api.ts) tagged `{ subsystem: 'arbitration', token }`, its
// timers through `io.setTimer` (they carry `subsystem: 'arbitration'`, so node.ts routes them
// back), its events through `io.emit`. The outcomes go back to the caller, which hands
// WitnessArbitrated to the regroup and the rest to the resource manager. node.ts uses these when
// it wires the subsystem in; the tests drive real nodes' storage stacks with them.
import type { ActorIo } from '@wsfc-lab/protocol';
import type { NodeConfig } from '../config.js';
import { submitStorageCommand, type StorageCommandType, type StorageCompletion, type StorageState, type StorageTimer } from '../storage/mod.js';
import { stepArbitration } from './arbitration-node.js';
import { arbitrationSubsystemName, type ArbitrationConfig, type ArbitrationInput, type ArbitrationOutcome, type ArbitrationState, type ArbitrationTimer } from './types.js';

export interface ArbitrationHost {
  storage: StorageState;
  io: ActorIo<ArbitrationTimer | StorageTimer>;
}

/** A command as it went out: its token, and the initiator's requestId for it. */
export interface SubmittedCommand {
  disk: string;
  token: string;
  requestId: string;
  command: StorageCommandType;
}

export interface CarriedOut {
  outcomes: ArbitrationOutcome[];
  submitted: SubmittedCommand[];
}

/** Steps the machine with `input` and carries out its commands, timers and events. */
export function runArbitration(state: ArbitrationState, input: ArbitrationInput, host: ArbitrationHost): CarriedOut {
  const result = stepArbitration(state, input);
  const submitted: SubmittedCommand[] = [];
  for (const c of result.commands) {
    const tag = { subsystem: arbitrationSubsystemName, token: c.token };
    const requestId = submitStorageCommand(host.storage, host.io, { disk: { name: c.disk }, tag, command: c.command });
    submitted.push({ disk: c.disk, token: c.token, requestId, command: c.command.type });
  }
  for (const t of result.timers) host.io.setTimer(t.delayMs, t.timer);
  for (const e of result.events) host.io.emit(e);
  return { outcomes: result.outcomes, submitted };
}

/** Feeds the arbitration's storage completions back (node.ts picks them out by `tag.subsystem`). */
export function deliverCompletions(state: ArbitrationState, completions: readonly StorageCompletion[], host: ArbitrationHost): CarriedOut {
  const out: CarriedOut = { outcomes: [], submitted: [] };
  for (const completion of completions) {
    if (completion.tag.subsystem !== arbitrationSubsystemName) continue;
    const step = runArbitration(state, { type: 'StorageCompleted', nowMs: host.io.now(), completion }, host);
    out.outcomes.push(...step.outcomes);
    out.submitted.push(...step.submitted);
  }
  return out;
}

/** The arbitration's configuration from the node's: undefined until the node is in a cluster. */
export function arbitrationConfigOf(config: NodeConfig): ArbitrationConfig | undefined {
  if (config.clusterName === undefined) return undefined;
  const nodes = [{ name: config.name, nodeId: config.id }, ...config.peers.map((p) => ({ name: p.name, nodeId: p.id }))].sort((a, b) => a.nodeId - b.nodeId);
  return { self: config.name, selfId: config.id, clusterName: config.clusterName, nodes };
}
