// Hyper-V events of a host: a VM's state changes (the Hyper-V worker) and live or quick migrations
// (the Virtual Machine Management service), facts §6. The checkers read VmStateChanged to hold
// "a VM runs on at most one node"; the `migrations:` selector counts the Migration* events.
import type { Catalog } from './catalog.js';

/** Get-VM's State values the lab uses (Microsoft.HyperV.PowerShell.VMState). */
/** PausedCritical: paused by the host because its storage stopped answering (storage resiliency, facts §5.4). */
export type VmState = 'Off' | 'Starting' | 'Running' | 'Pausing' | 'Paused' | 'PausedCritical' | 'Resuming' | 'Saving' | 'Saved' | 'Stopping';

/** Why a VM changed state: an administrator, the cluster, a migration, or the host going away. */
export type VmStateCause = 'Start' | 'ColdBoot' | 'Restore' | 'Shutdown' | 'TurnOff' | 'Save' | 'MigratedIn' | 'MigratedOut' | 'Blackout' | 'MigrationAborted' | 'HostStopped' | 'StorageLost' | 'StorageRestored' | 'CriticalErrorTimeout';

export type MigrationType = 'Live' | 'Quick';

export interface MigrationIdentity {
  migrationId: string;
  vm: string;
  source: string;
  destination: string;
  migrationType: MigrationType;
}

export type HyperVEvent =
  | { type: 'VmStateChanged'; vm: string; node: string; State: VmState; previous: VmState; cause: VmStateCause }
  /** Over the limit (MaximumParallelMigrations / MaximumVirtualMachineMigrations): it waits its turn. */
  | ({ type: 'MigrationQueued'; position: number } & MigrationIdentity)
  | ({ type: 'MigrationStarted' } & MigrationIdentity)
  | ({ type: 'MigrationCompleted'; passes: number; bytesSent: number; wireBytes: number; blackoutMs: number; durationMs: number } & MigrationIdentity)
  | ({ type: 'MigrationFailed'; reason: string } & MigrationIdentity)
  /** Move-ClusterVirtualMachineRole -Cancel, or a protected network that came back (facts §6.4, §7). */
  | ({ type: 'MigrationCancelled'; wasQueued: boolean } & MigrationIdentity);

const worker = 'Microsoft-Windows-Hyper-V-Worker';
const vmms = 'Microsoft-Windows-Hyper-V-VMMS';

const stateWords: Record<VmState, string> = {
  Off: 'is off',
  Starting: 'is starting',
  Running: 'is running',
  Pausing: 'is pausing',
  Paused: 'is paused',
  PausedCritical: 'is paused-critical (its storage stopped answering)',
  Resuming: 'is resuming',
  Saving: 'is saving its state',
  Saved: 'was saved',
  Stopping: 'is stopping',
};

export const hypervCatalog: Catalog<HyperVEvent> = {
  VmStateChanged: {
    provider: worker,
    level: (e) => (e.cause === 'HostStopped' || e.cause === 'MigrationAborted' || e.cause === 'StorageLost' || e.cause === 'CriticalErrorTimeout' ? 'Warning' : 'Information'),
    component: 'VMMS',
    message: (e) => `'${e.vm}' ${stateWords[e.State]} on ${e.node} (was ${e.previous}; ${e.cause}).`,
  },
  MigrationQueued: {
    provider: vmms,
    level: 'Information',
    component: 'VMMS',
    message: (e) => `${e.migrationType} migration of '${e.vm}' from ${e.source} to ${e.destination} is queued (position ${e.position}): the concurrent migration limit is reached.`,
  },
  MigrationStarted: {
    provider: vmms,
    level: 'Information',
    component: 'VMMS',
    message: (e) => `The Virtual Machine Management service started the ${e.migrationType.toLowerCase()} migration of '${e.vm}' from ${e.source} to ${e.destination}.`,
  },
  MigrationCompleted: {
    provider: vmms,
    level: 'Information',
    component: 'VMMS',
    message: (e) =>
      `${e.migrationType} migration of '${e.vm}' from ${e.source} to ${e.destination} completed in ${e.durationMs} ms: ${e.passes} memory pass(es), ${e.bytesSent} bytes of memory (${e.wireBytes} on the wire), blackout ${e.blackoutMs} ms.`,
  },
  MigrationFailed: {
    provider: vmms,
    level: 'Error',
    component: 'VMMS',
    message: (e) => `${e.migrationType} migration of '${e.vm}' from ${e.source} to ${e.destination} failed: ${e.reason}`,
  },
  MigrationCancelled: {
    // 1155 (RCM_EVENT_EXITED_QUEUING, facts §16.1) is the cluster's word for a queued move that did not complete.
    level: 'Warning',
    component: 'RCM',
    message: (e) => `The ${e.wasQueued ? 'queued ' : ''}${e.migrationType.toLowerCase()} migration of '${e.vm}' from ${e.source} to ${e.destination} was cancelled; the virtual machine stays on ${e.source}.`,
  },
};
