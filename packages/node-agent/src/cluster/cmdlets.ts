// The cluster cmdlets the node answers, by canonical name.
import type { ClusterCmdlet } from './cmdlet-support.js';
import { moveClusterGroup, startClusterGroup, startClusterResource, stopClusterGroup, stopClusterResource } from './cmdlets-change.js';
import { getCluster, getClusterGroup, getClusterNode, getClusterOwnerNode, getClusterQuorum, getClusterResource } from './cmdlets-read.js';

export const clusterCmdlets: Readonly<Record<string, ClusterCmdlet>> = {
  'Get-Cluster': getCluster,
  'Get-ClusterNode': getClusterNode,
  'Get-ClusterGroup': getClusterGroup,
  'Get-ClusterResource': getClusterResource,
  'Get-ClusterQuorum': getClusterQuorum,
  'Get-ClusterOwnerNode': getClusterOwnerNode,
  'Move-ClusterGroup': moveClusterGroup,
  'Start-ClusterGroup': startClusterGroup,
  'Stop-ClusterGroup': stopClusterGroup,
  'Start-ClusterResource': startClusterResource,
  'Stop-ClusterResource': stopClusterResource,
};
