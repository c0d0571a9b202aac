// Get-ClusterResource's output object, with the properties in the order of the 2016 docs'
// `Get-ClusterResource -Name "Cluster Disk 2" | Format-List -Property *` example (facts §4
// [R2]). Default table columns: Name, State, OwnerGroup, ResourceType; the 2016 docs label the
// OwnerGroup column "Group" (facts §16.3), the coordinator's formatter shows the property name.
import type { ClusterResource } from './model.js';
import { resourceTypeInfo } from './resource-type.js';

export const getClusterResourceColumns = ['Name', 'State', 'OwnerGroup', 'ResourceType'] as const;

export interface ClusterResourceView {
  Cluster: string;
  IsCoreResource: boolean;
  IsNetworkClassResource: boolean;
  IsStorageClassResource: boolean;
  OwnerNode: string;
  ResourceType: string;
  State: string;
  OwnerGroup: string;
  Name: string;
  MaintenanceMode: boolean;
  Description: string;
  SeparateMonitor: boolean;
  PersistentState: number;
  LooksAlivePollInterval: number;
  IsAlivePollInterval: number;
  RestartAction: number;
  RestartThreshold: number;
  RestartDelay: number;
  RestartPeriod: number;
  RetryPeriodOnFailure: number;
  PendingTimeout: number;
  DeadlockTimeout: number;
  Id: string;
}

/** `ownerNode` is the owner of the resource's group. */
export function clusterResourceView(resource: ClusterResource, context: { clusterName: string; ownerNode: string | undefined }): ClusterResourceView {
  const p = resource.properties;
  const info = resourceTypeInfo[resource.resourceType];
  return {
    Cluster: context.clusterName,
    IsCoreResource: resource.isCoreResource,
    IsNetworkClassResource: info.networkClass,
    IsStorageClassResource: info.storageClass,
    OwnerNode: context.ownerNode ?? '',
    ResourceType: resource.resourceType,
    State: resource.state,
    OwnerGroup: resource.ownerGroup,
    Name: resource.name,
    MaintenanceMode: resource.parameters.MaintenanceMode === 1 || resource.parameters.MaintenanceMode === true,
    Description: p.Description,
    SeparateMonitor: p.SeparateMonitor,
    PersistentState: p.PersistentState,
    LooksAlivePollInterval: p.LooksAlivePollInterval,
    IsAlivePollInterval: p.IsAlivePollInterval,
    RestartAction: p.RestartAction,
    RestartThreshold: p.RestartThreshold,
    RestartDelay: p.RestartDelay,
    RestartPeriod: p.RestartPeriod,
    RetryPeriodOnFailure: p.RetryPeriodOnFailure,
    PendingTimeout: p.PendingTimeout,
    DeadlockTimeout: p.DeadlockTimeout,
    Id: resource.id ?? '',
  };
}
