// The events the resource manager's decisions ask the actor to emit (facts §16.1). They are
// plain data here; the lab's event union in protocol should carry them (see the report that
// came with this module for the catalog entries).
import type { ResourceType } from './resource-type.js';

/** 1069 RCM_RESOURCE_FAILURE: resource '%1' in role '%2' failed. */
export interface ResourceFailedEvent {
  type: 'ResourceFailed';
  resource: string;
  group: string;
  resourceType: ResourceType;
  node: string;
}

/** 1205 RCM_EVENT_GROUP_FAILED_ONLINE_OFFLINE: role could not be brought completely online or offline. */
export interface GroupFailedOnlineOfflineEvent {
  type: 'GroupFailedOnlineOffline';
  group: string;
  node: string;
}

/** 1254 RCM_GROUP_TERMINAL_FAILURE: role exceeded its failover threshold and is left failed. */
export interface GroupTerminalFailureEvent {
  type: 'GroupTerminalFailure';
  group: string;
  node: string;
  /** The effective threshold (nodes − 1 when the property is 0xFFFFFFFF). */
  failoverThreshold: number;
  failoverPeriodHours: number;
}

export type ResourceManagerEvent = ResourceFailedEvent | GroupFailedOnlineOfflineEvent | GroupTerminalFailureEvent;

/** The System-log event ID of each (facts §16.1). */
export const resourceManagerEventIds = {
  ResourceFailed: 1069,
  GroupFailedOnlineOffline: 1205,
  GroupTerminalFailure: 1254,
} as const satisfies Record<ResourceManagerEvent['type'], number>;
