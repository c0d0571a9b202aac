// The Hyper-V host of a node (the Virtual Machine Management service): its VMs, its migrations
// and its cmdlets. What survives a power cycle is what VMMS keeps on disk: the VMs registered here
// that are not clustered, and whether each was running, for the automatic start action (by default
// "start if it was running", so a host that crashed starts them again). Clustered VMs come back
// only when the cluster places them.
import { assertNever, type MigrationMessage } from '@wsfc-lab/protocol';
import type { NodeConfig } from '../config.js';
import type { FrameIn } from '../subsystem.js';
import { checkOutgoing, onAck, onAnswer, onDone, onStep, fail } from './migration-source.js';
import { checkIncoming, onAbort, onBlackout, onOffer, onPass } from './migration-target.js';
import type { HyperVHost } from './migration-link.js';
import { hostReserveBytes, onVmTransition, registerVm, startVm } from './vms.js';
import { defaultCompression } from './precopy-defaults.js';
import { vmHostDefaults, type HyperVState, type HyperVTimer, type VmConfig } from './types.js';

const storeKey = 'hyperv/vms';

interface PersistedVm {
  config: VmConfig;
  wasRunning: boolean;
}

export function initHyperV(config: NodeConfig, host: HyperVHost): HyperVState {
  const inventory = config.inventory;
  const h: HyperVState = {
    node: config.name,
    cpu: config.hyperv?.cpu ?? { vendor: inventory?.processor.manufacturer ?? 'Intel', featureLevel: 3 },
    osRelease: inventory?.osRelease ?? 2022,
    defaultVersion: config.hyperv?.defaultVersion ?? '10.0',
    memoryCapacityBytes: Math.max(0, (inventory?.memoryBytes ?? 64 * 1024 ** 3) - hostReserveBytes),
    logicalProcessors: inventory?.processor.logicalProcessors ?? 16,
    vms: {},
    host: { ...vmHostDefaults },
    outgoing: [],
    incoming: [],
    compression: config.hyperv?.compression ?? defaultCompression,
    networks: config.networks.map((n) => ({ name: n.name, role: n.role, bandwidthGbps: n.bandwidthGbps ?? 1 })),
    nextToken: 1,
    nextMigration: 1,
    notices: [],
  };
  const persisted = host.io.store.get(storeKey) as PersistedVm[] | undefined;
  const initial = persisted ?? (config.hyperv?.vms ?? []).map((vm) => ({ config: vm.config, wasRunning: vm.running }));
  for (const entry of initial) {
    const vm = registerVm(h, entry.config);
    if (entry.wasRunning) startVm(h, host.io, vm, 'ColdBoot');
  }
  persist(h, host);
  return h;
}

/** Writes what VMMS keeps on disk: the host's own (non-clustered) VMs. */
export function persist(h: HyperVState, host: HyperVHost): void {
  const vms: PersistedVm[] = Object.values(h.vms)
    .filter((vm) => !vm.config.clustered)
    .map((vm) => ({ config: vm.config, wasRunning: vm.state === 'Running' || vm.state === 'Starting' }));
  host.io.store.put(storeKey, vms);
}

const migrationTypes = new Set<string>(['VmMigrationOffer', 'VmMigrationAnswer', 'VmMigrationPass', 'VmMigrationAck', 'VmMigrationBlackout', 'VmMigrationDone', 'VmMigrationAbort']);

export function onHyperVFrame(h: HyperVState, frame: FrameIn, host: HyperVHost): boolean {
  if (!migrationTypes.has(frame.message.type)) return false;
  const message = frame.message as MigrationMessage;
  const from = frame.source;
  switch (message.type) {
    case 'VmMigrationOffer':
      onOffer(h, host, from, message);
      break;
    case 'VmMigrationAnswer':
      onAnswer(h, host, message.migrationId, message.ok, message.busy, message.message);
      break;
    case 'VmMigrationPass':
      onPass(h, host, from, message.migrationId, message.pass);
      break;
    case 'VmMigrationAck':
      onAck(h, host, message.migrationId);
      break;
    case 'VmMigrationBlackout':
      onBlackout(h, host, from, message.migrationId, message.group);
      break;
    case 'VmMigrationDone':
      onDone(h, host, message.migrationId, message.ok, message.message);
      break;
    case 'VmMigrationAbort': {
      onAbort(h, from, message.migrationId);
      const outgoing = h.outgoing.find((m) => m.migrationId === message.migrationId && m.destination === from);
      if (outgoing) fail(h, host, outgoing, `${from} ended the migration: ${message.reason}`);
      break;
    }
    default:
      assertNever(message, 'migration message');
  }
  persist(h, host);
  return true;
}

export function onHyperVTimer(h: HyperVState, timer: HyperVTimer, host: HyperVHost): void {
  switch (timer.type) {
    case 'VmTransition':
      onVmTransition(h, host.io, timer.vm, timer.token);
      break;
    case 'MigrationStep':
      onStep(h, host, timer.migrationId, timer.token);
      break;
    case 'MigrationCheck':
      checkOutgoing(h, host);
      checkIncoming(h, host);
      break;
    default:
      assertNever(timer, 'hyperv timer');
  }
  persist(h, host);
}

export function checkHyperVInvariants(h: HyperVState): void {
  const reserved = h.incoming.reduce((sum, m) => sum + m.reservedBytes, 0);
  if (reserved < 0) throw new Error(`${h.node} reserved negative memory`);
  for (const m of h.outgoing) if (m.phase !== 'Queued' && !h.vms[m.vm]) throw new Error(`${h.node} migrates '${m.vm}', which it no longer has`);
}
