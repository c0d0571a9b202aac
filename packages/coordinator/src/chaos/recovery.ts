// Whether the cluster has recovered (STYLE 15 `pending()`): every node Up and every role that can
// run Online, read as an administrator reads it (Get-ClusterNode, Get-ClusterGroup through the node
// that answers for the cluster). `pending` is null when it has, or the reason it has not ("role vm03
// Offline on node02", "node02 is Down", "no node is up to answer Get-ClusterGroup").
import { isUp, type FinalGroup, type FinalNode, type FinalResource } from '../checkers/liveness.js';
import type { OutputObject } from '../cmdlets/properties.js';
import { readCmdlet, type ReadContext } from '../scenario/cluster-reads.js';

export interface ClusterStatus {
  nodes: FinalNode[];
  groups: FinalGroup[];
  resources: FinalResource[];
  /** null: recovered; else why not. */
  pending: string | null;
}

const text = (value: unknown): string => (typeof value === 'string' ? value : value === undefined || value === null ? '' : JSON.stringify(value));
const numberOr = (value: unknown): number | undefined => (typeof value === 'number' ? value : undefined);

function asGroup(o: OutputObject): FinalGroup {
  const group: FinalGroup = { Name: text(o['Name']), State: text(o['State']), OwnerNode: text(o['OwnerNode']) || null, GroupType: text(o['GroupType']) };
  const persistent = numberOr(o['PersistentState']);
  const priority = numberOr(o['Priority']);
  if (typeof o['StatusInformation'] === 'string') group.StatusInformation = o['StatusInformation'];
  if (persistent !== undefined) group.PersistentState = persistent;
  if (priority !== undefined) group.Priority = priority;
  return group;
}

/** The roles the liveness checker expects online (checkers/liveness.ts expectedOnline). */
export const canRun = (g: FinalGroup): boolean => g.GroupType !== 'AvailableStorage' && g.PersistentState !== 0 && g.Priority !== 0;

export function pendingReason(nodes: readonly FinalNode[], groups: readonly FinalGroup[]): string | null {
  const reasons = [
    ...nodes.filter((n) => n.State !== 'Up').map((n) => `${n.Name} is ${n.State}`),
    ...groups.filter((g) => canRun(g) && !isUp(g)).map((g) => `role ${g.Name} ${g.StatusInformation === 'Unmonitored' ? 'Unmonitored' : g.State} on ${g.OwnerNode ?? 'no node'}`),
  ];
  return reasons.length === 0 ? null : reasons.join('; ');
}

export async function readStatus(ctx: ReadContext, o: { withResources: boolean }): Promise<ClusterStatus> {
  const nodes = await readCmdlet(ctx, 'Get-ClusterNode');
  if (!nodes.ok) return { nodes: [], groups: [], resources: [], pending: nodes.detail };
  const groups = await readCmdlet(ctx, 'Get-ClusterGroup');
  if (!groups.ok) return { nodes: [], groups: [], resources: [], pending: groups.detail };
  const finalNodes = nodes.value.map((n) => ({ Name: text(n['Name']), State: text(n['State']) }));
  const finalGroups = groups.value.map(asGroup);
  let resources: FinalResource[] = [];
  if (o.withResources) {
    const read = await readCmdlet(ctx, 'Get-ClusterResource');
    if (read.ok) resources = read.value.map((r) => ({ Name: text(r['Name']), OwnerGroup: text(r['OwnerGroup']), ResourceType: text(r['ResourceType']), State: text(r['State']) }));
  }
  return { nodes: finalNodes, groups: finalGroups, resources, pending: pendingReason(finalNodes, finalGroups) };
}
