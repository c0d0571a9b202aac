// Refusals of the CSV cmdlets, in one table (STYLE 13): the real Win32 text first (winerror.h),
// then what the lab found, naming the disk and where it is. [UNCONFIRMED: which Win32 error the
// real Add-ClusterSharedVolume returns for a disk witness; the lab answers with 5965, since the
// witness lives in Cluster Group and not in Available Storage.]
import type { CmdletError } from '@wsfc-lab/protocol';

/** 5965 ERROR_RESOURCE_NOT_IN_AVAILABLE_STORAGE */
const notInAvailableStorageText = 'The resource must be part of the Available Storage group to complete this action.';
/** 5007 ERROR_RESOURCE_NOT_FOUND */
const resourceNotFoundText = 'The cluster resource could not be found.';
/** 5042 ERROR_CLUSTER_NODE_NOT_FOUND */
const nodeNotFoundText = 'The cluster node was not found.';

function cmdletError(cmdlet: string, o: { category: string; errorId: string; text: string; lab: string }): CmdletError {
  return { category: o.category, errorId: `${o.errorId},Microsoft.FailoverClusters.PowerShell.${cmdlet.replace('-', '')}Command`, message: `${cmdlet} : ${o.text} (wsfc-lab: ${o.lab})` };
}

export const csvErrors = {
  diskNotFound: (cmdlet: string, disk: string): CmdletError =>
    cmdletError(cmdlet, { category: 'ObjectNotFound', errorId: 'ClusterObjectNotFound', text: resourceNotFoundText, lab: `there is no cluster resource named '${disk}'` }),
  notSharedVolume: (cmdlet: string, disk: string): CmdletError =>
    cmdletError(cmdlet, { category: 'ObjectNotFound', errorId: 'ClusterObjectNotFound', text: resourceNotFoundText, lab: `'${disk}' is not a Cluster Shared Volume` }),
  notPhysicalDisk: (disk: string, resourceType: string): CmdletError =>
    cmdletError('Add-ClusterSharedVolume', { category: 'InvalidOperation', errorId: 'InvalidOperation', text: notInAvailableStorageText, lab: `'${disk}' is a ${resourceType} resource; only a Physical Disk can be a Cluster Shared Volume` }),
  diskWitness: (disk: string): CmdletError =>
    cmdletError('Add-ClusterSharedVolume', { category: 'InvalidOperation', errorId: 'InvalidOperation', text: notInAvailableStorageText, lab: `'${disk}' is the disk witness (in 'Cluster Group'); a disk witness cannot be a Cluster Shared Volume` }),
  alreadyShared: (disk: string, volume: string): CmdletError =>
    cmdletError('Add-ClusterSharedVolume', { category: 'InvalidOperation', errorId: 'InvalidOperation', text: notInAvailableStorageText, lab: `'${disk}' is already a Cluster Shared Volume (${volume})` }),
  inRole: (disk: string, group: string): CmdletError =>
    cmdletError('Add-ClusterSharedVolume', { category: 'InvalidOperation', errorId: 'InvalidOperation', text: notInAvailableStorageText, lab: `'${disk}' is in the clustered role '${group}'; take it out of the role first` }),
  oneDisk: (count: number): CmdletError =>
    cmdletError('Add-ClusterSharedVolume', { category: 'InvalidArgument', errorId: 'InvalidArgument', text: 'Specify the disk to add.', lab: `specify one disk by -Name (or pipe it from Get-ClusterResource); got ${count}` }),
  nodeNotFound: (node: string): CmdletError =>
    cmdletError('Get-ClusterSharedVolumeState', { category: 'ObjectNotFound', errorId: 'ClusterObjectNotFound', text: nodeNotFoundText, lab: `there is no cluster node named '${node}'` }),
  tooManyQueries: (inFlight: number): CmdletError =>
    cmdletError('Get-ClusterSharedVolumeState', { category: 'LimitsExceeded', errorId: 'QueryLimit', text: 'The cluster service is busy.', lab: `${inFlight} Get-ClusterSharedVolumeState calls are already waiting for answers (queriesInFlightMax)` }),
};
