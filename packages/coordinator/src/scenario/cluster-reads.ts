// Reads the cluster's objects as an administrator would: a `Get-Cluster*` cmdlet sent to the
// node that answers for the cluster (ClusterView.spokesman) through the runtime, as the lab's
// `Cmdlet` command. Each read is one command, so an `expect … within:` that polls pays one
// round trip per poll (a worker round trip in threads), and nothing else. A read that cannot be
// made says why, naming the object: no node is up, the node did not answer, the object does not
// exist.
import type { CmdletError, CommandReply } from '@wsfc-lab/protocol';
import { isOutputObject, keyOf, pipelineItems, propertyValue, type OutputObject } from '../cmdlets/properties.js';
import type { BuiltLab } from '../lab/build-lab.js';
import type { ClusterView } from '../observe/cluster-view.js';
import type { Runtime } from '../runtime/runtime.js';

export interface ReadContext {
  runtime: Runtime;
  view: ClusterView;
  lab: BuiltLab;
  /** The cluster's name when the lab file gives one (decodes reservation keys on disks). */
  clusterName?: string;
}

export type Read<T> = { ok: true; value: T } | { ok: false; detail: string };

/**
 * How long a read waits for its answer, in simulated ms. A `Get-` is answered from the node's
 * own copy of the cluster database at once; waiting the full commandReplyTimeoutMs would let a
 * hung node stall an `expect` far past its `within:`.
 */
export const readReplyTimeoutMs = 5000;

/** The lab's cmdlet objects by kind, with the cmdlet that reads them. */
export const clusterObjectCmdlets = { node: 'Get-ClusterNode', group: 'Get-ClusterGroup', resource: 'Get-ClusterResource', network: 'Get-ClusterNetwork' } as const;
export type ClusterObjectKind = keyof typeof clusterObjectCmdlets;

const lineOf = (cmdlet: string, parameters: Record<string, unknown>) =>
  [cmdlet, ...Object.entries(parameters).map(([key, value]) => `-${key} ${typeof value === 'string' && /\s/.test(value) ? `"${value}"` : String(value)}`)].join(' ');

const notFound = (error: CmdletError) => error.category === 'ObjectNotFound' || /ObjectNotFound|NotFound/i.test(error.errorId);

/** Sends `cmdlet` to the spokesman; its output as objects (an array of one for a single object). */
export async function readCmdlet(ctx: ReadContext, cmdlet: string, parameters: Record<string, unknown> = {}): Promise<Read<OutputObject[]> & { error?: CmdletError }> {
  const line = lineOf(cmdlet, parameters);
  const spokesman = ctx.view.spokesman(ctx.runtime);
  if (spokesman === undefined) return { ok: false, detail: `no node is up to answer ${line}` };
  const reply: CommandReply | undefined = await ctx.runtime.command(spokesman, { type: 'Cmdlet', name: cmdlet, parameters }, readReplyTimeoutMs);
  if (reply === undefined) return { ok: false, detail: `${spokesman} did not answer ${line} within ${readReplyTimeoutMs} ms` };
  if (!reply.ok) return { ok: false, detail: `${line} on ${spokesman} failed: ${reply.error.message}`, error: reply.error };
  return { ok: true, value: pipelineItems(reply.output).filter(isOutputObject) };
}

/** One node, group, resource or network by name, as `Get-Cluster<Kind> -Name <name>` reports it. */
export async function readClusterObject(ctx: ReadContext, kind: ClusterObjectKind, name: string): Promise<Read<OutputObject>> {
  const read = await readCmdlet(ctx, clusterObjectCmdlets[kind], { Name: name });
  const missing = `${kind} "${name}" does not exist in the cluster`;
  if (!read.ok) return read.error !== undefined && notFound(read.error) ? { ok: false, detail: `${missing}: ${read.error.message}` } : read;
  const lower = name.toLowerCase();
  const byName = read.value.find((object) => {
    const key = keyOf(object, 'Name');
    return key !== undefined && String(object[key]).toLowerCase() === lower;
  });
  // A network asked for by the lab's name for it answers as "Cluster Network N".
  const found = byName ?? (kind === 'network' && read.value.length === 1 ? read.value[0] : undefined);
  if (found === undefined) return { ok: false, detail: `${missing} (${clusterObjectCmdlets[kind]} answered ${read.value.length} object${read.value.length === 1 ? '' : 's'})` };
  return { ok: true, value: found };
}

/**
 * The cluster's common properties (`Get-Cluster`), with `Get-ClusterQuorum`'s QuorumResource and
 * QuorumType when `withQuorum` (the `cluster:` selector reads both).
 */
export async function readCluster(ctx: ReadContext, withQuorum: boolean): Promise<Read<OutputObject>> {
  const cluster = await readCmdlet(ctx, 'Get-Cluster');
  if (!cluster.ok) return cluster;
  const [object] = cluster.value;
  if (object === undefined) return { ok: false, detail: 'Get-Cluster answered no cluster' };
  if (!withQuorum) return { ok: true, value: object };
  const quorum = await readCmdlet(ctx, 'Get-ClusterQuorum');
  if (!quorum.ok) return quorum;
  const [answer] = quorum.value;
  return { ok: true, value: { ...object, QuorumResource: propertyValue(answer, 'QuorumResource') ?? null, QuorumType: propertyValue(answer, 'QuorumType') ?? null } };
}
