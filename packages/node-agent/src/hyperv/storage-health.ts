// Storage resiliency (Windows Server 2016+, facts §5.4): a VM whose storage stops answering is not
// failed but paused by its host, Paused-Critical, and resumes when the storage answers again. The
// VM setting AutomaticCriticalErrorAction (Pause, the default; None keeps it running) decides, and
// after AutomaticCriticalErrorActionTimeout (30 minutes by default) still paused it is turned off.
// The host learns whether each VM's storage answers from its caller (node.ts): a CSV this node can
// no longer use (Unavailable: its cluster service lost the cluster), or a clustered disk it lost.
import type { ActorIo } from '@wsfc-lab/protocol';
import type { HostedVm, HyperVState, HyperVTimer } from './types.js';
import { setVmState } from './vms.js';

export const criticalErrorDefaults = {
  AutomaticCriticalErrorAction: 'Pause',
  AutomaticCriticalErrorActionTimeoutMinutes: 30,
} as const;

export interface StorageHealth {
  /** Whether `vm`'s storage answers from here: true, false, or undefined (unknown: leave it as it is). */
  storageUp(vm: HostedVm): boolean | undefined;
  /** Whether a paused-critical `vm` may run here again (a clustered VM: only where its role is). */
  mayResume(vm: HostedVm): boolean;
}

const minuteMs = 60_000;

/** Pauses the VMs whose storage stopped answering, resumes those whose storage is back, turns off those paused too long. */
export function applyStorageHealth(h: HyperVState, io: ActorIo<HyperVTimer>, health: StorageHealth): void {
  const nowMs = io.now();
  for (const vm of Object.values(h.vms)) {
    if (vm.config.storage === 'local') continue;
    if (vm.state === 'Running' && health.storageUp(vm) === false) {
      vm.pausedCriticalSinceMs = nowMs;
      setVmState(h, io, vm, 'PausedCritical', 'StorageLost');
      continue;
    }
    if (vm.state !== 'PausedCritical') continue;
    if (health.storageUp(vm) === true && health.mayResume(vm)) {
      delete vm.pausedCriticalSinceMs;
      setVmState(h, io, vm, 'Running', 'StorageRestored');
    } else if (nowMs - (vm.pausedCriticalSinceMs ?? nowMs) >= criticalErrorDefaults.AutomaticCriticalErrorActionTimeoutMinutes * minuteMs) {
      delete vm.pausedCriticalSinceMs;
      setVmState(h, io, vm, 'Off', 'CriticalErrorTimeout');
    }
  }
}
