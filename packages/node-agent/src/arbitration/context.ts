// One step's context: the state, the time, and the outputs collected so far, with the small
// helpers every part of the machine uses (send a command, arm a timer, report, name a key's node).
import type { ArbitrationEvent, ReservationKey } from '@wsfc-lab/protocol';
import type { StorageCommand } from '../storage/mod.js';
import { nodeIdOfKey } from './keys.js';
import { arbitrationSubsystemName } from './types.js';
import type {
  ArbitrationCommand,
  ArbitrationOutcome,
  ArbitrationState,
  ArbitrationTimerRequest,
  DiskRole,
  DiskState,
  SerialTimer,
} from './types.js';

export interface Ctx {
  s: ArbitrationState;
  nowMs: number;
  commands: ArbitrationCommand[];
  timers: ArbitrationTimerRequest[];
  events: ArbitrationEvent[];
  outcomes: ArbitrationOutcome[];
}

function nextToken(ctx: Ctx): string {
  return `a${ctx.s.nextToken++}`;
}

/** Sends the disk's next protocol command; its completion is the only one the disk waits for. */
export function send(ctx: Ctx, disk: DiskState, command: StorageCommand): void {
  const token = nextToken(ctx);
  disk.awaiting = token;
  ctx.commands.push({ disk: disk.disk, token, command });
}

/** Sends a command whose answer nobody waits for (a clean-up after the disk was given up). */
export function sendAndForget(ctx: Ctx, disk: DiskState, command: StorageCommand): void {
  ctx.commands.push({ disk: disk.disk, token: nextToken(ctx), command });
}

/** Sends a data WRITE and remembers whom to tell. */
export function sendWrite(ctx: Ctx, o: { disk: string; writeId: string; lba: number; data: Uint8Array }): void {
  const token = nextToken(ctx);
  ctx.s.writes[token] = { disk: o.disk, writeId: o.writeId };
  ctx.s.writeCount++;
  ctx.commands.push({ disk: o.disk, token, command: { type: 'Write', lba: o.lba, data: o.data } });
}

export function arm(ctx: Ctx, disk: DiskState, type: SerialTimer, delayMs: number): void {
  const serial = ++disk.serial;
  disk.armed[type] = serial;
  ctx.timers.push({ delayMs, timer: { subsystem: arbitrationSubsystemName, type, disk: disk.disk, serial } });
}

/** Changes the disk's role: nothing in flight and no timer of the old role counts any more. */
export function become(disk: DiskState, role: DiskRole): void {
  disk.role = role;
  disk.awaiting = null;
  disk.armed = { DefenceCheck: 0, ChallengeWait: 0, Linger: 0 };
}

export function emit(ctx: Ctx, event: ArbitrationEvent): void {
  ctx.events.push(event);
}

export function report(ctx: Ctx, outcome: ArbitrationOutcome): void {
  ctx.outcomes.push(outcome);
}

export function nameOfNode(s: ArbitrationState, nodeId: number): string {
  return s.config.nodes.find((n) => n.nodeId === nodeId)?.name ?? `node ID ${nodeId}`;
}

export function namesOf(s: ArbitrationState, nodeIds: readonly number[]): string[] {
  return nodeIds.map((id) => nameOfNode(s, id));
}

/** Who holds a key, seen from a set of members. */
export type KeyHolder = { kind: 'Self' } | { kind: 'Member'; nodeId: number } | { kind: 'Outsider'; nodeId: number | null };

export function holderOfKey(s: ArbitrationState, key: ReservationKey, members: readonly number[]): KeyHolder {
  if (key === s.selfKey) return { kind: 'Self' };
  const nodeId = nodeIdOfKey(key, s.clusterTag);
  if (nodeId !== null && nodeId !== s.config.selfId && members.includes(nodeId)) return { kind: 'Member', nodeId };
  return { kind: 'Outsider', nodeId };
}

/** A key's holder in words: its node's name, or "foreign key 0x…". */
export function describeKey(s: ArbitrationState, key: ReservationKey): string {
  const nodeId = nodeIdOfKey(key, s.clusterTag);
  return nodeId === null ? `foreign key ${key}` : nameOfNode(s, nodeId);
}

/** Keys held by nodes outside `members` (not this node's). */
export function outsiderKeys(s: ArbitrationState, keys: readonly ReservationKey[], members: readonly number[]): ReservationKey[] {
  return [...new Set(keys)].filter((key) => holderOfKey(s, key, members).kind === 'Outsider');
}

/** The view's members, or, before any view, only this node. */
export function currentMembers(s: ArbitrationState): number[] {
  return s.view ?? [s.config.selfId];
}
