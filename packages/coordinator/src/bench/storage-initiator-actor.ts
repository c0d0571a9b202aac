// A driver actor for the storage benchmark: an iSCSI initiator stand-in of kind `node`, so it
// speaks the node protocol and accepts the target's responses. On lab commands it logs in to the
// real storage target actor and registers a key and reserves (Write Exclusive – Registrants Only)
// on each LUN, then floods persistent reservation commands or 4 KiB writes with a window of them
// outstanding, one more per answer, and replies with its counts, the simulated ms the run took and
// each command's latency. A write run ends by reading back the last block written. It obeys the
// actor contract: time from `io.now()`, every effect through `io`, every run bounded.
import {
  NodeAccepts,
  assertNever,
  notANode,
  limits,
  zeroReservationKey,
  type ActorDefinition,
  type ActorInput,
  type ActorIo,
  type CommandReply,
  type LabCommand,
  type NodeMessage,
  type ReservationKey,
  type WireMessage,
} from '@wsfc-lab/protocol';
import { benchReservationType, blocksPerWrite, prMixCommand, writePayload } from './storage-workload.js';

export interface StorageInitiatorConfig {
  /** The storage target actor. */
  target: string;
  network: string;
  initiatorIqn: string;
  targetIqn: string;
  /** LUNs to register and reserve on at setup. */
  luns: number[];
  key: ReservationKey;
  /** APTPL on REGISTER commands: with it the target rewrites its durable record on each one. */
  aptpl: boolean;
}

export const storageInitiatorLimits = {
  /** Commands outstanding at once: one worker port's mailbox. */
  windowMax: limits.mailboxDepthMax,
  /** Commands in one run (each keeps a latency sample). */
  operationsMax: 200_000,
} as const;

/** The lab commands the initiator understands (as Cmdlet names). */
export const storageInitiatorCommands = {
  setup: 'Start-StorageBenchSetup',
  reservations: 'Start-StorageBenchReservations',
  writes: 'Start-StorageBenchWrites',
} as const;

export interface SetupOutput {
  sessionId: number;
  /** READ RESERVATION of the first LUN after setup. */
  reservation: { key: string; type: string } | null;
  generation: number;
}

export interface RunOutput {
  operations: number;
  good: number;
  /** Answers other than GOOD, and rejects. */
  failed: number;
  firstFailure: string | null;
  /** Simulated ms from the first command sent to the last answer. */
  elapsedMs: number;
  /** Per command, simulated ms from sending it to its answer, in order of answer. */
  latencyMs: number[];
  /** Writes only: the last block written, read back, holds what the last write sent. */
  readBackMatches: boolean | null;
}

type SetupStep = { type: 'Login' } | { type: 'Register'; lun: number } | { type: 'Reserve'; lun: number } | { type: 'ReadReservation'; lun: number };

/** A write run's payloads are numbered from `firstIndex`, so runs split into rounds write what one run would. */
type Workload = { type: 'Reservations'; lun: number } | { type: 'Writes'; lun: number; lbas: number[]; firstIndex: number };

interface Flood {
  mode: 'Flood';
  commandId: string;
  workload: Workload;
  count: number;
  sent: number;
  answered: number;
  good: number;
  failed: number;
  firstFailure: string | null;
  firstSerial: number;
  startedAtMs: number;
  sentAtMs: number[];
  latencyMs: number[];
}

type Run =
  | { mode: 'Setup'; commandId: string; steps: SetupStep[]; awaited: number }
  | Flood
  | { mode: 'ReadBack'; flood: Flood; elapsedMs: number; awaited: number; expected: Uint8Array };

export interface StorageInitiatorState {
  config: StorageInitiatorConfig;
  sessionId: number | undefined;
  nextSerial: number;
  run: Run | undefined;
}

type Io = ActorIo<never>;
type Answer = { requestId: string; good: boolean; failure: string; data: Uint8Array | undefined; response: NodeMessage };

const requestIdOf = (serial: number) => `b${serial}`;
const serialOf = (requestId: string) => (requestId.startsWith('b') ? Number(requestId.slice(1)) : Number.NaN);
const refuse = (category: string, errorId: string, message: string): CommandReply => ({ ok: false, error: { category, errorId, message } });

function send(state: StorageInitiatorState, io: Io, message: (requestId: string) => WireMessage): number {
  const serial = state.nextSerial++;
  io.send(state.config.target, state.config.network, message(requestIdOf(serial)));
  return serial;
}

// --- setup --------------------------------------------------------------------------------------

function sendSetupStep(state: StorageInitiatorState, io: Io, step: SetupStep): number {
  const { config } = state;
  const sessionId = state.sessionId ?? 0;
  switch (step.type) {
    case 'Login':
      return send(state, io, (requestId) => ({ type: 'IscsiLogin', requestId, initiatorName: config.initiatorIqn, targetName: config.targetIqn }));
    case 'Register':
      return send(state, io, (requestId) => ({
        type: 'PersistentReserveOut',
        requestId,
        sessionId,
        lun: step.lun,
        serviceAction: 'Register',
        key: zeroReservationKey,
        serviceActionKey: config.key,
        aptpl: config.aptpl,
      }));
    case 'Reserve':
      return send(state, io, (requestId) => ({
        type: 'PersistentReserveOut',
        requestId,
        sessionId,
        lun: step.lun,
        serviceAction: 'Reserve',
        reservationType: benchReservationType,
        key: config.key,
        serviceActionKey: zeroReservationKey,
        aptpl: false,
      }));
    case 'ReadReservation':
      return send(state, io, (requestId) => ({ type: 'PersistentReserveIn', requestId, sessionId, lun: step.lun, serviceAction: 'ReadReservation' }));
    default:
      return assertNever(step, 'setup step');
  }
}

function startSetup(state: StorageInitiatorState, io: Io, commandId: string): void {
  const luns = state.config.luns;
  const steps: SetupStep[] = [
    { type: 'Login' },
    ...luns.flatMap((lun): SetupStep[] => [{ type: 'Register', lun }, { type: 'Reserve', lun }]),
    { type: 'ReadReservation', lun: luns[0] ?? 0 },
  ];
  const [first, ...rest] = steps as [SetupStep, ...SetupStep[]];
  state.sessionId = undefined;
  state.run = { mode: 'Setup', commandId, steps: rest, awaited: 0 };
  state.run.awaited = sendSetupStep(state, io, first);
}

function onSetupAnswer(state: StorageInitiatorState, io: Io, run: Extract<Run, { mode: 'Setup' }>, answer: Answer): void {
  if (serialOf(answer.requestId) !== run.awaited) return;
  const response = answer.response;
  if (response.type === 'IscsiLoginResponse' && response.sessionId !== undefined) state.sessionId = response.sessionId;
  else if (!answer.good) {
    state.run = undefined;
    return io.reply(run.commandId, refuse('InvalidResult', 'StorageBenchSetupFailed', `setup failed at ${response.type} ${answer.requestId}: ${answer.failure}`));
  }
  const next = run.steps.shift();
  if (next) {
    run.awaited = sendSetupStep(state, io, next);
    return;
  }
  state.run = undefined;
  const reservation = response.type === 'ScsiResponse' ? (response.reservation ?? null) : null;
  const generation = response.type === 'ScsiResponse' ? (response.generation ?? 0) : 0;
  const output: SetupOutput = { sessionId: state.sessionId ?? 0, reservation: reservation && { key: reservation.key, type: reservation.type }, generation };
  io.reply(run.commandId, { ok: true, output });
}

// --- floods -------------------------------------------------------------------------------------

function sendFloodCommand(state: StorageInitiatorState, io: Io, flood: Flood): void {
  const index = flood.sent++;
  const sessionId = state.sessionId ?? 0;
  const { workload } = flood;
  flood.sentAtMs.push(io.now());
  if (workload.type === 'Writes') {
    const lba = workload.lbas[index] ?? 0;
    send(state, io, (requestId) => ({ type: 'ScsiWrite', requestId, sessionId, lun: workload.lun, lba, data: writePayload(lba, workload.firstIndex + index) }));
    return;
  }
  const command = prMixCommand(index);
  const { key, aptpl } = state.config;
  if (command.direction === 'In') {
    send(state, io, (requestId) => ({ type: 'PersistentReserveIn', requestId, sessionId, lun: workload.lun, serviceAction: command.serviceAction }));
    return;
  }
  send(state, io, (requestId) => ({ type: 'PersistentReserveOut', requestId, sessionId, lun: workload.lun, serviceAction: command.serviceAction, key, serviceActionKey: key, aptpl }));
}

function startFlood(state: StorageInitiatorState, io: Io, o: { commandId: string; workload: Workload; count: number; window: number }): void {
  const flood: Flood = {
    mode: 'Flood',
    commandId: o.commandId,
    workload: o.workload,
    count: o.count,
    sent: 0,
    answered: 0,
    good: 0,
    failed: 0,
    firstFailure: null,
    firstSerial: state.nextSerial,
    startedAtMs: io.now(),
    sentAtMs: [],
    latencyMs: [],
  };
  state.run = flood;
  while (flood.sent < Math.min(o.window, o.count)) sendFloodCommand(state, io, flood);
}

function onFloodAnswer(state: StorageInitiatorState, io: Io, flood: Flood, answer: Answer): void {
  const index = serialOf(answer.requestId) - flood.firstSerial;
  const sentAtMs = flood.sentAtMs[index];
  if (!(index >= 0 && index < flood.sent) || sentAtMs === undefined) return; // not this run's
  flood.answered++;
  flood.latencyMs.push(io.now() - sentAtMs);
  if (answer.good) flood.good++;
  else {
    flood.failed++;
    flood.firstFailure ??= `${answer.requestId}: ${answer.failure}`;
  }
  if (flood.sent < flood.count) sendFloodCommand(state, io, flood);
  if (flood.answered < flood.count) return;
  const elapsedMs = io.now() - flood.startedAtMs;
  const workload = flood.workload;
  if (workload.type === 'Writes' && flood.failed === 0) {
    const last = flood.count - 1;
    const lba = workload.lbas[last] ?? 0;
    const sessionId = state.sessionId ?? 0;
    const awaited = send(state, io, (requestId) => ({ type: 'ScsiRead', requestId, sessionId, lun: workload.lun, lba, blockCount: blocksPerWrite }));
    state.run = { mode: 'ReadBack', flood, elapsedMs, awaited, expected: writePayload(lba, workload.firstIndex + last) };
    return;
  }
  finishFlood(state, io, flood, elapsedMs, null);
}

function finishFlood(state: StorageInitiatorState, io: Io, flood: Flood, elapsedMs: number, readBackMatches: boolean | null): void {
  state.run = undefined;
  const { count: operations, good, failed, firstFailure, latencyMs } = flood;
  const output: RunOutput = { operations, good, failed, firstFailure, elapsedMs, latencyMs, readBackMatches };
  io.reply(flood.commandId, { ok: true, output });
}

const sameBytes = (a: Uint8Array | undefined, b: Uint8Array) => a !== undefined && a.byteLength === b.byteLength && a.every((byte, i) => byte === b[i]);

// --- commands and frames --------------------------------------------------------------------------

/** The integer parameter `key`, or the reply that says why it is not one in [1, max]. */
function countParameter(parameters: Record<string, unknown>, key: string, max: number): number | CommandReply {
  const value = parameters[key];
  if (typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= max) return value;
  return refuse('InvalidArgument', 'InvalidStorageBenchParameter', `storage bench parameter "${key}" must be an integer from 1 to ${max}, got ${JSON.stringify(value)}`);
}

function lunParameter(state: StorageInitiatorState, parameters: Record<string, unknown>): number | CommandReply {
  const lun = parameters.lun;
  if (typeof lun === 'number' && state.config.luns.includes(lun)) return lun;
  return refuse('InvalidArgument', 'InvalidStorageBenchParameter', `storage bench parameter "lun" must be one of ${state.config.luns.join(', ')}, got ${JSON.stringify(lun)}`);
}

function lbasParameter(parameters: Record<string, unknown>): number[] | CommandReply {
  const lbas = parameters.lbas;
  const valid = Array.isArray(lbas) && lbas.length >= 1 && lbas.length <= storageInitiatorLimits.operationsMax && lbas.every((lba) => Number.isSafeInteger(lba) && lba >= 0);
  if (valid) return lbas as number[];
  const shown = Array.isArray(lbas) ? `a list of ${lbas.length}` : JSON.stringify(lbas);
  return refuse('InvalidArgument', 'InvalidStorageBenchParameter', `storage bench parameter "lbas" must be 1 to ${storageInitiatorLimits.operationsMax} LBAs (safe integers >= 0), got ${shown}`);
}

function firstIndexParameter(parameters: Record<string, unknown>): number | CommandReply {
  const firstIndex = parameters.firstIndex ?? 0;
  if (typeof firstIndex === 'number' && Number.isSafeInteger(firstIndex) && firstIndex >= 0) return firstIndex;
  return refuse('InvalidArgument', 'InvalidStorageBenchParameter', `storage bench parameter "firstIndex" must be a safe integer >= 0, got ${JSON.stringify(firstIndex)}`);
}

/** The workload a flood command asks for, or the reply that says what is wrong with it. */
function workloadOf(state: StorageInitiatorState, command: Extract<LabCommand, { type: 'Cmdlet' }>): { workload: Workload; count: number; window: number } | CommandReply {
  const { name, parameters } = command;
  const lun = lunParameter(state, parameters);
  const window = countParameter(parameters, 'window', storageInitiatorLimits.windowMax);
  if (typeof lun !== 'number') return lun;
  if (typeof window !== 'number') return window;
  if (name === storageInitiatorCommands.writes) {
    const lbas = lbasParameter(parameters);
    const firstIndex = firstIndexParameter(parameters);
    if (!Array.isArray(lbas)) return lbas;
    if (typeof firstIndex !== 'number') return firstIndex;
    return { workload: { type: 'Writes', lun, lbas, firstIndex }, count: lbas.length, window };
  }
  const count = countParameter(parameters, 'count', storageInitiatorLimits.operationsMax);
  if (typeof count !== 'number') return count;
  return { workload: { type: 'Reservations', lun }, count, window };
}

function startRun(state: StorageInitiatorState, io: Io, commandId: string, command: Extract<LabCommand, { type: 'Cmdlet' }>): void {
  const name = command.name;
  if (name === storageInitiatorCommands.setup) return startSetup(state, io, commandId);
  if (name !== storageInitiatorCommands.reservations && name !== storageInitiatorCommands.writes) {
    return io.reply(commandId, refuse('ObjectNotFound', 'UnknownStorageBenchCommand', `storage initiator has no command "${name}"`));
  }
  if (state.sessionId === undefined) return io.reply(commandId, refuse('InvalidOperation', 'StorageBenchNotLoggedIn', `run ${storageInitiatorCommands.setup} before ${name}`));
  const asked = workloadOf(state, command);
  if ('ok' in asked) return io.reply(commandId, asked);
  startFlood(state, io, { commandId, ...asked });
}

function onCommand(state: StorageInitiatorState, io: Io, commandId: string, command: LabCommand): void {
  switch (command.type) {
    case 'Inspect':
      return io.reply(commandId, { ok: true, output: { sessionId: state.sessionId ?? null, nextSerial: state.nextSerial, running: state.run?.mode ?? null } });
    case 'Cmdlet':
      if (state.run) return io.reply(commandId, refuse('InvalidOperation', 'StorageBenchBusy', `storage initiator is already running a ${state.run.mode}`));
      return startRun(state, io, commandId, command);
    case 'WorkloadWrite':
    case 'WorkloadRead':
      return io.reply(commandId, notANode('storage initiator', command));
    default:
      return assertNever(command, 'lab command');
  }
}

/** The target's answer as one shape, or undefined for frames that answer nothing of ours. */
function answerOf(message: NodeMessage): Answer | undefined {
  switch (message.type) {
    case 'ScsiResponse': {
      const failure = message.status === 'Good' ? '' : `${message.status}${message.sense ? ` (${message.sense.senseKey} ${message.sense.asc}/${message.sense.ascq})` : ''}`;
      return { requestId: message.requestId, good: message.status === 'Good', failure, data: message.data, response: message };
    }
    case 'IscsiLoginResponse': {
      const good = message.statusClass === 0 && message.sessionId !== undefined;
      return { requestId: message.requestId, good, failure: `login status ${message.statusClass}/${message.statusDetail}`, data: undefined, response: message };
    }
    case 'IscsiReject':
      return { requestId: message.requestId, good: false, failure: `Reject ${message.reason}: ${message.detail}`, data: undefined, response: message };
    default:
      return undefined; // heartbeats, directory replies, logout and NOP-In: nothing the bench waits for
  }
}

function onFrame(state: StorageInitiatorState, io: Io, input: Extract<ActorInput<NodeMessage, never>, { type: 'Frame' }>): void {
  const run = state.run;
  const answer = input.source === state.config.target ? answerOf(input.message) : undefined;
  if (!run || !answer) return;
  switch (run.mode) {
    case 'Setup':
      return onSetupAnswer(state, io, run, answer);
    case 'Flood':
      return onFloodAnswer(state, io, run, answer);
    case 'ReadBack':
      if (serialOf(answer.requestId) !== run.awaited) return;
      return finishFlood(state, io, run.flood, run.elapsedMs, answer.good && sameBytes(answer.data, run.expected));
    default:
      return assertNever(run, 'storage initiator run');
  }
}

export const storageInitiatorActor: ActorDefinition<StorageInitiatorConfig, StorageInitiatorState, NodeMessage, never> = {
  kind: 'node',
  accepts: NodeAccepts,
  init: (config) => ({ config, sessionId: undefined, nextSerial: 1, run: undefined }),
  step(state, input, io) {
    switch (input.type) {
      case 'Frame':
        return onFrame(state, io, input);
      case 'Command':
        return onCommand(state, io, input.requestId, input.command);
      case 'Timer':
        return; // it sets none
      default:
        return assertNever(input, 'storage initiator input');
    }
  },
  checkInvariants(state) {
    const run = state.run;
    if (run?.mode === 'Flood' && !(run.answered <= run.sent && run.sent <= run.count && run.latencyMs.length === run.answered)) {
      throw new Error(`storage initiator flood counts out of order: answered ${run.answered}, sent ${run.sent}, count ${run.count}, latencies ${run.latencyMs.length}`);
    }
  },
};
