// Resource common properties, with their real names, units and defaults (facts §4.3 [R1] [R2]).
// The names are the product's because an administrator reads and sets them
// ((Get-ClusterResource X).RestartThreshold = 5); the decision functions take `…Ms` inputs.

/**
 * CLUSTER_RESOURCE_RESTART_ACTION (facts §4.3):
 * 0 ClusterResourceDontRestart: stay Failed.
 * 1 ClusterResourceRestartNoNotify: restart here; over the threshold, stay Failed (no failover).
 * 2 ClusterResourceRestartNotify: restart here; over the threshold, fail the group over.
 */
export type RestartAction = 0 | 1 | 2;

/** A poll interval of 0xFFFFFFFF means "use the resource type's value" (facts §4.3). */
export const useResourceTypeValue = 0xffffffff;

export interface ResourceCommonProperties {
  /** 0, 1 or 2; default 2 (facts §4.3). */
  RestartAction: RestartAction;
  /** Restarts allowed within RestartPeriod, a count; default 3 (facts §4.3). */
  RestartThreshold: number;
  /** Window for RestartThreshold, in ms; default 900000 = 15 min (facts §4.3). */
  RestartPeriod: number;
  /** Wait before a restart attempt, in ms; default 500 (facts §4.3). */
  RestartDelay: number;
  /** Retry period after the group gave up, in ms; default 3600000 = 1 h (facts §4.3). */
  RetryPeriodOnFailure: number;
  /** Longest OnlinePending/OfflinePending, in ms; default 180000 = 3 min (facts §4.3). */
  PendingTimeout: number;
  /** RHS call deadlock detection, in ms; default 300000 = 5 min (facts §4.3). */
  DeadlockTimeout: number;
  /** Quick check interval in ms, or 0xFFFFFFFF for the type's 5000 (facts §4.3, [R2] shows 4294967295). */
  LooksAlivePollInterval: number;
  /** Thorough check interval in ms, or 0xFFFFFFFF for the type's 60000 (facts §4.3). */
  IsAlivePollInterval: number;
  /** 1 when the resource was online when last left alone, so it comes back online at cluster start ([R2]). */
  PersistentState: 0 | 1;
  /** Run in its own RHS process; default false ([R2]). */
  SeparateMonitor: boolean;
  Description: string;
}

export const resourceDefaults: Readonly<ResourceCommonProperties> = {
  RestartAction: 2,
  RestartThreshold: 3,
  RestartPeriod: 900_000,
  RestartDelay: 500,
  RetryPeriodOnFailure: 3_600_000,
  PendingTimeout: 180_000,
  DeadlockTimeout: 300_000,
  LooksAlivePollInterval: useResourceTypeValue,
  IsAlivePollInterval: useResourceTypeValue,
  PersistentState: 0,
  SeparateMonitor: false,
  Description: '',
};
