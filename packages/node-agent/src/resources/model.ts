// The plain data the resource manager's decisions read: resources, groups (roles) and the nodes
// they may be placed on. The node actor owns these records; the functions here never mutate
// them and return what should change.
import type { NodeState } from '@wsfc-lab/protocol';
import type { GroupCommonProperties } from './group-properties.js';
import type { ResourceCommonProperties } from './resource-properties.js';
import type { ResourceType } from './resource-type.js';
import type { GroupState, ResourceState } from './states.js';

/**
 * A resource's dependencies as an AND of OR-terms of provider resource names, the shape of the
 * real DependencyExpression: `[[ 'Cluster Disk 1' ], [ 'FS1' ]]` is "[Cluster Disk 1] and [FS1]";
 * a multi-subnet Network Name has one term with several IP Address resources (facts §4.1).
 */
export type DependencyExpression = readonly (readonly string[])[];

/** A private property value as Get-ClusterParameter shows it (Address, SubnetMask, Network…). */
export type ParameterValue = string | number | boolean;

export interface ClusterResource {
  name: string;
  resourceType: ResourceType;
  /** The group (role) that holds it; a resource is in exactly one group. */
  ownerGroup: string;
  state: ResourceState;
  dependencies: DependencyExpression;
  /** Possible owners (Set-ClusterOwnerNode -Resource). Absent: every node, the default (facts §4.5). */
  possibleOwners?: readonly string[];
  properties: ResourceCommonProperties;
  /** Private properties (facts §4.1). */
  parameters: Readonly<Record<string, ParameterValue>>;
  /** Cluster Name, Cluster IP Address and the witness are core resources. */
  isCoreResource: boolean;
  /** The object's GUID, from the actor's seeded ids; absent until assigned. */
  id?: string;
}

/**
 * Group types as Get-ClusterGroup's GroupType shows them, with the CLUSGROUP_TYPE numbers.
 * [UNCONFIRMED: general knowledge of the enum, not in the fact sheet.]
 */
export const groupTypeCodes = {
  Cluster: 1,
  AvailableStorage: 2,
  ClusterSharedVolume: 4,
  FileServer: 100,
  GenericApplication: 107,
  GenericService: 108,
  VirtualMachine: 111,
} as const;

export type GroupType = keyof typeof groupTypeCodes;

export interface ClusterGroup {
  name: string;
  groupType: GroupType;
  /** "Cluster Group" and "Available Storage" are core groups. */
  isCoreGroup: boolean;
  /** A group always has an owner once the cluster placed it, even while Offline. */
  ownerNode: string | undefined;
  state: GroupState;
  /** Preferred owners in their set order (Set-ClusterOwnerNode -Group; facts §4.5). */
  preferredOwners: readonly string[];
  /** Its resources' names, in creation order. */
  resources: readonly string[];
  properties: GroupCommonProperties;
  id?: string;
}

/** What placement needs to know about a node (facts §5.1). */
export interface PlacementNode {
  name: string;
  /** The node ID, from the join order; the tie-break after the preferred owners (facts §4.5). */
  id: number;
  State: NodeState;
  /** Quarantined nodes host nothing (facts §5.3). */
  quarantined?: boolean;
  /** Memory free for roles, in bytes; absent means "not checked". */
  availableMemoryBytes?: number;
}

/** The part of a resource that placement reads. */
export type PlacedResource = Pick<ClusterResource, 'name' | 'possibleOwners'>;
