// A test bench for the storage target actor: a recording io on a hand-stepped clock, the
// in-memory stores, and initiators whose frames go through the real msgpack codec and schemas in
// both directions, as they would between workers. A restart is a fresh `init` on the same stores.
import {
  MemoryBlockStore,
  MemoryDurableStore,
  Prng,
  RecordingIo,
  decodeFrame,
  decodeMessage,
  encodeFrame,
  formatReservationKey,
  zeroReservationKey,
} from '@wsfc-lab/protocol';
import type { Effect, LabCommand, LabEvent, NodeMessage, PrOutServiceAction, ReservationType, StorageMessage, WireMessage } from '@wsfc-lab/protocol';
import { storageTargetActor } from './actor.js';
import { microsoftInitiatorIqn, targetIqnFor, type StorageTargetConfig } from './config.js';
import type { StorageTargetState, StorageTimer } from './state.js';

export const mib = 1024 * 1024;

export const labConfig: StorageTargetConfig = {
  name: 'host',
  address: '172.16.1.1',
  targets: [
    {
      name: 'wsfc',
      initiatorIds: ['node01', 'node02', 'node03'],
      luns: [
        { disk: 'Cluster Disk 1', sizeBytes: 64 * mib },
        { disk: 'Witness', sizeBytes: 1 * mib },
      ],
    },
  ],
};

export const wsfcTargetIqn = targetIqnFor('host', 'wsfc');
export const iqnOf = (node: string) => microsoftInitiatorIqn(`${node}.wsfc.local`);
export const keyFor = (n: number) => formatReservationKey(n);

interface PendingTimer {
  timerId: number;
  dueMs: number;
  timer: StorageTimer;
}

/** Passes a message through the codec and the receiver's schema, as the runtimes do. */
function transport<M>(kind: 'storage' | 'node', o: { source: string; destination: string; network: string; message: WireMessage }): M {
  const bytes = encodeFrame({ source: o.source, destination: o.destination, network: o.network, sequence: 1 }, o.message);
  const frame = decodeFrame(bytes);
  if (!frame.ok) throw new Error(`frame rejected: ${frame.reason}: ${frame.detail}`);
  const decoded = decodeMessage(kind, frame.frame);
  if (!decoded.ok) throw new Error(`${kind} rejected ${o.message.type}: ${decoded.reason}: ${decoded.detail}`);
  return decoded.message as M;
}

export class TargetBench {
  readonly store: MemoryDurableStore;
  readonly blocks: MemoryBlockStore;
  nowMs: number;
  io!: RecordingIo<StorageTimer>;
  state!: StorageTargetState;
  /** Every effect since start, in order. */
  readonly effects: Effect<StorageTimer>[] = [];
  private timers: PendingTimer[] = [];
  private requestCounter = 0;

  constructor(o: { config?: StorageTargetConfig; store?: MemoryDurableStore; blocks?: MemoryBlockStore; nowMs?: number; incarnation?: number } = {}) {
    this.store = o.store ?? new MemoryDurableStore();
    this.blocks = o.blocks ?? new MemoryBlockStore();
    this.nowMs = o.nowMs ?? 0;
    this.start(o.config ?? labConfig, o.incarnation ?? 0);
  }

  /** Starts the actor; used again by `restart`. */
  private start(config: StorageTargetConfig, incarnation: number): void {
    this.timers = [];
    this.io = new RecordingIo<StorageTimer>({
      self: 'host',
      incarnation,
      prng: new Prng(42).fork(`host/${incarnation}`),
      now: () => this.nowMs,
      store: this.store,
      blocks: this.blocks,
    });
    this.state = storageTargetActor.init(config, this.io);
    this.collect();
  }

  /** What a worker restart does: a fresh `init` on the same stores, timers and memory gone. */
  restart(config: StorageTargetConfig = labConfig): TargetBench {
    const next = new TargetBench({ config, store: this.store, blocks: this.blocks, nowMs: this.nowMs, incarnation: this.io.incarnation + 1 });
    return next;
  }

  private collect(): Effect<StorageTimer>[] {
    const drained = this.io.drain();
    for (const effect of drained) {
      if (effect.type === 'SetTimer') this.timers.push({ timerId: effect.timerId, dueMs: this.nowMs + effect.delayMs, timer: effect.timer });
      if (effect.type === 'CancelTimer') this.timers = this.timers.filter((t) => t.timerId !== effect.timerId);
    }
    this.effects.push(...drained);
    return drained;
  }

  private step(input: Parameters<typeof storageTargetActor.step>[1]): Effect<StorageTimer>[] {
    storageTargetActor.step(this.state, input, this.io);
    storageTargetActor.checkInvariants?.(this.state);
    return this.collect();
  }

  nextRequestId(): string {
    return `r${++this.requestCounter}`;
  }

  /** Delivers a frame from `source`; returns what the target sent back to it, decoded as a node would. */
  frame(source: string, message: StorageMessage, network = 'Storage'): NodeMessage[] {
    const delivered = transport<StorageMessage>('storage', { source, destination: 'host', network, message });
    const effects = this.step({ type: 'Frame', source, network, message: delivered });
    return effects.flatMap((e) =>
      e.type === 'Send' && e.destination === source ? [transport<NodeMessage>('node', { source: 'host', destination: source, network: e.network, message: e.message })] : [],
    );
  }

  command(command: LabCommand): Effect<StorageTimer>[] {
    return this.step({ type: 'Command', requestId: this.nextRequestId(), command });
  }

  cmdlet(name: string, parameters: Record<string, unknown> = {}) {
    const reply = this.command({ type: 'Cmdlet', name, parameters }).find((e) => e.type === 'Reply');
    if (!reply || reply.type !== 'Reply') throw new Error(`${name} did not reply`);
    return reply.reply;
  }

  /** Lets simulated time pass, firing due timers in order. */
  advance(ms: number): void {
    const endMs = this.nowMs + ms;
    for (;;) {
      const due = this.timers.filter((t) => t.dueMs <= endMs).sort((a, b) => a.dueMs - b.dueMs || a.timerId - b.timerId)[0];
      if (!due) break;
      this.timers = this.timers.filter((t) => t !== due);
      this.nowMs = due.dueMs;
      this.io.timerFired(due.timerId);
      this.step({ type: 'Timer', timerId: due.timerId, timer: due.timer });
    }
    this.nowMs = endMs;
  }

  events(): LabEvent[] {
    return this.effects.flatMap((e) => (e.type === 'Emit' ? [e.event] : []));
  }

  eventsOf<T extends LabEvent['type']>(type: T): Extract<LabEvent, { type: T }>[] {
    return this.events().filter((e): e is Extract<LabEvent, { type: T }> => e.type === type);
  }
}

/** An initiator as a node's iSCSI stack would drive it. */
export class Initiator {
  sessionId = 0;
  constructor(
    readonly bench: () => TargetBench,
    readonly node: string,
    readonly iqn = iqnOf(node),
  ) {}

  login(targetName = wsfcTargetIqn) {
    const [response] = this.bench().frame(this.node, { type: 'IscsiLogin', requestId: this.bench().nextRequestId(), initiatorName: this.iqn, targetName });
    if (response?.type !== 'IscsiLoginResponse') throw new Error(`no login response for ${this.node}`);
    if (response.sessionId !== undefined) this.sessionId = response.sessionId;
    return response;
  }

  /** Sends a SCSI command on this initiator's session; returns the single ScsiResponse (or Reject). */
  scsi(command: DistributiveOmit<Extract<StorageMessage, { sessionId: number }>, 'requestId' | 'sessionId'>, o: { sessionId?: number; from?: string } = {}) {
    const message = { ...command, requestId: this.bench().nextRequestId(), sessionId: o.sessionId ?? this.sessionId } as StorageMessage;
    const responses = this.bench().frame(o.from ?? this.node, message);
    if (responses.length !== 1) throw new Error(`expected one response to ${command.type}, got ${responses.length}`);
    const response = responses[0]!;
    if (response.type !== 'ScsiResponse' && response.type !== 'IscsiReject' && response.type !== 'IscsiNopIn' && response.type !== 'IscsiLogoutResponse') {
      throw new Error(`unexpected ${response.type}`);
    }
    return response;
  }

  prOut(o: { serviceAction: PrOutServiceAction; key?: string; serviceActionKey?: string; reservationType?: ReservationType; aptpl?: boolean; lun?: number }) {
    return this.scsi({
      type: 'PersistentReserveOut',
      lun: o.lun ?? 0,
      serviceAction: o.serviceAction,
      key: o.key ?? zeroReservationKey,
      serviceActionKey: o.serviceActionKey ?? zeroReservationKey,
      ...(o.reservationType ? { reservationType: o.reservationType } : {}),
      aptpl: o.aptpl ?? false,
    });
  }

  write(lba: number, data: Uint8Array, lun = 0) {
    return this.scsi({ type: 'ScsiWrite', lun, lba, data });
  }

  read(lba: number, blockCount: number, lun = 0) {
    return this.scsi({ type: 'ScsiRead', lun, lba, blockCount });
  }
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** `blockCount` blocks filled with `byte`. */
export function filled(byte: number, blockCount = 1): Uint8Array {
  return new Uint8Array(blockCount * 512).fill(byte);
}
