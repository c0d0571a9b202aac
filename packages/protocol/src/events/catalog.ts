// How an event is shown: the System-log event ID (facts §16.1) where the real product has one,
// its level, and the cluster.log component and message (facts §16.2).

export type SystemLevel = 'Critical' | 'Error' | 'Warning' | 'Information';
export type ClusterLogLevel = 'INFO' | 'WARN' | 'ERR' | 'DBG';

export interface EventSpec<E> {
  /** System-log event ID; absent for lab-only and cluster.log-only events. */
  Id?: number;
  /** The event's provider in the System log; default Microsoft-Windows-FailoverClustering. */
  provider?: string;
  level: SystemLevel | ((event: E) => SystemLevel);
  /** cluster.log component, e.g. IM, NODE, QUORUM, RCM. */
  component: string;
  message: (event: E) => string;
}

export type Catalog<U extends { type: string }> = { [K in U['type']]: EventSpec<Extract<U, { type: K }>> };

export const failoverClusteringProvider = 'Microsoft-Windows-FailoverClustering';

export function logLevelOf(level: SystemLevel): ClusterLogLevel {
  switch (level) {
    case 'Critical':
    case 'Error':
      return 'ERR';
    case 'Warning':
      return 'WARN';
    case 'Information':
      return 'INFO';
  }
}
