// A fake Runtime for the scenario tests: a virtual clock the test moves, an event history the test
// writes, and lab commands answered by a function of the clock (by default, a small cluster
// database answering the Get-Cluster* cmdlets with the node actor's output contract). The real
// node answers arrive through the same `Cmdlet` command; this stands in for them.
import type { CommandReply, HistoryEntry, LabCommand, LabEvent } from '@wsfc-lab/protocol';
import { defaultLab } from '../config/mod.js';
import { buildLab, type BuiltLab } from '../lab/build-lab.js';
import { ClusterView } from '../observe/cluster-view.js';
import type { Runtime } from '../runtime/runtime.js';
import type { ReadContext } from './cluster-reads.js';

export type Answer = (actor: string, command: LabCommand, nowMs: number) => CommandReply | undefined;

export interface SentCommand {
  actor: string;
  command: LabCommand;
  atMs: number;
}

export class FakeRuntime implements Runtime {
  readonly name = 'sim' as const;
  readonly seed = 1;
  clockMs = 0;
  readonly entries: HistoryEntry[] = [];
  readonly sent: SentCommand[] = [];
  readonly down = new Set<string>();
  /** Entries the clock will log when it reaches their time (in time order). */
  private readonly scheduled: HistoryEntry[] = [];

  constructor(private readonly answer: Answer) {}

  async start(): Promise<void> {}
  async kill(actor: string): Promise<void> {
    this.down.add(actor);
  }
  async restart(actor: string): Promise<void> {
    this.down.delete(actor);
  }
  async pause(): Promise<void> {}
  isAlive(actor: string): boolean {
    return !this.down.has(actor);
  }
  isPaused(): boolean {
    return false;
  }
  updateFabric(): void {}
  /**
   * As `sim` does, answer a command only while something runs the clock (`runUntil`), each
   * `replyDelayMs` after it was sent; off, commands are answered at once.
   */
  replyDelayMs: number | undefined;
  private readonly pending: { dueMs: number; settle: () => void }[] = [];

  startCommand(actor: string, command: LabCommand): Promise<CommandReply | undefined> {
    this.sent.push({ actor, command, atMs: this.clockMs });
    const reply = () => (this.down.has(actor) ? undefined : this.answer(actor, command, this.clockMs));
    if (this.replyDelayMs === undefined) return Promise.resolve(reply());
    return new Promise((resolve) => this.pending.push({ dueMs: this.clockMs + (this.replyDelayMs ?? 0), settle: () => resolve(reply()) }));
  }
  async command(actor: string, command: LabCommand): Promise<CommandReply | undefined> {
    const settled = this.startCommand(actor, command);
    await this.runUntil(() => this.pending.length === 0, Number.POSITIVE_INFINITY);
    return settled;
  }
  pendingCommands(): number {
    return this.pending.length;
  }
  nowMs(): number {
    return this.clockMs;
  }
  /** Like `sim`: a synchronous loop over what is due, the predicate tested after each. */
  async runUntil(predicate: () => boolean, deadlineMs: number): Promise<boolean> {
    for (;;) {
      if (predicate()) return true;
      const entryMs = this.scheduled[0]?.atMs ?? Number.POSITIVE_INFINITY;
      const replyMs = Math.min(...this.pending.map((p) => p.dueMs));
      const nextMs = Math.min(entryMs, replyMs);
      if (nextMs > deadlineMs) break;
      this.clockMs = Math.max(this.clockMs, nextMs);
      if (replyMs <= entryMs) {
        const index = this.pending.findIndex((p) => p.dueMs === replyMs);
        this.pending.splice(index, 1)[0]?.settle();
      } else {
        this.entries.push({ ...this.scheduled.shift()!, seq: this.entries.length });
      }
    }
    if (Number.isFinite(deadlineMs)) this.clockMs = Math.max(this.clockMs, deadlineMs);
    return predicate();
  }

  /** Logs `event` from `source` when the clock reaches `atMs`. */
  schedule(atMs: number, source: string, event: LabEvent): void {
    this.scheduled.push({ atMs, source, seq: 0, event });
    this.scheduled.sort((a, b) => a.atMs - b.atMs);
  }
  heldAtMs(): number {
    return this.clockMs;
  }
  record(event: LabEvent): void {
    this.emit('lab', event);
  }
  emit(source: string, event: LabEvent): void {
    this.entries.push({ atMs: this.clockMs, source, seq: this.entries.length, event });
  }
  onEntry(): void {}
  history(): readonly HistoryEntry[] {
    return this.entries;
  }
  async stop(): Promise<void> {}

  /** The `Cmdlet` commands sent, as `name {parameters}`. */
  cmdlets(): string[] {
    return this.sent.flatMap((s) => (s.command.type === 'Cmdlet' ? [`${s.command.name} ${JSON.stringify(s.command.parameters)}`] : []));
  }
}

export interface FakeDatabase {
  nodes: Record<string, unknown>[];
  groups: Record<string, unknown>[];
  resources: Record<string, unknown>[];
  cluster: Record<string, unknown>;
  quorum: Record<string, unknown>;
}

export const sampleDatabase = (): FakeDatabase => ({
  nodes: [
    { Name: 'node01', ID: 1, State: 'Up', NodeWeight: 1, DynamicWeight: 1 },
    { Name: 'node02', ID: 2, State: 'Up', NodeWeight: 1, DynamicWeight: 0 },
  ],
  groups: [
    { Name: 'Cluster Group', OwnerNode: 'node01', State: 'Online', GroupType: 'Cluster', Priority: 3000 },
    { Name: 'File Server', OwnerNode: 'node01', State: 'Online', GroupType: 'FileServer', Priority: 2000 },
  ],
  resources: [{ Name: 'Cluster Disk 1', State: 'Online', OwnerGroup: 'File Server', OwnerNode: 'node01', ResourceType: 'Physical Disk' }],
  cluster: { Name: 'wsfc-cluster', Domain: 'wsfc.local', SameSubnetDelay: 1000, SameSubnetThreshold: 10 },
  quorum: { Cluster: 'wsfc-cluster', QuorumResource: 'Witness', QuorumType: 'NodeAndDiskMajority' },
});

const notFound = (kind: string, name: unknown): CommandReply => ({
  ok: false,
  error: { category: 'ObjectNotFound', errorId: `ClusterObjectNotFound,Get-Cluster${kind}`, message: `The cluster ${kind.toLowerCase()} '${String(name)}' was not found.` },
});

/** Answers Get-Cluster* from `db()` (read at each command, so a test can change it), by the contract's shapes. */
export function clusterAnswers(db: () => FakeDatabase): Answer {
  return (_actor, command) => {
    if (command.type !== 'Cmdlet') return { ok: false, error: { category: 'InvalidOperation', errorId: 'NoInspect', message: 'no Inspect here' } };
    const name = command.parameters.Name;
    const byName = (kind: string, list: Record<string, unknown>[]): CommandReply => {
      if (name === undefined) return { ok: true, output: list };
      const found = list.filter((o) => String(o.Name).toLowerCase() === String(name).toLowerCase());
      return found.length === 0 ? notFound(kind, name) : { ok: true, output: found };
    };
    const data = db();
    switch (command.name) {
      case 'Get-ClusterNode':
        return byName('Node', data.nodes);
      case 'Get-ClusterGroup':
        return byName('Group', data.groups);
      case 'Get-ClusterResource':
        return byName('Resource', data.resources);
      case 'Get-Cluster':
        return { ok: true, output: data.cluster };
      case 'Get-ClusterQuorum':
        return { ok: true, output: data.quorum };
      default:
        return { ok: true, output: { Cmdlet: command.name, Parameters: command.parameters } };
    }
  };
}

/** The default lab's machines, a fake runtime, and a view in which `upNodes` are Up (the first answers). */
export function fakeCluster(answer: Answer, upNodes: readonly string[] = ['node01', 'node02']): ReadContext & { runtime: FakeRuntime; lab: BuiltLab } {
  const lab = buildLab(defaultLab());
  const runtime = new FakeRuntime(answer);
  const view = new ClusterView(lab.nodes);
  for (const node of upNodes) {
    for (const peer of upNodes) view.apply({ atMs: 0, source: node, seq: 0, event: { type: 'NodeStateChanged', node: peer, State: 'Up', previous: 'Down' } });
  }
  return { runtime, view, lab, clusterName: 'wsfc-cluster' };
}
