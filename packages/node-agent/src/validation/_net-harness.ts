// A test harness (private): the validation subsystems of a few nodes on a virtual clock, wired by
// hand-delivered frames. Each node has its own recording io and an iSCSI initiator with no target
// (no disks), so runs gather facts and ping, and a frame filter plays the fabric (a NIC down drops
// what goes out or comes in on it). Timers fire in deadline order, frames after `latencyMs`.
import { MemoryBlockStore, MemoryDurableStore, Prng, RecordingIo, type CommandReply, type LabEvent, type NodeMessage, type ValidationMessage } from '@wsfc-lab/protocol';
import type { NodeConfig } from '../config.js';
import { heartbeatDefaults } from '../settings.js';
import { storage, takeCompletions, type StorageState } from '../storage/mod.js';
import { initValidation, onValidationCompletions, onValidationMessage, onValidationTimer, validationCmdlets } from './subsystem.js';
import type { ValidationHost, ValidationState, ValidationTimer } from './state.js';

export const harnessNetworks = [
  { name: 'Management', subnet: '172.16.1.0/24', role: 'ClusterAndClient' as const },
  { name: 'Cluster', subnet: '10.0.1.0/24', role: 'ClusterOnly' as const },
];

const addressesOf = (id: number) => ({ Management: `172.16.1.${10 + id}`, Cluster: `10.0.1.${10 + id}` });

export function harnessConfig(names: readonly string[], self: string): NodeConfig {
  const id = names.indexOf(self) + 1;
  return {
    name: self,
    id,
    networks: harnessNetworks.map((n) => ({ ...n })),
    addresses: addressesOf(id),
    peers: names.flatMap((name, i) => (name === self ? [] : [{ name, id: i + 1, addresses: addressesOf(i + 1) }])),
    settings: { ...heartbeatDefaults },
  };
}

interface HarnessNode {
  io: RecordingIo<unknown>;
  config: NodeConfig;
  storage: StorageState;
  validation: ValidationState;
  alive: boolean;
}

type Pending = { atMs: number; seq: number } & ({ kind: 'timer'; node: string; timerId: number; timer: unknown } | { kind: 'frame'; node: string; source: string; network: string; message: NodeMessage });

export class ValidationNet {
  nowMs = 0;
  readonly nodes = new Map<string, HarnessNode>();
  readonly replies: CommandReply[] = [];
  readonly events: { node: string; event: LabEvent }[] = [];
  readonly sent: { from: string; to: string; network: string; message: ValidationMessage }[] = [];
  /** Drops a frame when true (a NIC down, a partition). */
  drop: (frame: { from: string; to: string; network: string; message: ValidationMessage }) => boolean = () => false;
  /** Extra one-way delay of a frame, in ms (a slow path). */
  delayMs: (frame: { from: string; to: string; network: string; message: ValidationMessage }) => number = () => 0;
  private queue: Pending[] = [];
  private seq = 0;

  constructor(names: readonly string[], readonly latencyMs = 0.2) {
    for (const name of names) {
      const config = harnessConfig(names, name);
      const io = new RecordingIo<unknown>({ self: name, incarnation: 0, prng: new Prng(7).fork(name), now: () => this.nowMs, store: new MemoryDurableStore(), blocks: new MemoryBlockStore() });
      const node: HarnessNode = { io, config, storage: storage.init(config, io), validation: initValidation(config, io.store), alive: true };
      this.nodes.set(name, node);
      this.flush(name);
    }
  }

  host(name: string): ValidationHost {
    const node = this.nodes.get(name)!;
    return { io: node.io as ValidationHost['io'], config: node.config, storage: node.storage, membership: undefined };
  }

  state(name: string): ValidationState {
    return this.nodes.get(name)!.validation;
  }

  kill(name: string): void {
    this.nodes.get(name)!.alive = false;
  }

  /** Runs a cmdlet on `node` and the clock until it is answered or `forMs` passes. */
  cmdlet(node: string, parameters: Record<string, unknown>, forMs = 60_000): CommandReply | undefined {
    const before = this.replies.length;
    this.step(node, (host, state) => validationCmdlets['Test-Cluster']!(state, { requestId: `r${before}`, parameters }, host));
    this.runUntil(() => this.replies.length > before, this.nowMs + forMs);
    return this.replies[before];
  }

  /** Starts a cmdlet without running the clock (a second call can then be made while it runs). */
  startCmdlet(node: string, parameters: Record<string, unknown>): void {
    this.step(node, (host, state) => validationCmdlets['Test-Cluster']!(state, { requestId: `bg${this.replies.length}`, parameters }, host));
  }

  runUntil(done: () => boolean, deadlineMs: number): void {
    while (!done()) {
      this.queue.sort((a, b) => a.atMs - b.atMs || a.seq - b.seq);
      const next = this.queue[0];
      if (!next || next.atMs > deadlineMs) return;
      this.queue.shift();
      this.nowMs = Math.max(this.nowMs, next.atMs);
      this.deliver(next);
    }
  }

  private deliver(item: Pending): void {
    const node = this.nodes.get(item.node);
    if (!node?.alive) return;
    if (item.kind === 'timer') {
      if (!node.io.timerFired(item.timerId)) return;
      const timer = item.timer as { subsystem: string };
      if (timer.subsystem === 'validation') this.step(item.node, (host, state) => onValidationTimer(state, timer as ValidationTimer, host));
      else this.step(item.node, (_host, _state, n) => storage.onTimer?.(n.storage, timer as never, n.io as never));
      return;
    }
    this.step(item.node, (host, state) => onValidationMessage(state, { source: item.source, network: item.network, message: item.message }, host));
  }

  private step(name: string, action: (host: ValidationHost, state: ValidationState, node: HarnessNode) => void): void {
    const node = this.nodes.get(name)!;
    action(this.host(name), node.validation, node);
    const completions = takeCompletions(node.storage);
    if (completions.length > 0) onValidationCompletions(node.validation, completions, this.host(name));
    this.flush(name);
  }

  private flush(name: string): void {
    const node = this.nodes.get(name)!;
    // A cancelled timer is no longer pending in the io, so `timerFired` skips it when it comes due.
    for (const effect of node.io.drain()) {
      if (effect.type === 'SetTimer') this.queue.push({ kind: 'timer', node: name, timerId: effect.timerId, timer: effect.timer, atMs: this.nowMs + effect.delayMs, seq: this.seq++ });
      else if (effect.type === 'Reply') this.replies.push(effect.reply);
      else if (effect.type === 'Emit') this.events.push({ node: name, event: effect.event });
      else if (effect.type === 'Send') this.send(name, effect.destination, effect.network, effect.message as ValidationMessage);
    }
  }

  private send(from: string, to: string, network: string, message: ValidationMessage): void {
    const frame = { from, to, network, message };
    this.sent.push(frame);
    if (!this.nodes.has(to) || this.drop(frame)) return;
    this.queue.push({ kind: 'frame', node: to, source: from, network, message, atMs: this.nowMs + this.latencyMs + this.delayMs(frame), seq: this.seq++ });
  }
}
