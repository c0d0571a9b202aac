// Test fixtures (private): a node actor on a RecordingIo with an in-memory disk and a clock the test
// moves by hand, whose timers fire in deadline order, with checkInvariants after every step as `sim`
// does; and a real directory actor to mint genuine tickets from.
import {
  MemoryBlockStore,
  MemoryDurableStore,
  Prng,
  RecordingIo,
  type CommandReply,
  type DirectoryRequest,
  type Effect,
  type NodeMessage,
  type Ticket,
} from '@wsfc-lab/protocol';
import { directoryActor } from '@wsfc-lab/directory';
import { heartbeatDefaults } from '../settings.js';
import type { NodeConfig } from '../config.js';
import { nodeActor, type NodeActorState, type NodeTimer } from '../node.js';
import type { NodeDirectoryConfig } from './config.js';

export const controller = 'dc01';
export const network = 'Management';

export function directoryConfigFor(joined: boolean): NodeDirectoryConfig {
  return { domain: 'wsfc.local', controller, controllerAddress: '172.16.1.1', network, joined };
}

export function nodeConfig(name: string, options: { address: string; joined?: boolean; directory?: boolean }): NodeConfig {
  return {
    name,
    id: 1,
    networks: [{ name: network, subnet: '172.16.1.0/24', role: 'ClusterAndClient' }],
    addresses: { [network]: options.address },
    peers: [],
    settings: { ...heartbeatDefaults },
    ...(options.directory === false ? {} : { directory: directoryConfigFor(options.joined ?? true) }),
  };
}

type Send = Extract<Effect, { type: 'Send' }>;

export class NodeHarness {
  nowMs: number;
  readonly io: RecordingIo<NodeTimer>;
  readonly state: NodeActorState;
  readonly timers = new Map<number, { atMs: number; timer: NodeTimer }>();
  readonly replies = new Map<string, CommandReply>();
  sends: Send[] = [];
  private nextRequest = 1;

  constructor(
    readonly config: NodeConfig,
    readonly store: MemoryDurableStore = new MemoryDurableStore(),
    incarnation = 0,
    startMs = 0,
  ) {
    this.nowMs = startMs;
    this.io = new RecordingIo<NodeTimer>({
      self: config.name,
      incarnation,
      prng: new Prng(7).fork(`${config.name}#${incarnation}`),
      now: () => this.nowMs,
      store,
      blocks: new MemoryBlockStore(),
    });
    this.state = nodeActor.init(config, this.io);
    this.absorb();
  }

  /** The same machine started again on the same disk. */
  restart(): NodeHarness {
    return new NodeHarness(this.config, this.store, this.io.incarnation + 1, this.nowMs);
  }

  private absorb(): void {
    nodeActor.checkInvariants?.(this.state);
    for (const effect of this.io.drain()) {
      if (effect.type === 'Send') this.sends.push(effect);
      else if (effect.type === 'SetTimer') this.timers.set(effect.timerId, { atMs: this.nowMs + effect.delayMs, timer: effect.timer });
      else if (effect.type === 'CancelTimer') this.timers.delete(effect.timerId);
      else if (effect.type === 'Reply') this.replies.set(effect.requestId, effect.reply);
    }
  }

  /** Runs a cmdlet; returns its request id (its reply, if any yet, is in `replies`). */
  cmdlet(name: string, parameters: Record<string, unknown> = {}): string {
    const requestId = `c${this.nextRequest++}`;
    nodeActor.step(this.state, { type: 'Command', requestId, command: { type: 'Cmdlet', name, parameters } }, this.io);
    this.absorb();
    return requestId;
  }

  /** Runs `change` as a step would (the effects it records are applied, the invariants checked). */
  run(change: (state: NodeActorState, io: RecordingIo<NodeTimer>) => void): void {
    change(this.state, this.io);
    this.absorb();
  }

  inspect(): NodeActorState {
    return this.state;
  }

  frame(source: string, message: NodeMessage): void {
    nodeActor.step(this.state, { type: 'Frame', source, network, message }, this.io);
    this.absorb();
  }

  /** Lets time pass to `atMs`, firing due timers in deadline order. */
  advanceTo(atMs: number): void {
    for (;;) {
      const due = [...this.timers.entries()].filter(([, t]) => t.atMs <= atMs).sort(([a, x], [b, y]) => x.atMs - y.atMs || a - b)[0];
      if (due === undefined) break;
      const [timerId, { atMs: firesAtMs, timer }] = due;
      this.timers.delete(timerId);
      this.nowMs = Math.max(this.nowMs, firesAtMs);
      this.io.timerFired(timerId);
      nodeActor.step(this.state, { type: 'Timer', timerId, timer }, this.io);
      this.absorb();
    }
    this.nowMs = Math.max(this.nowMs, atMs);
  }

  advanceBy(ms: number): void {
    this.advanceTo(this.nowMs + ms);
  }

  /** The requests sent to the directory since the last call. */
  takeRequests(): DirectoryRequest[] {
    const out = this.sends.filter((s) => s.destination === controller).map((s) => s.message as DirectoryRequest);
    this.sends = [];
    return out;
  }

  reply(requestId: string): CommandReply | undefined {
    return this.replies.get(requestId);
  }

  timersOf(type: string): { atMs: number; timer: NodeTimer }[] {
    return [...this.timers.values()].filter((t) => 'type' in t.timer && t.timer.type === type);
  }
}

/** A genuine ticket from a real directory actor: `client` asking for `service` at `nowMs`. */
export function mintTicket(options: { client: string; service: string; nowMs: number }): Ticket {
  const io = new RecordingIo<never>({
    self: controller,
    incarnation: 0,
    prng: new Prng(11).fork('dc'),
    now: () => options.nowMs,
    store: new MemoryDurableStore(),
    blocks: new MemoryBlockStore(),
  });
  const host = options.service.split('/')[1]?.split('.')[0] ?? 'node02';
  const state = directoryActor.init(
    {
      name: controller,
      address: '172.16.1.1',
      domain: 'wsfc.local',
      machines: [
        { name: options.client, address: '172.16.1.5', joined: true },
        { name: host, address: '172.16.1.10', joined: true },
      ],
    },
    io,
  );
  io.drain();
  directoryActor.step(state, { type: 'Frame', source: options.client, network, message: { type: 'TicketRequest', requestId: 't1', requester: options.client, service: options.service } }, io);
  const grant = io.drain().find((e) => e.type === 'Send');
  if (grant?.type !== 'Send' || grant.message.type !== 'TicketGrant') throw new Error(`the directory did not grant ${options.service}: ${JSON.stringify(grant)}`);
  return grant.message.ticket;
}
