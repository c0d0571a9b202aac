// A driver actor for the fabric benchmark. It is of kind `node`, so it speaks the node protocol and
// a real node actor answers it: on a lab command it floods HeartbeatRequest frames at its target
// (a window of them in flight, one more per HeartbeatResponse) or runs sequential ping-pongs, and
// replies to the command when the run is done, with the simulated ms it took. It also answers the
// target's own heartbeats, as a peer node would, so the target sees a healthy route. It obeys the
// actor contract: time from `io.now()`, every effect through `io`, every run bounded.
import {
  NodeAccepts,
  assertNever,
  notANode,
  limits,
  type ActorDefinition,
  type ActorInput,
  type ActorIo,
  type CommandReply,
  type LabCommand,
  type NodeMessage,
} from '@wsfc-lab/protocol';

export interface PingerConfig {
  /** The actor the pinger sends its heartbeats to (a node actor). */
  target: string;
  /** The network its frames travel on. */
  network: string;
}

export const pingerLimits = {
  /** Requests in flight at once during a flood: one worker port's mailbox. */
  windowMax: limits.mailboxDepthMax,
  /** Requests in one flood. */
  requestsMax: 10_000_000,
  /** Round trips in one ping-pong run (each one is kept as a sample). */
  pingPongCountMax: 100_000,
} as const;

/** The lab commands a pinger understands (as Cmdlet names). */
export const pingerCommands = { flood: 'Start-PingerFlood', pingPong: 'Start-PingerPingPong' } as const;

export interface FloodOutput {
  requests: number;
  responses: number;
  /** Simulated ms from the first request to the last response. */
  elapsedMs: number;
}

export interface PingPongOutput {
  /** One round-trip time per ping, in simulated ms. */
  rttMs: number[];
}

type Run =
  | { mode: 'flood'; requestId: string; requests: number; sent: number; received: number; firstSequence: number; startedAtMs: number }
  | { mode: 'pingPong'; requestId: string; count: number; rttMs: number[]; awaitedSequence: number; sentAtMs: number };

export interface PingerState {
  config: PingerConfig;
  nextSequence: number;
  /** It has had an answer from its target: its requests say so (`hearsYou`), as a node's do. */
  hearsTarget: boolean;
  run: Run | undefined;
}

type Io = ActorIo<never>;

const error = (errorId: string, message: string): CommandReply => ({ ok: false, error: { category: 'InvalidArgument', errorId, message } });

/** The integer parameter `key`, or the reply that says why it is not one in [1, max]. */
function countParameter(parameters: Record<string, unknown>, key: string, max: number): number | CommandReply {
  const value = parameters[key];
  if (typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= max) return value;
  return error('InvalidPingerParameter', `pinger parameter "${key}" must be an integer from 1 to ${max}, got ${JSON.stringify(value)}`);
}

function sendRequest(state: PingerState, io: Io): number {
  const sequence = state.nextSequence++;
  const { target, network } = state.config;
  io.send(target, network, { type: 'HeartbeatRequest', sequence, incarnation: io.incarnation, sentAtMs: io.now(), hearsYou: state.hearsTarget });
  return sequence;
}

function startFlood(state: PingerState, requestId: string, parameters: Record<string, unknown>, io: Io): void {
  const requests = countParameter(parameters, 'requests', pingerLimits.requestsMax);
  const window = countParameter(parameters, 'window', pingerLimits.windowMax);
  if (typeof requests !== 'number') return io.reply(requestId, requests);
  if (typeof window !== 'number') return io.reply(requestId, window);
  const run: Run = { mode: 'flood', requestId, requests, sent: 0, received: 0, firstSequence: state.nextSequence, startedAtMs: io.now() };
  state.run = run;
  for (; run.sent < Math.min(window, requests); run.sent++) sendRequest(state, io);
}

function startPingPong(state: PingerState, requestId: string, parameters: Record<string, unknown>, io: Io): void {
  const count = countParameter(parameters, 'count', pingerLimits.pingPongCountMax);
  if (typeof count !== 'number') return io.reply(requestId, count);
  const sentAtMs = io.now();
  state.run = { mode: 'pingPong', requestId, count, rttMs: [], awaitedSequence: sendRequest(state, io), sentAtMs };
}

function onResponse(state: PingerState, sequence: number, io: Io): void {
  const run = state.run;
  if (!run) return; // a late answer to a finished run
  switch (run.mode) {
    case 'flood': {
      if (sequence < run.firstSequence) return;
      run.received++;
      if (run.sent < run.requests) {
        run.sent++;
        sendRequest(state, io);
      }
      if (run.received < run.requests) return;
      state.run = undefined;
      const output: FloodOutput = { requests: run.sent, responses: run.received, elapsedMs: io.now() - run.startedAtMs };
      io.reply(run.requestId, { ok: true, output });
      return;
    }
    case 'pingPong': {
      if (sequence !== run.awaitedSequence) return;
      run.rttMs.push(io.now() - run.sentAtMs);
      if (run.rttMs.length < run.count) {
        run.sentAtMs = io.now();
        run.awaitedSequence = sendRequest(state, io);
        return;
      }
      state.run = undefined;
      const output: PingPongOutput = { rttMs: run.rttMs };
      io.reply(run.requestId, { ok: true, output });
      return;
    }
    default:
      assertNever(run, 'pinger run');
  }
}

function onCommand(state: PingerState, requestId: string, command: LabCommand, io: Io): void {
  switch (command.type) {
    case 'Inspect':
      io.reply(requestId, { ok: true, output: { nextSequence: state.nextSequence, running: state.run?.mode ?? null } });
      return;
    case 'Cmdlet':
      if (state.run) {
        io.reply(requestId, { ok: false, error: { category: 'InvalidOperation', errorId: 'PingerBusy', message: `pinger is already running a ${state.run.mode}` } });
        return;
      }
      if (command.name === pingerCommands.flood) return startFlood(state, requestId, command.parameters, io);
      if (command.name === pingerCommands.pingPong) return startPingPong(state, requestId, command.parameters, io);
      io.reply(requestId, { ok: false, error: { category: 'ObjectNotFound', errorId: 'UnknownPingerCommand', message: `pinger has no command "${command.name}"` } });
      return;
    case 'WorkloadWrite':
    case 'WorkloadRead':
      return io.reply(requestId, notANode('pinger', command));
    default:
      assertNever(command, 'lab command');
  }
}

function onFrame(state: PingerState, input: Extract<ActorInput<NodeMessage, never>, { type: 'Frame' }>, io: Io): void {
  const { message, source, network } = input;
  switch (message.type) {
    case 'HeartbeatRequest':
      io.send(source, network, { type: 'HeartbeatResponse', sequence: message.sequence, incarnation: io.incarnation, sentAtMs: io.now() });
      return;
    case 'HeartbeatResponse':
      if (source !== state.config.target) return;
      state.hearsTarget = true;
      onResponse(state, message.sequence, io);
      return;
    default:
      return; // storage and directory replies: a pinger never asked for them
  }
}

export const pingerActor: ActorDefinition<PingerConfig, PingerState, NodeMessage, never> = {
  kind: 'node',
  accepts: NodeAccepts,
  init: (config) => ({ config, nextSequence: 1, hearsTarget: false, run: undefined }),
  step(state, input, io) {
    switch (input.type) {
      case 'Frame':
        onFrame(state, input, io);
        return;
      case 'Command':
        onCommand(state, input.requestId, input.command, io);
        return;
      case 'Timer':
        return; // it sets none
      default:
        assertNever(input, 'pinger input');
    }
  },
  checkInvariants(state) {
    const run = state.run;
    if (run?.mode === 'flood' && !(run.received <= run.sent && run.sent <= run.requests)) {
      throw new Error(`pinger flood counts out of order: received ${run.received}, sent ${run.sent}, requests ${run.requests}`);
    }
  },
};
