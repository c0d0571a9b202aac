// Group (role) common properties, with their real names, units and defaults (facts §4.4 [R3]).

/** FailoverThreshold 0xFFFFFFFF means "number of nodes − 1" (facts §4.4). */
export const failoverThresholdNodesMinusOne = 0xffffffff;

/** DefaultOwner −1, shown as the UInt32 4294967295 (facts §4.4 [R2]). */
export const noDefaultOwner = 0xffffffff;

/** A failback window hour of −1 means "no window" (facts §4.4). */
export const noFailbackWindow = -1;

/** Priority values (facts §4.4): start order after a cluster start or failover. */
export const groupPriority = { High: 3000, Medium: 2000, Low: 1000, NoAutoStart: 0 } as const;

export type GroupPriorityName = keyof typeof groupPriority;

/** CLUSTER_GROUP_AUTOFAILBACK_TYPE: 0 ClusterGroupPreventFailback, 1 ClusterGroupAllowFailback. */
export type AutoFailbackType = 0 | 1;

export const hourMs = 3_600_000;

export interface GroupCommonProperties {
  /** Failovers allowed within FailoverPeriod, a count; default 0xFFFFFFFF = nodes − 1 (facts §4.4). */
  FailoverThreshold: number;
  /** Window for FailoverThreshold, in hours (1–1193); default 6 (facts §4.4). */
  FailoverPeriod: number;
  /** 0 prevent failback (default), 1 allow failback to the most preferred owner (facts §4.4). */
  AutoFailbackType: AutoFailbackType;
  /** Hour of day 0–23 the failback window opens, or −1 (default: no window) (facts §4.4). */
  FailbackWindowStart: number;
  /** Hour of day 0–23 the failback window closes, or −1 (default: no window) (facts §4.4). */
  FailbackWindowEnd: number;
  /** 3000 High, 2000 Medium (default), 1000 Low, 0 No Auto Start (facts §4.4). */
  Priority: number;
  /** 1 when the group was online, so it is brought online after a full cluster restart ([R2]). */
  PersistentState: 0 | 1;
  /** Default −1 (0xFFFFFFFF) ([R2]). */
  DefaultOwner: number;
  /** Seconds its VM stays unmonitored on an isolated node before failing over; −1 (default): the cluster's ResiliencyDefaultPeriod (facts §5.4). */
  ResiliencyPeriod: number;
  /** Soft anti-affinity class names (facts §4.5); not yet used in placement. */
  AntiAffinityClassNames: string[];
  Description: string;
}

export const groupDefaults: Readonly<GroupCommonProperties> = {
  FailoverThreshold: failoverThresholdNodesMinusOne,
  FailoverPeriod: 6,
  AutoFailbackType: 0,
  FailbackWindowStart: noFailbackWindow,
  FailbackWindowEnd: noFailbackWindow,
  Priority: groupPriority.Medium,
  PersistentState: 0,
  DefaultOwner: noDefaultOwner,
  ResiliencyPeriod: -1,
  AntiAffinityClassNames: [],
  Description: '',
};

/** The name the scenario format and Failover Cluster Manager use for a priority value. */
export function priorityName(priority: number): GroupPriorityName | undefined {
  const entry = Object.entries(groupPriority).find(([, value]) => value === priority);
  return entry?.[0] as GroupPriorityName | undefined;
}
