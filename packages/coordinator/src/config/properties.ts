// The property names a scenario may name: those of the real cmdlets' output objects (spec "A
// scenario": "Property names are those of the real cmdlets' output objects"). They come from the
// FailoverClusters and Hyper-V module type definitions (the Cluster, ClusterNode, ClusterGroup,
// ClusterResource and VirtualMachine classes), plus the lab's own views that have no cmdlet
// (`disk:` is the storage target's view of a LUN, `migrations:` counts live migrations).
// A name outside these lists is a typo, and the file is rejected; PowerShell itself matches
// property names without regard to case, so the lab does too and keeps the canonical casing.

/** Cluster common properties, as `Get-Cluster | Format-List *` shows them (facts §1, §2, §6, §8). */
export const clusterProperties = [
  'AddEvictDelay', 'AdministrativeAccessPoint', 'AutoAssignNodeSite', 'AutoBalancerMode', 'AutoBalancerLevel',
  'BackupInProgress', 'BlockCacheSize', 'DetectedCloudPlatform', 'DetectManagedEvents', 'DetectManagedEventsThreshold',
  'ClusSvcHangTimeout', 'ClusSvcRegroupOpeningTimeout', 'ClusSvcRegroupPruningTimeout', 'ClusSvcRegroupStageTimeout',
  'ClusSvcRegroupTickInMilliseconds', 'ClusterEnforcedAntiAffinity', 'ClusterFunctionalLevel', 'ClusterUpgradeVersion',
  'ClusterGroupWaitDelay', 'ClusterLogLevel', 'ClusterLogSize', 'CrossSiteDelay', 'CrossSiteThreshold',
  'CrossSubnetDelay', 'CrossSubnetThreshold', 'CsvBalancer', 'CsvTimeToWait', 'DatabaseReadWriteMode',
  'DefaultNetworkRole', 'Description', 'Domain', 'DrainOnShutdown', 'DumpPolicy', 'DynamicQuorum',
  'EnableSharedVolumes', 'FixQuorum', 'GroupDependencyTimeout', 'HangRecoveryAction', 'Id',
  'IgnorePersistentStateOnStartup', 'LogResourceControls', 'LowerQuorumPriorityNodeId', 'MaximumParallelMigrations',
  'MessageBufferLength', 'MinimumNeverPreemptPriority', 'MinimumPreemptorPriority', 'Name', 'NetftIPSecEnabled',
  'PlacementOptions', 'PlumbAllCrossSubnetRoutes', 'PreferredSite', 'PreventQuorum', 'QuarantineDuration',
  'QuarantineThreshold', 'QuorumArbitrationTimeMax', 'RecentEventsResetTime', 'RequestReplyTimeout',
  'ResiliencyDefaultPeriod', 'ResiliencyLevel', 'RouteHistoryLength', 'S2DBusTypes', 'S2DCacheBehavior',
  'S2DCacheDesiredState', 'S2DCacheMetadataReserveBytes', 'S2DCachePageSizeKBytes', 'S2DEnabled',
  'S2DIOLatencyThreshold', 'S2DOptimizations', 'SameSubnetDelay', 'SameSubnetThreshold', 'SecurityLevel',
  'SecurityLevelForStorage', 'SetSMBBandwidthLimit', 'SMBBandwidthLimitFactor', 'SharedVolumeCompatibleFilters',
  'SharedVolumeIncompatibleFilters', 'SharedVolumesRoot', 'SharedVolumeVssWriterOperationTimeout',
  'ShutdownTimeoutInMinutes', 'UseClientAccessNetworksForSharedVolumes', 'WitnessDatabaseWriteTimeout',
  'WitnessDynamicWeight', 'WitnessRestartInterval', 'UseRdmaForStorage', 'RdmaConnectionsPerInterfaceForStorage',
] as const;

/** Cluster properties the cluster computes itself; a lab's `cluster.settings` cannot set them. */
export const clusterReadOnlyProperties: readonly string[] = [
  'AdministrativeAccessPoint', 'BackupInProgress', 'DetectedCloudPlatform', 'ClusterFunctionalLevel',
  'ClusterUpgradeVersion', 'Domain', 'Id', 'Name', 'RecentEventsResetTime', 'WitnessDynamicWeight',
];

/** `Get-ClusterQuorum` output, readable on `cluster: {}` as well. */
const quorumProperties = ['QuorumResource', 'QuorumType'];

const nodeProperties = [
  'BuildNumber', 'Cluster', 'CSDVersion', 'Description', 'DrainStatus', 'DrainTarget', 'DrainErrorCode',
  'FailbackStatus', 'DynamicWeight', 'Id', 'MajorVersion', 'MinorVersion', 'Name', 'NeedsPreventQuorum',
  'NodeHighestVersion', 'NodeInstanceID', 'NodeLowestVersion', 'NodeName', 'NodeWeight', 'FaultDomain', 'Model',
  'Manufacturer', 'SerialNumber', 'State', 'StatusInformation', 'Type', 'UniqueID',
];

const groupProperties = [
  'AntiAffinityClassNames', 'AutoFailbackType', 'ColdStartSetting', 'Cluster', 'DefaultOwner', 'Description',
  'GroupType', 'FailoverPeriod', 'FailoverThreshold', 'FailbackWindowEnd', 'FailbackWindowStart', 'FaultDomain',
  'IsCoreGroup', 'LockedFromMoving', 'Name', 'OwnerNode', 'PersistentState', 'PlacementOptions', 'PreferredSite',
  'Priority', 'ResiliencyPeriod', 'State', 'StatusInformation', 'UpdateDomain', 'Id',
  // Get-ClusterOwnerNode on the group.
  'OwnerNodes',
];

const resourceProperties = [
  'Characteristics', 'Cluster', 'DeadlockTimeout', 'Description', 'Id', 'IsCoreResource', 'EmbeddedFailureAction',
  'IsAlivePollInterval', 'IsNetworkClassResource', 'IsStorageClassResource', 'LastOperationStatusCode',
  'LooksAlivePollInterval', 'MaintenanceMode', 'MonitorProcessId', 'Name', 'OwnerGroup', 'OwnerNode',
  'PendingTimeout', 'PersistentState', 'ResourceSpecificStatus', 'ResourceType', 'RestartAction', 'RestartDelay',
  'RestartPeriod', 'RestartThreshold', 'RetryPeriodOnFailure', 'SeparateMonitor', 'State', 'StatusInformation',
  // Private properties of the Virtual Machine resource type (facts §4.1), via Get-ClusterParameter.
  'MigrationState', 'MigrationProgress', 'MigrationFailureReason', 'VmState', 'OfflineAction', 'ShutdownAction',
  'CheckHeartbeat',
];

const vmProperties = [
  'ConfigurationLocation', 'AutomaticStartAction', 'AutomaticStartDelay', 'AutomaticStopAction',
  'AutomaticCriticalErrorAction', 'AutomaticCriticalErrorActionTimeout', 'CPUUsage', 'MemoryAssigned', 'MemoryDemand',
  'MemoryStatus', 'Heartbeat', 'IntegrationServicesState', 'IntegrationServicesVersion', 'Uptime', 'OperationalStatus',
  'PrimaryOperationalStatus', 'SecondaryOperationalStatus', 'StatusDescriptions', 'PrimaryStatusDescription',
  'SecondaryStatusDescription', 'Status', 'ReplicationHealth', 'ReplicationMode', 'ReplicationState', 'Version',
  'Notes', 'State', 'DynamicMemoryEnabled', 'MemoryMaximum', 'MemoryMinimum', 'MemoryStartup', 'ProcessorCount',
  'Generation', 'IsClustered', 'Path', 'CreationTime', 'Id', 'Name', 'ComputerName',
  // Get-VMProcessor (facts §9).
  'CompatibilityForMigrationEnabled', 'CompatibilityForMigrationMode',
  // The Virtual Machine cluster resource's migration state (facts §4.1, §6.4).
  'MigrationState', 'MigrationProgress', 'MigrationFailureReason',
];

/** The storage target's view of one LUN (spec "`disk:` selects the storage target's view"). */
const diskProperties = ['Name', 'ReservationHolder', 'ReservationType', 'RegisteredKeys', 'Generation', 'Size', 'Status'];

/** Counts of live migrations (spec `migrations:`). */
const migrationProperties = ['InFlight', 'Queued', 'Completed', 'Failed', 'Cancelled'];

/**
 * Fields of a logged event (the JSON report's `events`). `Node` is the node the event is about
 * (1135's removed node); `Source` (or `Computer`, as the System log calls it) is the machine that
 * logged it; `Type` is the lab's event type, for events without a System-log ID.
 */
const eventProperties = ['Id', 'Provider', 'Node', 'Level', 'Message', 'Component', 'Source', 'Computer', 'Type'];

/** Get-ClusterNetwork's objects (facts §12). */
const networkProperties = ['Name', 'State', 'Role', 'Address', 'AddressMask', 'Ipv4Addresses', 'Ipv4PrefixLengths', 'Metric', 'AutoMetric', 'Description', 'Cluster'];

export const selectorProperties = {
  node: nodeProperties,
  network: networkProperties,
  group: groupProperties,
  resource: resourceProperties,
  vm: vmProperties,
  disk: diskProperties,
  cluster: [...clusterProperties, ...quorumProperties],
  event: eventProperties,
  migrations: migrationProperties,
} as const satisfies Record<string, readonly string[]>;

export type SelectorKind = keyof typeof selectorProperties;

/** Properties whose values name a machine, checked against the lab like selectors are. */
export const machineValuedProperties: readonly string[] = ['OwnerNode', 'ComputerName', 'ReservationHolder', 'Node', 'DrainTarget'];

/** The canonical casing of `typed` among `names`, matched without regard to case. */
export function canonicalName(typed: string, names: readonly string[]): string | undefined {
  const lower = typed.toLowerCase();
  return names.find((name) => name.toLowerCase() === lower);
}
