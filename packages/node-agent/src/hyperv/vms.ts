// A VM's life on one host: state changes (each one a VmStateChanged event), the transitions that
// take time, and the memory it holds. The durations are the lab's documented rules, not the
// product's: a cold boot reaches Running after `coldBootMs` (Hyper-V reports Running as soon as the
// partition runs; the guest's own boot is not modelled), a guest shutdown takes `shutdownMs`, and
// saving or restoring writes or reads the VM's memory at `saveBytesPerSec`.
import type { ActorIo, VmState, VmStateCause } from '@wsfc-lab/protocol';
import type { HostedVm, HyperVState, HyperVTimer, VmConfig } from './types.js';
import { bootCpu } from './processor.js';

export const vmTimings = {
  coldBootMs: 2_000,
  shutdownMs: 5_000,
  /** Saved-state files are written and read at 1 GiB/s (the lab's rule for a CSV or local SSD). */
  saveBytesPerSec: 1024 ** 3,
} as const;

/** Memory the host keeps for itself (the parent partition): the lab's rule, 2 GiB. */
export const hostReserveBytes = 2 * 1024 ** 3;

/** VMs registered on one host; a bound on the table (STYLE 7). */
export const vmsPerHostMax = 1024;

type Io = ActorIo<HyperVTimer>;

const holdsMemory = (state: VmState): boolean => state !== 'Off' && state !== 'Saved';

export function usedMemoryBytes(h: HyperVState): number {
  let used = 0;
  for (const vm of Object.values(h.vms)) if (holdsMemory(vm.state)) used += vm.config.memoryStartupBytes;
  for (const m of h.incoming) used += m.reservedBytes;
  return used;
}

export function freeMemoryBytes(h: HyperVState): number {
  return h.memoryCapacityBytes - usedMemoryBytes(h);
}

export function setVmState(h: HyperVState, io: Io, vm: HostedVm, next: VmState, cause: VmStateCause): void {
  const previous = vm.state;
  if (previous === next) return;
  vm.state = next;
  if (next === 'Running' && previous !== 'Paused' && previous !== 'PausedCritical' && previous !== 'Resuming') vm.runningSinceMs = io.now();
  if (next === 'Off' || next === 'Saved') delete vm.runningSinceMs;
  if (next === 'Off') delete vm.cpu;
  io.emit({ type: 'VmStateChanged', vm: vm.config.name, node: h.node, State: next, previous, cause });
  if (next === 'Running') h.notices.push({ type: 'VmRunning', vm: vm.config.name });
  if (next === 'Off' || next === 'Saved') h.notices.push({ type: 'VmStopped', vm: vm.config.name, State: next, cause });
}

/** Begins a timed transition: the VM is in `now` until `delayMs` passes, then in `to`. */
export function beginTransition(h: HyperVState, io: Io, vm: HostedVm, now: VmState, to: VmState, cause: VmStateCause, delayMs: number): void {
  const token = h.nextToken++;
  vm.transition = { token, to, cause };
  setVmState(h, io, vm, now, cause);
  io.setTimer(delayMs, { subsystem: 'hyperv', type: 'VmTransition', vm: vm.config.name, token });
}

export function onVmTransition(h: HyperVState, io: Io, name: string, token: number): void {
  const vm = h.vms[name];
  if (!vm?.transition || vm.transition.token !== token) return;
  const { to, cause } = vm.transition;
  delete vm.transition;
  setVmState(h, io, vm, to, cause);
}

export function registerVm(h: HyperVState, config: VmConfig, state: VmState = 'Off'): HostedVm {
  const vm: HostedVm = { config, state };
  h.vms[config.name] = vm;
  return vm;
}

/** Why `vm` cannot start here now, or undefined. */
export function whyCannotStart(h: HyperVState, vm: HostedVm): string | undefined {
  if (vm.state !== 'Off' && vm.state !== 'Saved') return `'${vm.config.name}' failed to start: it is ${vm.state}.`;
  const free = freeMemoryBytes(h);
  if (free < vm.config.memoryStartupBytes) {
    return `'${vm.config.name}' could not initialize memory: Not enough memory in the system to start the virtual machine ${vm.config.name} (it needs ${vm.config.memoryStartupBytes} bytes, ${h.node} has ${Math.max(0, free)} available).`;
  }
  return undefined;
}

/** Start-VM, or the cluster bringing it online: a cold boot from Off, a restore from Saved. */
export function startVm(h: HyperVState, io: Io, vm: HostedVm, cause: 'Start' | 'ColdBoot'): string | undefined {
  const refusal = whyCannotStart(h, vm);
  if (refusal) return refusal;
  // A cold boot takes the features its mode gives it here; a restore keeps those it was saved with.
  if (vm.state !== 'Saved' || vm.cpu === undefined) vm.cpu = bootCpu(h.cpu, vm.config.processorCompatibility ?? 'None', vm.config.version, h.clusterFeatureLevel);
  if (vm.state === 'Saved') beginTransition(h, io, vm, 'Starting', 'Running', 'Restore', Math.ceil((vm.config.memoryStartupBytes / vmTimings.saveBytesPerSec) * 1000));
  // BUGGIFY: a slow boot (storage under load), ten times the usual.
  else beginTransition(h, io, vm, 'Starting', 'Running', cause, vmTimings.coldBootMs * (io.buggify('hyperv.boot.slow') ? 10 : 1));
  return undefined;
}

export type StopAction = 'Shutdown' | 'TurnOff' | 'Save';

/** Stop-VM (a guest shutdown, or -TurnOff), Save-VM, or the cluster taking it offline. */
export function stopVm(h: HyperVState, io: Io, vm: HostedVm, action: StopAction): void {
  delete vm.transition;
  if (vm.state === 'Off' || (vm.state === 'Saved' && action !== 'TurnOff')) return;
  switch (action) {
    case 'TurnOff':
      return setVmState(h, io, vm, 'Off', 'TurnOff');
    case 'Shutdown':
      return beginTransition(h, io, vm, 'Stopping', 'Off', 'Shutdown', vmTimings.shutdownMs);
    case 'Save':
      return beginTransition(h, io, vm, 'Saving', 'Saved', 'Save', Math.ceil((vm.config.memoryStartupBytes / vmTimings.saveBytesPerSec) * 1000));
  }
}

/** The effective live-migration limit of this host: the cluster's value wins on a cluster node (facts §6.1). */
export function migrationLimit(h: HyperVState): number {
  return Math.min(h.host.MaximumVirtualMachineMigrations, h.clusterMaximumParallelMigrations ?? Number.POSITIVE_INFINITY);
}

export function takeNotices(h: HyperVState) {
  return h.notices.splice(0, h.notices.length);
}
