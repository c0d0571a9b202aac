// Resource and group states with the numbers the cluster API uses (facts §4.2, [R10] [R9]).
// Groups and resources are numbered differently: Online is 2 for a resource but 0 for a group,
// so the two are separate types and never compared to each other.

/** CLUSTER_RESOURCE_STATE (facts §4.2). */
export const resourceStateCodes = {
  Unknown: -1,
  Inherited: 0,
  Initializing: 1,
  Online: 2,
  Offline: 3,
  Failed: 4,
  Pending: 128,
  OnlinePending: 129,
  OfflinePending: 130,
} as const;

export type ResourceState = keyof typeof resourceStateCodes;

/** CLUSTER_GROUP_STATE (facts §4.2). */
export const groupStateCodes = {
  Unknown: -1,
  Online: 0,
  Offline: 1,
  Failed: 2,
  PartialOnline: 3,
  Pending: 4,
} as const;

export type GroupState = keyof typeof groupStateCodes;

export type PendingResourceState = 'Pending' | 'OnlinePending' | 'OfflinePending';

export function isPendingResourceState(state: ResourceState): state is PendingResourceState {
  return state === 'Pending' || state === 'OnlinePending' || state === 'OfflinePending';
}
