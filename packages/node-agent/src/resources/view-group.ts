// Get-ClusterGroup's output object (facts §16.3: default columns Name, OwnerNode, State). The
// property order follows `Get-ClusterGroup | Format-List *` [UNCONFIRMED: the order of the
// group's list view was not checked against a real dump; values and names are the real ones].
// UInt32 properties show −1 as 4294967295; the failback window hours are signed (Int32).
import type { ClusterGroup } from './model.js';

export const getClusterGroupColumns = ['Name', 'OwnerNode', 'State'] as const;

export interface ClusterGroupView {
  Cluster: string;
  IsCoreGroup: boolean;
  OwnerNode: string;
  State: string;
  Name: string;
  Description: string;
  PersistentState: number;
  FailoverThreshold: number;
  FailoverPeriod: number;
  AutoFailbackType: number;
  FailbackWindowStart: number;
  FailbackWindowEnd: number;
  Priority: number;
  DefaultOwner: number;
  ResiliencyPeriod: number;
  AntiAffinityClassNames: string[];
  GroupType: string;
  /** Normal; Unmonitored while its owner is isolated (facts §4.2 flags, §5.4); NetworkFailure while a protected network of its VM failed on its owner (§7). */
  StatusInformation: 'Normal' | 'Unmonitored' | 'NetworkFailure';
  Id: string;
}

const uint32 = (value: number): number => (value < 0 ? value + 0x1_0000_0000 : value);

export function clusterGroupView(group: ClusterGroup, context: { clusterName: string; unmonitored?: boolean; networkFailure?: boolean }): ClusterGroupView {
  const p = group.properties;
  return {
    Cluster: context.clusterName,
    IsCoreGroup: group.isCoreGroup,
    OwnerNode: group.ownerNode ?? '',
    State: group.state,
    Name: group.name,
    Description: p.Description,
    PersistentState: p.PersistentState,
    FailoverThreshold: uint32(p.FailoverThreshold),
    FailoverPeriod: p.FailoverPeriod,
    AutoFailbackType: p.AutoFailbackType,
    FailbackWindowStart: p.FailbackWindowStart,
    FailbackWindowEnd: p.FailbackWindowEnd,
    Priority: p.Priority,
    DefaultOwner: uint32(p.DefaultOwner),
    ResiliencyPeriod: uint32(p.ResiliencyPeriod),
    AntiAffinityClassNames: [...p.AntiAffinityClassNames],
    GroupType: group.groupType,
    StatusInformation: context.unmonitored ? 'Unmonitored' : context.networkFailure ? 'NetworkFailure' : 'Normal',
    Id: group.id ?? '',
  };
}
