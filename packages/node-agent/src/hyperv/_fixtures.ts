// Test bench for the Hyper-V host: several hosts' HyperVState on one virtual clock, wired by hand.
// Send effects become frames delivered to the destination's onHyperVFrame (zero latency, FIFO),
// SetTimer effects become timers fired through onHyperVTimer in due order. A host marked silent
// neither receives nor sends frames (a destination that went away without a word).
import { MemoryBlockStore, MemoryDurableStore, Prng, RecordingIo, type CommandReply, type LabEvent, type NodeMessage, type WireMessage } from '@wsfc-lab/protocol';
import type { NodeConfig } from '../config.js';
import { heartbeatDefaults } from '../settings.js';
import { hypervCmdlets } from './cmdlets.js';
import type { HyperVHost } from './migration-link.js';
import { requestMigration, type MigrationRequest } from './migration-source.js';
import { initHyperV, onHyperVFrame, onHyperVTimer } from './subsystem.js';
import type { HyperVNotice, HyperVState, HyperVTimer, VmConfig } from './types.js';
import { registerVm } from './vms.js';

export const GiB = 1024 ** 3;
export const MiB = 1024 ** 2;

export interface TestHost {
  name: string;
  h: HyperVState;
  io: RecordingIo<HyperVTimer>;
  host: HyperVHost;
  store: MemoryDurableStore;
}

export interface Frame {
  from: string;
  to: string;
  network: string;
  message: WireMessage;
}

interface PendingTimer {
  node: string;
  dueMs: number;
  seq: number;
  timerId: number;
  timer: HyperVTimer;
}

export function nodeConfig(name: string, extra: Partial<NodeConfig> = {}): NodeConfig {
  return {
    name,
    id: Number(name.replace(/\D/g, '')) || 1,
    networks: [
      { name: 'Cluster', subnet: '172.16.2.0/24', role: 'ClusterOnly', bandwidthGbps: 1 },
      { name: 'Public', subnet: '172.16.1.0/24', role: 'ClusterAndClient', bandwidthGbps: 1 },
    ],
    addresses: {},
    peers: [],
    settings: heartbeatDefaults,
    ...extra,
  };
}

export function vmConfig(name: string, o: Partial<VmConfig> = {}): VmConfig {
  return {
    name,
    memoryStartupBytes: GiB,
    workingSetBytes: 256 * MiB,
    dirtyRateBytesPerSec: 0,
    processorCount: 2,
    version: '10.0',
    path: `C:\\ClusterStorage\\Volume1\\${name}`,
    storage: 'Cluster Disk 2',
    clustered: false,
    ...o,
  };
}

export class Bench {
  nowMs = 0;
  readonly hosts: Record<string, TestHost> = {};
  readonly frames: Frame[] = [];
  /** Every frame sent, delivered or not. */
  readonly sentLog: Frame[] = [];
  readonly events: { node: string; event: LabEvent }[] = [];
  readonly replies: { node: string; requestId: string; reply: CommandReply }[] = [];
  readonly silent = new Set<string>();
  private timers: PendingTimer[] = [];
  private seq = 0;
  private requests = 0;

  addHost(name: string, extra: Partial<NodeConfig> = {}, store = new MemoryDurableStore()): TestHost {
    const io = new RecordingIo<HyperVTimer>({ self: name, incarnation: 0, prng: new Prng(7), now: () => this.nowMs, store, blocks: new MemoryBlockStore() });
    const host: HyperVHost = { io, networksTo: () => ['Cluster', 'Public'] };
    const h = initHyperV(nodeConfig(name, extra), host);
    const th: TestHost = { name, h, io, host, store };
    this.hosts[name] = th;
    this.collect(name);
    return th;
  }

  get(name: string): TestHost {
    const th = this.hosts[name];
    if (!th) throw new Error(`no host ${name} on the bench`);
    return th;
  }

  /** Registers a VM that already runs on `node` (no event). */
  running(node: string, config: VmConfig): void {
    const vm = registerVm(this.get(node).h, config, 'Running');
    vm.runningSinceMs = this.nowMs;
  }

  /** Runs `fn` against a host and takes the effects it recorded. */
  act<T>(node: string, fn: (th: TestHost) => T): T {
    const out = fn(this.get(node));
    this.collect(node);
    return out;
  }

  /** Calls a cmdlet on `node` and returns its reply. */
  cmdlet(node: string, name: string, parameters: Record<string, unknown> = {}): CommandReply {
    const cmdlet = hypervCmdlets[name];
    if (!cmdlet) throw new Error(`no cmdlet ${name}`);
    const requestId = `r${++this.requests}`;
    this.act(node, (th) => cmdlet(th.h, { requestId, parameters }, th.host));
    const reply = this.replies.find((r) => r.requestId === requestId);
    if (!reply) throw new Error(`${name} did not reply`);
    return reply.reply;
  }

  /** Asks `from` to migrate (Live unless told); throws when it refuses to queue it. */
  migrate(from: string, request: Partial<MigrationRequest> & { vm: string; destination: string }): string {
    const result = this.act(from, (th) => requestMigration(th.h, th.host, { migrationType: 'Live', ...request }));
    if (!result.ok) throw new Error(result.message);
    return result.migrationId;
  }

  phaseOf(from: string, migrationId: string): string | undefined {
    return this.get(from).h.outgoing.find((m) => m.migrationId === migrationId)?.phase;
  }

  notices(node: string): HyperVNotice[] {
    return this.get(node).h.notices.splice(0);
  }

  collect(node: string): void {
    for (const e of this.get(node).io.drain()) {
      switch (e.type) {
        case 'Send': {
          const frame = { from: node, to: e.destination, network: e.network, message: e.message };
          this.sentLog.push(frame);
          if (!this.silent.has(node)) this.frames.push(frame);
          break;
        }
        case 'SetTimer':
          this.timers.push({ node, dueMs: this.nowMs + e.delayMs, seq: this.seq++, timerId: e.timerId, timer: e.timer });
          break;
        case 'CancelTimer':
          this.timers = this.timers.filter((t) => !(t.node === node && t.timerId === e.timerId));
          break;
        case 'Emit':
          this.events.push({ node, event: e.event });
          break;
        case 'Reply':
          this.replies.push({ node, requestId: e.requestId, reply: e.reply });
          break;
      }
    }
  }

  /** Delivers every frame in flight, and those they cause. */
  deliver(): void {
    for (let n = 0; this.frames.length > 0; n++) {
      if (n > 10_000) throw new Error('frames never stop');
      const f = this.frames.shift()!;
      if (this.silent.has(f.to) || !this.hosts[f.to]) continue;
      this.act(f.to, (th) => onHyperVFrame(th.h, { source: f.from, network: f.network, message: f.message as NodeMessage }, th.host));
    }
  }

  /** Fires the next timer due by `untilMs` (after delivering frames); false when none is. */
  fireNext(untilMs: number): boolean {
    this.deliver();
    const next = [...this.timers].sort((a, b) => a.dueMs - b.dueMs || a.seq - b.seq)[0];
    if (!next || next.dueMs > untilMs) return false;
    this.timers = this.timers.filter((t) => t !== next);
    this.nowMs = Math.max(this.nowMs, next.dueMs);
    this.act(next.node, (th) => {
      th.io.timerFired(next.timerId);
      onHyperVTimer(th.h, next.timer, th.host);
    });
    this.deliver();
    return true;
  }

  /** Lets `ms` of virtual time pass. */
  advance(ms: number): void {
    const untilMs = this.nowMs + ms;
    while (this.fireNext(untilMs));
    this.nowMs = untilMs;
  }

  /** Runs until `done` holds (checked after each frame batch and timer), at most `maxMs`; returns whether it held. */
  runUntil(done: () => boolean, maxMs = 600_000): boolean {
    const untilMs = this.nowMs + maxMs;
    this.deliver();
    while (!done()) if (!this.fireNext(untilMs)) return false;
    return true;
  }

  eventsOf<K extends LabEvent['type']>(type: K): (Extract<LabEvent, { type: K }> & { node: string })[] {
    return this.events.flatMap(({ node, event }) => (event.type === type ? [{ ...(event as Extract<LabEvent, { type: K }>), node }] : []));
  }

  /** The VmStateChanged of `vm`, as "node:State(cause)". */
  statesOf(vm: string): string[] {
    return this.eventsOf('VmStateChanged')
      .filter((e) => e.vm === vm)
      .map((e) => `${e.node}:${e.State}(${e.cause})`);
  }

  sentOf(type: WireMessage['type']): Frame[] {
    return this.sentLog.filter((f) => f.message.type === type);
  }
}

/** Two hosts, node01 and node02, with `vm01` (1 GiB, quiet) running on node01. */
export function twoHosts(o: Partial<VmConfig> = {}): Bench {
  const b = new Bench();
  b.addHost('node01');
  b.addHost('node02');
  b.running('node01', vmConfig('vm01', o));
  return b;
}
