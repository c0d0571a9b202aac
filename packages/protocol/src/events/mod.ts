// One event union for everything the lab observes (STYLE 20): the cluster log, the JSON report,
// the checkers and the dashboard all read this stream.
import { failoverClusteringProvider, logLevelOf, type ClusterLogLevel, type SystemLevel } from './catalog.js';
import { initiatorCatalog, type InitiatorEvent } from './initiator.js';
import { arbitrationCatalog, type ArbitrationEvent } from './arbitration.js';
import { labCatalog, type LabEvent as RuntimeEvent } from './lab.js';
import { nodeCatalog, type NodeEvent } from './node.js';
import { storageCatalog, type StorageEvent } from './storage.js';
import { directoryCatalog, type DirectoryEvent } from './directory.js';
import { resourceCatalog, type ResourceEvent } from './resources.js';
import { regroupCatalog, type RegroupEvent } from './regroup.js';
import { gumCatalog, type GumEvent } from './gum.js';
import { networkCatalog, type NetworkEvent } from './networks.js';
import { validationCatalog, type ValidationEvent } from './validation.js';
import { hypervCatalog, type HyperVEvent } from './hyperv.js';
import { csvCatalog, type CsvEvent } from './csv.js';
import { protectedNetworkCatalog, type ProtectedNetworkEvent } from './protected-network.js';

export * from './catalog.js';
export type { ActorKind, FrameRejectReason } from './lab.js';
export type { NodeState, NodeEvent } from './node.js';
export type { StorageEvent, IscsiSessionEndReason, ScsiRefusalReason } from './storage.js';
export type { DirectoryEvent } from './directory.js';
export type { ResourceEvent } from './resources.js';
export type { ArbitrationEvent, ArbitrationPurpose, ReservationLossCause } from './arbitration.js';
export type { InitiatorEvent } from './initiator.js';
export { regroupCatalog, type RegroupEvent, type RegroupReason, type RoundStage } from './regroup.js';
export { gumCatalog, type GumEvent } from './gum.js';
export type { NetworkEvent } from './networks.js';
export type { ValidationEvent } from './validation.js';
export type { HyperVEvent, VmState, VmStateCause, MigrationType, MigrationIdentity } from './hyperv.js';
export type { CsvEvent, CsvPauseStatus } from './csv.js';
export type { ProtectedNetworkEvent } from './protected-network.js';

export type LabEvent = RuntimeEvent | NodeEvent | RegroupEvent | GumEvent | StorageEvent | InitiatorEvent | DirectoryEvent | ResourceEvent | ArbitrationEvent | NetworkEvent | ValidationEvent | HyperVEvent | CsvEvent | ProtectedNetworkEvent;

/** An event as the history keeps it: when (simulated ms), where, and in which order. */
export interface HistoryEntry {
  atMs: number;
  source: string;
  seq: number;
  event: LabEvent;
}

const catalog = { ...labCatalog, ...nodeCatalog, ...regroupCatalog, ...gumCatalog, ...storageCatalog, ...initiatorCatalog, ...directoryCatalog, ...resourceCatalog, ...arbitrationCatalog, ...networkCatalog, ...validationCatalog, ...hypervCatalog, ...csvCatalog, ...protectedNetworkCatalog };

export interface RenderedEvent {
  Id: number | undefined;
  Provider: string;
  Level: SystemLevel;
  LogLevel: ClusterLogLevel;
  Component: string;
  Message: string;
}

export function renderEvent(event: LabEvent): RenderedEvent {
  const spec = catalog[event.type] as {
    Id?: number;
    provider?: string;
    level: SystemLevel | ((e: LabEvent) => SystemLevel);
    component: string;
    message: (e: LabEvent) => string;
  };
  const Level = typeof spec.level === 'function' ? spec.level(event) : spec.level;
  return { Id: spec.Id, Provider: spec.provider ?? failoverClusteringProvider, Level, LogLevel: logLevelOf(Level), Component: spec.component, Message: spec.message(event) };
}
