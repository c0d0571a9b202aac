// The lab's block workload (issue 7: lost writes are found by writing numbered blocks through the
// disks' owners and reading them back after healing). Not an administrator's cmdlet but the lab's
// stand-in for an application on a clustered disk: a WorkloadWrite goes through this node's
// ownership of the disk exactly as the cluster's own I/O does (arbitration, fenced at the target by
// its reservation key) and is answered only once the target has; a WorkloadRead reads the block
// back. A node that does not have the disk online refuses at once.
import type { CommandReply } from '@wsfc-lab/protocol';
import { readBlocks, type StorageCompletion } from '../storage/mod.js';
import type { ArbitrationOutcome } from '../arbitration/mod.js';
import { pump } from './drive.js';
import type { ClusterHost, ClusterState } from './types.js';

export const workloadSubsystem = 'workload';
/** Workload commands waiting for the target at once; more are refused (STYLE 7). */
export const workloadPendingMax = 256;
const writePrefix = 'wl-';

type Pending = NonNullable<ClusterState['workload']>;

function pendingOf(state: ClusterState): Pending {
  return (state.workload ??= { writes: {}, reads: {}, count: 0, next: 0 });
}

function refuse(host: ClusterHost, requestId: string, errorId: string, message: string): void {
  host.io.reply(requestId, { ok: false, error: { category: 'InvalidOperation', errorId, message } });
}

function onlineHere(state: ClusterState, disk: string): boolean {
  return state.arbitration?.disks[disk]?.role.role === 'Online';
}

export function workloadWrite(state: ClusterState, host: ClusterHost, requestId: string, o: { disk: string; lba: number; data: Uint8Array }): void {
  if (!onlineHere(state, o.disk)) return refuse(host, requestId, 'NotOwner', `"${o.disk}" is not online on ${state.config.name}`);
  const pending = pendingOf(state);
  if (pending.count >= workloadPendingMax) return refuse(host, requestId, 'QueueFull', `${pending.count} workload commands are waiting on ${state.config.name} (workloadPendingMax)`);
  const writeId = `${writePrefix}${pending.next++}`;
  pending.writes[writeId] = requestId;
  pending.count++;
  pump(state, host, [{ type: 'Arbitration', input: { type: 'Write', nowMs: host.io.now(), disk: o.disk, writeId, lba: o.lba, data: o.data } }]);
}

/** The arbitration answered a write: the workload's, if it carries its prefix. */
export function onWorkloadWriteCompleted(state: ClusterState, host: ClusterHost, outcome: Extract<ArbitrationOutcome, { type: 'WriteCompleted' }>): void {
  const pending = state.workload;
  const requestId = pending?.writes[outcome.writeId];
  if (pending === undefined || requestId === undefined) return;
  delete pending.writes[outcome.writeId];
  pending.count--;
  const reply: CommandReply =
    outcome.result === 'Done'
      ? { ok: true, output: { disk: outcome.disk, node: state.config.name } }
      : { ok: false, error: { category: 'WriteError', errorId: outcome.result, message: `the write to "${outcome.disk}" through ${state.config.name} failed: ${outcome.result} (${outcome.detail})` } };
  host.io.reply(requestId, reply);
}

export function workloadRead(state: ClusterState, host: ClusterHost, requestId: string, o: { disk: string; lba: number }): void {
  if (!onlineHere(state, o.disk)) return refuse(host, requestId, 'NotOwner', `"${o.disk}" is not online on ${state.config.name}`);
  const pending = pendingOf(state);
  if (pending.count >= workloadPendingMax) return refuse(host, requestId, 'QueueFull', `${pending.count} workload commands are waiting on ${state.config.name} (workloadPendingMax)`);
  const token = `wr-${pending.next++}`;
  pending.reads[token] = requestId;
  pending.count++;
  readBlocks(host.storage, host.io, { disk: { name: o.disk }, tag: { subsystem: workloadSubsystem, token }, lba: o.lba, blockCount: 1 });
}

export function onWorkloadCompletions(state: ClusterState, host: ClusterHost, completions: readonly StorageCompletion[]): void {
  const pending = state.workload;
  if (pending === undefined) return;
  for (const completion of completions) {
    if (completion.tag.subsystem !== workloadSubsystem) continue;
    const requestId = pending.reads[completion.tag.token];
    if (requestId === undefined) continue;
    delete pending.reads[completion.tag.token];
    pending.count--;
    const result = completion.result;
    if (result.type === 'Data') host.io.reply(requestId, { ok: true, output: { data: result.data, node: state.config.name } });
    else host.io.reply(requestId, { ok: false, error: { category: 'ReadError', errorId: result.type, message: `the read through ${state.config.name} failed: ${result.type}` } });
  }
}
