// The JSON report's `state` (spec "The JSON report"): the cluster as it stands when the run ends,
// read the way `expect:` reads it: Get-ClusterNode, Get-ClusterGroup, Get-ClusterResource,
// Get-Cluster with Get-ClusterQuorum through the node that answers for the cluster, and the
// storage target's LUNs through Inspect, and Get-VM on every running node. What cannot be read is
// left empty ([] or {}): no node is up, or the storage target is down. `migrations` is not read
// from any machine: run.ts folds it from the history (migration-counts.ts).
import type { OutputObject } from '../cmdlets/properties.js';
import { readCluster, readCmdlet, type Read, type ReadContext } from './cluster-reads.js';
import { readDisks } from './disk-reads.js';
import type { ScenarioReport } from './report.js';
import { readVms } from './vm-reads.js';

export type ReportState = ScenarioReport['state'];

export const emptyState = (): ReportState => ({ nodes: [], groups: [], resources: [], vms: [], disks: [], cluster: {}, migrations: [] });

const listOf = (read: Read<OutputObject[]>): OutputObject[] => (read.ok ? read.value : []);

export async function readFinalState(ctx: ReadContext): Promise<ReportState> {
  // One read after another: in `sim` each runs the clock until it is answered.
  const nodes = listOf(await readCmdlet(ctx, 'Get-ClusterNode'));
  const groups = listOf(await readCmdlet(ctx, 'Get-ClusterGroup'));
  const resources = listOf(await readCmdlet(ctx, 'Get-ClusterResource'));
  const cluster = await readCluster(ctx, true);
  const clusterAlone = cluster.ok ? cluster : await readCluster(ctx, false);
  const disks = listOf(await readDisks(ctx));
  const { vms } = await readVms(ctx);
  return { nodes, groups, resources, vms, disks, cluster: clusterAlone.ok ? clusterAlone.value : {}, migrations: [] };
}
