// Every queue, map and in-flight window has a named bound here (STYLE 7). When a bound is hit,
// the item is dropped, counted and reported as an event; nothing grows without limit.
import { assert } from './assert.js';

export const limits = {
  /** Largest frame the codec accepts, in bytes. Block I/O (at most `blockIoBytesMax`) plus its envelope fits. */
  frameBytesMax: 1024 * 1024 + 64 * 1024,
  /** Largest payload of one READ or WRITE, in bytes (2048 blocks of 512 bytes). */
  blockIoBytesMax: 2048 * 512,
  /** Frames waiting for an actor before newer ones are dropped (threads: per worker port). */
  mailboxDepthMax: 65_536,
  /** Timers one actor may have pending at once. */
  timersPerActorMax: 4096,
  /** Events the coordinator keeps in one run's history. */
  historyEventsMax: 2_000_000,
  /** Events in flight in the sim scheduler's queue at once. */
  schedulerQueueMax: 4_000_000,
  /** Steps a sim run may take before it is declared stuck (a bounded loop). */
  simStepsMax: 200_000_000,
  /** Simulated wait for an actor to answer a lab command, in ms. */
  commandReplyTimeoutMs: 30_000,
  /** Nodes a lab may have. */
  nodesMax: 64,
  /** Networks a lab may have. */
  networksMax: 16,
  /** Entries kept per route in the heartbeat route history (RouteHistoryLength max, facts §1.1). */
  routeHistoryLengthMax: 40,
  /** Rejected-frame events emitted per actor before they are only counted. */
  rejectEventsPerActorMax: 1000,
} as const;

assert(limits.blockIoBytesMax < limits.frameBytesMax, 'block I/O must fit in a frame');
assert(limits.timersPerActorMax > 0 && limits.mailboxDepthMax > 0, 'limits must be positive');

/**
 * Bounds of each subsystem's own tables, here so that every bound of the lab is named in this one
 * module (STYLE 7). Each subsystem's limits.ts re-exports its part and asserts what relates it to
 * its own settings.
 */
export const subsystemLimits = {
  /** The AD DS + DNS actor (packages/directory). */
  directory: {
    /** Computer objects in the domain (members, the DC, CNOs, VCOs). */
    computerObjectsMax: 1024,
    /** Names in the DNS zone. */
    dnsNamesMax: 2048,
    /** Entries in one computer's msDS-AllowedToDelegateTo. */
    delegationEntriesMax: 64,
    /** Refusal events emitted before refusals are only counted (as the runtime does for frames). */
    refusalEventsMax: 1000,
    /** Computer objects one account may be set to create (ms-DS-MachineAccountQuota upper bound). */
    machineAccountQuotaMax: 1024,
  },
  /** A node's iSCSI initiator and disks (node-agent/src/storage). */
  iscsiInitiator: {
    /** Requests in flight at once: the Microsoft initiator's MaxPendingRequests default, 255. */
    pendingRequestsMax: 255,
    /** Completions waiting for node.ts to route them to the subsystem that asked. */
    completionsQueuedMax: 1024,
    /** Completions settled in one step before the rest wait for the next one (a bounded loop). */
    completionsSettledPerStepMax: 4096,
    /** Discovery portals (Get-IscsiTargetPortal). */
    targetPortalsMax: 64,
    /** Targets known from discovery, favourites and sessions. */
    knownTargetsMax: 256,
    /** Favourite targets. */
    persistentTargetsMax: 64,
    /** Sessions, one per target. */
    sessionsMax: 64,
    /** iSCSI disks remembered (present or not), by serial number. */
    disksMax: 256,
    /** Disk-management cmdlets queued behind the one running. */
    diskOperationsQueuedMax: 32,
    /** READ rounds to read one disk's layout (partition table, then boot sectors, then $Volume). */
    layoutReadRoundsMax: 8,
    /** READs issued in one round of a layout read. */
    layoutReadsPerRoundMax: 16,
    /** Volumes the mount manager's database remembers. */
    mountEntriesMax: 1024,
  },
  /** A node's directory client: DNS client, Kerberos ticket cache (node-agent/src/directory-client). */
  directoryClient: {
    /** Requests to the directory one channel waits for at once. */
    pendingRequestsMax: 256,
    /** Service tickets one channel caches (one per service principal). */
    cachedTicketsMax: 128,
    /** Names one channel's DNS cache holds. */
    cachedNamesMax: 512,
  },
  /** The Global Update Manager and its copy of the cluster database (node-agent/src/gum). */
  gum: {
    /** Characters in a database path such as `Groups/VM1/OwnerNode`. */
    pathCharsMax: 256,
    /** Characters in a string value. */
    stringValueCharsMax: 1024,
    /** Items in an array value (PossibleOwners, PreferredOwners...). */
    arrayItemsMax: 16,
    /** Characters in one string item of an array value. */
    arrayItemCharsMax: 128,
    /** Changes in one update (one GUM update is applied atomically). */
    changesPerUpdateMax: 64,
    /** Entries (paths with a value) in one copy of the cluster database. */
    databaseEntriesMax: 16_384,
    /** Entries in one snapshot chunk. */
    snapshotChunkEntriesMax: 128,
    /** Origins remembered for duplicate suppression; the least recent is forgotten first. */
    originsMax: 2 * limits.nodesMax,
    /** Requests waiting at the locker (each origin has at most one outstanding). */
    lockerQueueMax: 2 * limits.nodesMax,
    /** Local requests waiting on a node for their turn to be sent to the locker. */
    pendingRequestsMax: 256,
    /** Characters in a caller's request id and in a node name. */
    nameCharsMax: 64,
  },
  /** Regroup: every list in a regroup message holds at most one entry per node (node-agent/src/regroup). */
  regroup: {
    /** Characters in a node name. */
    nameCharsMax: 64,
    /** Characters in a free-text detail (the quorum sentence of a halt). */
    detailCharsMax: 512,
    /** Immediate restarts of a round (a newer view or a higher promise was reported) before backing off. */
    roundRestartsMax: 4,
    /** Nodes in a cluster, and so in any list a regroup message carries. */
    nodesMax: limits.nodesMax,
  },
  /**
   * The per-node cluster.log ring (node-agent/src/cluster-log). The real log is a circular file of
   * ClusterLogSize MB per node (300 MB, facts §16.2); the lab keeps lines and drops the oldest.
   */
  clusterLog: {
    /** Lines kept per node; the oldest go first. About 4 MB of text per node at 200 bytes a line (it lives in the node actor's state). */
    linesPerNodeMax: 20_000,
    /** Characters of one message; longer ones are cut and end with "…". */
    messageCharsMax: 4096,
    /** Lines one event may expand to (a route-history dump is one line per entry). */
    linesPerEventMax: limits.routeHistoryLengthMax + 2,
    /** Nodes one store keeps a log for. */
    nodesMax: limits.nodesMax,
    /** Largest -TimeSpan accepted, in minutes (UInt32 in the real cmdlet; a year is plenty). */
    timeSpanMinutesMax: 366 * 24 * 60,
  },
  /** One Test-Cluster run (node-agent/src/validation). */
  validation: {
    /** Servers one run validates (a cluster has at most 64 nodes). */
    nodesMax: limits.nodesMax,
    /** Networks one run checks. */
    networksMax: limits.networksMax,
    /** Disks one run tests (the target's LUN count is the real bound; this is the table's). */
    disksMax: 256,
    /** Names given to -Include, -Ignore or -Disk. */
    selectionNamesMax: 128,
    /** Detail lines kept per test; the rest are counted in one closing line. */
    detailLinesPerTestMax: 1024,
  },
  /** Disk arbitration: Physical Disk resources and the witness (node-agent/src/arbitration). */
  arbitration: {
    /** Clustered disks one node arbitrates (Physical Disk resources and the witness). */
    disksMax: 64,
    /** Data WRITEs in flight from one node, over all its disks. */
    writesInFlightMax: 128,
    /** RESERVE or PREEMPT attempts a challenge makes when another node races it. */
    reserveAttemptsMax: 3,
    /** Commands an owner's restore makes before it gives the disk up. */
    restoreStepsMax: 6,
  },
  /** The resource control manager's data (node-agent/src/resources). */
  resources: {
    /** Failure timestamps kept per resource for the restart policy; a RestartThreshold above it acts as this. */
    failureHistoryMax: 64,
    /** Failover timestamps kept per group; FailoverThreshold nodes − 1 is at most nodesMax − 1. */
    failoverHistoryMax: 128,
    /** Resources one group may hold (bounds the dependency graph walks). */
    resourcesPerGroupMax: 256,
    /** Groups one cluster may hold. */
    groupsMax: 1024,
  },
} as const;

assert(subsystemLimits.directory.dnsNamesMax >= subsystemLimits.directory.computerObjectsMax, 'every computer object must fit a DNS name');
assert(subsystemLimits.directory.machineAccountQuotaMax <= subsystemLimits.directory.computerObjectsMax, 'a quota beyond the table is meaningless');
assert(
  subsystemLimits.iscsiInitiator.pendingRequestsMax + 2 * subsystemLimits.iscsiInitiator.sessionsMax < limits.timersPerActorMax,
  'initiator timers (one per request, two per session) must fit in timersPerActorMax',
);
assert(subsystemLimits.iscsiInitiator.layoutReadsPerRoundMax * 4 <= subsystemLimits.iscsiInitiator.pendingRequestsMax, 'a layout read must not fill the pending table');
assert(subsystemLimits.gum.lockerQueueMax >= limits.nodesMax, 'the locker queue must hold one request per node');
assert(subsystemLimits.regroup.roundRestartsMax >= 1, 'a round must be allowed to restart at least once');
assert(subsystemLimits.regroup.nodesMax <= 64, 'the clique search is sized for at most 64 nodes');
assert(subsystemLimits.clusterLog.linesPerNodeMax >= 1000, 'a cluster.log must hold at least a regroup worth of lines');
assert(subsystemLimits.clusterLog.linesPerEventMax > limits.routeHistoryLengthMax, 'a route-history dump must fit in one event');
assert(subsystemLimits.validation.detailLinesPerTestMax >= 4 * subsystemLimits.validation.nodesMax, 'a test must be able to say something about every node');
assert(subsystemLimits.arbitration.reserveAttemptsMax > 0 && subsystemLimits.arbitration.restoreStepsMax > 0, 'arbitration limits must be positive');
assert(subsystemLimits.resources.failoverHistoryMax >= limits.nodesMax, 'failover history must hold nodes − 1 failovers');
assert(subsystemLimits.resources.failureHistoryMax >= 3, 'failure history must hold the default RestartThreshold');
