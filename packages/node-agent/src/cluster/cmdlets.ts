// The cluster cmdlets the node answers, by canonical name.
import type { ClusterCmdlet } from './cmdlet-support.js';
import { newCluster } from './new-cluster.js';
import { resumeClusterNode, suspendClusterNode } from './drain.js';
import { setClusterOwnerNode } from './cmdlets-owners.js';
import { addClusterDisk, getClusterAvailableDisk } from './cmdlets-disks.js';
import { getService, startServiceCmdlet, stopService } from './services.js';
import { addClusterFileServerRole, addClusterGenericServiceRole } from './cmdlets-roles.js';
import { moveClusterGroup, startClusterNode, stopClusterNode, testClusterResourceFailure, startClusterGroup, startClusterResource, stopClusterGroup, stopClusterResource } from './cmdlets-change.js';
import { getCluster, getClusterGroup, getClusterNode, getClusterOwnerNode, getClusterQuorum, getClusterResource } from './cmdlets-read.js';
import { assignClusterProperty, assignGroupProperty, assignNodeProperty, assignResourceProperty, withAssignment } from './cmdlets-properties.js';
import { setClusterQuorum } from './cmdlets-quorum.js';
import { getClusterLogCmdlet } from './cmdlets-log.js';
import { addClusterVirtualMachineRole, moveClusterVirtualMachineRole } from './vm-roles.js';
import { migrationNetworkClusterCmdlets } from '../hyperv/migration-networks-cluster.js';
import { addClusterSharedVolume, getClusterSharedVolume } from '../csv/cmdlets.js';

export const clusterCmdlets: Readonly<Record<string, ClusterCmdlet>> = {
  'Get-Cluster': withAssignment(getCluster, assignClusterProperty),
  'Get-ClusterNode': withAssignment(getClusterNode, assignNodeProperty),
  'Get-ClusterGroup': withAssignment(getClusterGroup, assignGroupProperty),
  'Get-ClusterResource': withAssignment(getClusterResource, assignResourceProperty),
  'Get-ClusterQuorum': getClusterQuorum,
  'Get-ClusterOwnerNode': getClusterOwnerNode,
  'Set-ClusterOwnerNode': setClusterOwnerNode,
  'Move-ClusterGroup': moveClusterGroup,
  'New-Cluster': newCluster,
  'Start-ClusterGroup': startClusterGroup,
  'Stop-ClusterGroup': stopClusterGroup,
  'Start-ClusterResource': startClusterResource,
  'Stop-ClusterResource': stopClusterResource,
  'Test-ClusterResourceFailure': testClusterResourceFailure,
  'Stop-ClusterNode': stopClusterNode,
  'Suspend-ClusterNode': suspendClusterNode,
  'Resume-ClusterNode': resumeClusterNode,
  'Start-ClusterNode': startClusterNode,
  'Set-ClusterQuorum': setClusterQuorum,
  'Get-ClusterLog': getClusterLogCmdlet,
  'Get-ClusterAvailableDisk': getClusterAvailableDisk,
  'Add-ClusterDisk': addClusterDisk,
  'Get-Service': getService,
  'Stop-Service': stopService,
  'Start-Service': startServiceCmdlet,
  'Add-ClusterFileServerRole': addClusterFileServerRole,
  'Add-ClusterGenericServiceRole': addClusterGenericServiceRole,
  'Add-ClusterVirtualMachineRole': addClusterVirtualMachineRole,
  'Move-ClusterVirtualMachineRole': moveClusterVirtualMachineRole,
  'Add-ClusterSharedVolume': addClusterSharedVolume,
  'Get-ClusterSharedVolume': getClusterSharedVolume,
  ...migrationNetworkClusterCmdlets,
};
