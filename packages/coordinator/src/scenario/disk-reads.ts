// The `disk:` selector's object: the storage target's own view of a LUN (spec "`disk:` selects
// the storage target's view of a LUN"), read with the lab's Inspect command to the target actor
// (storage-target views.ts `inspectView`). ReservationHolder is the node whose key holds the
// reservation, decoded as the cluster encodes it (node-agent arbitration/keys.ts: the low bytes
// carry the cluster node ID, and node IDs are the lab's node order, 1-based); a key that is not
// this cluster's falls back to the machine the target names from the holder's IQN.
import { arbitration } from '@wsfc-lab/node-agent';
import { reservationKeySchema } from '@wsfc-lab/protocol';
import { isOutputObject, propertyValue, type OutputObject } from '../cmdlets/properties.js';
import { readReplyTimeoutMs, type Read, type ReadContext } from './cluster-reads.js';

/** The node a reservation key names, or undefined when it is not a key of this lab's cluster. */
export function holderOfKey(key: unknown, o: { clusterName: string | undefined; nodes: readonly string[] }): string | undefined {
  const parsed = reservationKeySchema.safeParse(key);
  if (!parsed.success || o.clusterName === undefined) return undefined;
  const nodeId = arbitration.nodeIdOfKey(parsed.data, arbitration.clusterTagOf(o.clusterName));
  return nodeId === null ? undefined : o.nodes[nodeId - 1];
}

/** One LUN as `disk:` shows it: the target's reservation view, with Size and Status of its virtual disk. */
export function diskObject(view: OutputObject, virtualDisks: readonly OutputObject[], o: { clusterName: string | undefined; nodes: readonly string[] }): OutputObject {
  const path = propertyValue(view, 'Path');
  const virtualDisk = virtualDisks.find((d) => propertyValue(d, 'Path') === path);
  const holderName = propertyValue(view, 'ReservationHolder') ?? null;
  const decoded = holderName === null ? undefined : holderOfKey(propertyValue(view, 'ReservationKey'), o);
  return {
    Name: propertyValue(view, 'Name') ?? null,
    ReservationHolder: decoded ?? holderName,
    ReservationType: propertyValue(view, 'ReservationType') ?? null,
    RegisteredKeys: propertyValue(view, 'RegisteredKeys') ?? 0,
    Generation: propertyValue(view, 'Generation') ?? 0,
    Size: propertyValue(virtualDisk, 'Size') ?? propertyValue(view, 'SizeBytes') ?? null,
    Status: propertyValue(virtualDisk, 'Status') ?? null,
    ReservationKey: propertyValue(view, 'ReservationKey') ?? null,
    Path: path ?? null,
  };
}

const objectsOf = (value: unknown): OutputObject[] => (Array.isArray(value) ? value.filter(isOutputObject) : []);

/** Every LUN of the storage target, as `disk:` shows them. */
export async function readDisks(ctx: ReadContext): Promise<Read<OutputObject[]>> {
  const target = ctx.lab.storageTarget;
  if (!ctx.runtime.isAlive(target)) return { ok: false, detail: `the storage target ${target} is not running` };
  if (ctx.runtime.isPaused(target)) return { ok: false, detail: `the storage target ${target} is paused` };
  const reply = await ctx.runtime.command(target, { type: 'Inspect' }, readReplyTimeoutMs);
  if (reply === undefined) return { ok: false, detail: `the storage target ${target} did not answer within ${readReplyTimeoutMs} ms` };
  if (!reply.ok) return { ok: false, detail: `the storage target ${target} refused Inspect: ${reply.error.message}` };
  const options = { clusterName: ctx.clusterName, nodes: ctx.lab.nodes };
  const virtualDisks = objectsOf(propertyValue(reply.output, 'virtualDisks'));
  return { ok: true, value: objectsOf(propertyValue(reply.output, 'disks')).map((view) => diskObject(view, virtualDisks, options)) };
}

/** One LUN by its name (the cluster disk's name, as the lab file gives it). */
export async function readDisk(ctx: ReadContext, name: string): Promise<Read<OutputObject>> {
  const disks = await readDisks(ctx);
  if (!disks.ok) return { ok: false, detail: `cannot read disk "${name}": ${disks.detail}` };
  const found = disks.value.find((d) => String(d.Name).toLowerCase() === name.toLowerCase());
  if (found === undefined) return { ok: false, detail: `disk "${name}" is not a LUN of the storage target ${ctx.lab.storageTarget} (it has ${disks.value.map((d) => JSON.stringify(d.Name)).join(', ') || 'none'})` };
  return { ok: true, value: found };
}
