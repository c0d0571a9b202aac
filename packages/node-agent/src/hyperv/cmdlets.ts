// The Hyper-V cmdlets a host answers (New-VM, Get-VM, Start-/Stop-/Save-VM, Get-/Set-VMHost), with
// the module's own kinds of error. Get-VM shows what the host runs; a clustered VM is started and
// stopped like any other, and the cluster service follows (cluster/vm-resources.ts).
import type { CmdletError } from '@wsfc-lab/protocol';
import type { CmdletCall } from '../subsystem.js';
import type { HyperVHost } from './migration-link.js';
import { registerVm, startVm, stopVm, vmsPerHostMax } from './vms.js';
import { migrationPerformanceOptions, type MigrationPerformanceOption } from './precopy.js';
import type { HostedVm, HyperVState } from './types.js';
import { getVmProcessor, setVmProcessor } from './processor-cmdlets.js';
import { applyMigrationHostSettings, migrationSettingsCmdlets } from './migration-settings-cmdlets.js';
import { moveVm } from './migration-settings-cmdlets-move.js';
import { defaultAdapterName } from './vm-adapters.js';
import { getVmNetworkAdapter, setVmNetworkAdapter } from './vm-adapters-cmdlets.js';

export type HyperVCmdlet = (h: HyperVState, call: CmdletCall, host: HyperVHost) => void;

/** Hyper-V's default VirtualMachinePath. */
export const defaultVmPath = 'C:\\ProgramData\\Microsoft\\Windows\\Hyper-V';
/** New-VM's default startup memory: 1 GiB (Windows Server 2016 and later). */
const defaultStartupBytes = 1024 ** 3;

const vmNotFound = (name: string, node: string): CmdletError => ({
  category: 'InvalidArgument',
  errorId: 'InvalidParameter,Microsoft.HyperV.PowerShell.Commands.GetVM',
  message: `Hyper-V was unable to find a virtual machine with name "${name}" on ${node}.`,
});

const invalidArgument = (message: string, errorId = 'InvalidArgument'): CmdletError => ({ category: 'InvalidArgument', errorId, message });

function rangeError(parameter: string, value: unknown, minimum: number): CmdletError {
  return invalidArgument(
    `Cannot validate argument on parameter '${parameter}'. The ${String(value)} argument is less than the minimum allowed range of ${minimum}. Supply an argument that is greater than or equal to ${minimum} and then try the command again.`,
    'ParameterArgumentValidationError',
  );
}

export function vmOutput(h: HyperVState, vm: HostedVm, nowMs: number) {
  const holds = vm.state !== 'Off' && vm.state !== 'Saved';
  return {
    Name: vm.config.name,
    State: vm.state,
    CPUUsage: 0,
    MemoryAssigned: holds ? vm.config.memoryStartupBytes : 0,
    MemoryStartup: vm.config.memoryStartupBytes,
    Uptime: vm.runningSinceMs === undefined ? 0 : nowMs - vm.runningSinceMs,
    Status: h.outgoing.some((m) => m.vm === vm.config.name && m.phase !== 'Queued') ? 'Migrating' : 'Operating normally',
    Version: vm.config.version,
    ComputerName: h.node,
    IsClustered: vm.config.clustered,
    Path: vm.config.path,
    ProcessorCount: vm.config.processorCount,
  };
}

/** The VMs named by -Name (or -VMName, or the first positional argument); replies not-found for the first missing. */
export function pickVms(h: HyperVState, call: CmdletCall, host: HyperVHost): HostedVm[] | undefined {
  const raw = call.parameters.Name ?? call.parameters.VMName ?? (call.parameters.$positional as unknown[] | undefined)?.[0];
  if (raw === undefined || raw === null) return Object.values(h.vms);
  const names = Array.isArray(raw) ? raw.map(String) : [String(raw)];
  const out: HostedVm[] = [];
  for (const name of names) {
    const vm = Object.values(h.vms).find((v) => v.config.name.toLowerCase() === name.toLowerCase());
    if (!vm) {
      host.io.reply(call.requestId, { ok: false, error: vmNotFound(name, h.node) });
      return undefined;
    }
    out.push(vm);
  }
  return out;
}

const getVm: HyperVCmdlet = (h, call, host) => {
  const vms = pickVms(h, call, host);
  if (vms) host.io.reply(call.requestId, { ok: true, output: vms.map((vm) => vmOutput(h, vm, host.io.now())) });
};

const newVm: HyperVCmdlet = (h, call, host) => {
  const name = String(call.parameters.Name ?? (call.parameters.$positional as unknown[] | undefined)?.[0] ?? '');
  const memory = Number(call.parameters.MemoryStartupBytes ?? defaultStartupBytes);
  if (name === '') return host.io.reply(call.requestId, { ok: false, error: invalidArgument('New-VM needs -Name.', 'MissingArgument') });
  if (!Number.isInteger(memory) || memory < 32 * 1024 ** 2) return host.io.reply(call.requestId, { ok: false, error: rangeError('MemoryStartupBytes', call.parameters.MemoryStartupBytes, 32 * 1024 ** 2) });
  if (Object.keys(h.vms).some((n) => n.toLowerCase() === name.toLowerCase())) {
    return host.io.reply(call.requestId, { ok: false, error: invalidArgument(`Failed to create a new virtual machine: a virtual machine named '${name}' already exists on ${h.node} (the lab keys VMs by name).`, 'ObjectAlreadyExists') });
  }
  if (Object.keys(h.vms).length >= vmsPerHostMax) return host.io.reply(call.requestId, { ok: false, error: invalidArgument(`${h.node} already has ${vmsPerHostMax} virtual machines.`, 'LimitReached') });
  const folder = String(call.parameters.Path ?? defaultVmPath).replace(/\\+$/, '');
  const vm = registerVm(h, {
    name,
    memoryStartupBytes: memory,
    workingSetBytes: memory,
    dirtyRateBytesPerSec: 0,
    processorCount: 1,
    version: String(call.parameters.Version ?? h.defaultVersion),
    path: `${folder}\\${name}`,
    storage: 'local',
    clustered: false,
    // New-VM adds one network adapter, connected to -SwitchName when given (facts §7: protected by default).
    adapters: [{ name: defaultAdapterName, switchName: call.parameters.SwitchName === undefined ? '' : String(call.parameters.SwitchName), clusterMonitored: true }],
  });
  host.io.reply(call.requestId, { ok: true, output: [vmOutput(h, vm, host.io.now())] });
};

const startVmCmdlet: HyperVCmdlet = (h, call, host) => {
  const vms = pickVms(h, call, host);
  if (!vms) return;
  for (const vm of vms) {
    if (vm.state === 'Running' || vm.state === 'Starting') continue;
    const refusal = startVm(h, host.io, vm, 'Start');
    if (refusal) return host.io.reply(call.requestId, { ok: false, error: { category: 'InvalidOperation', errorId: 'OperationFailed,Microsoft.HyperV.PowerShell.Commands.StartVM', message: refusal } });
  }
  host.io.reply(call.requestId, { ok: true, output: null });
};

const stopVmCmdlet: HyperVCmdlet = (h, call, host) => {
  const vms = pickVms(h, call, host);
  if (!vms) return;
  const action = call.parameters.TurnOff === true ? 'TurnOff' : call.parameters.Save === true ? 'Save' : 'Shutdown';
  for (const vm of vms) {
    if (h.outgoing.some((m) => m.vm === vm.config.name && m.phase !== 'Queued')) {
      return host.io.reply(call.requestId, { ok: false, error: { category: 'InvalidOperation', errorId: 'InvalidState', message: `'${vm.config.name}' is being migrated: it cannot be stopped until the migration ends.` } });
    }
    stopVm(h, host.io, vm, action);
  }
  host.io.reply(call.requestId, { ok: true, output: null });
};

const saveVm: HyperVCmdlet = (h, call, host) => stopVmCmdlet(h, { ...call, parameters: { ...call.parameters, Save: true } }, host);

function hostOutput(h: HyperVState) {
  // The migration networks are Get-VMMigrationNetwork's objects, not a property of the host's.
  const { migrationNetworks: _networks, ...settings } = h.host;
  return { ComputerName: h.node, LogicalProcessorCount: h.logicalProcessors, MemoryCapacity: h.memoryCapacityBytes, VirtualMachinePath: defaultVmPath, ...settings };
}

const getVmHost: HyperVCmdlet = (h, call, host) => host.io.reply(call.requestId, { ok: true, output: hostOutput(h) });

const setVmHost: HyperVCmdlet = (h, call, host) => {
  const p = call.parameters;
  const next = { ...h.host };
  for (const key of ['MaximumVirtualMachineMigrations', 'MaximumStorageMigrations'] as const) {
    if (p[key] === undefined) continue;
    const value = Number(p[key]);
    if (!Number.isInteger(value) || value < 1) return host.io.reply(call.requestId, { ok: false, error: rangeError(key, p[key], 1) });
    next[key] = value;
  }
  const option = p.VirtualMachineMigrationPerformanceOption;
  if (option !== undefined) {
    const found = migrationPerformanceOptions.find((o) => o.toLowerCase() === String(option).toLowerCase());
    if (!found) {
      return host.io.reply(call.requestId, {
        ok: false,
        error: invalidArgument(`Cannot bind parameter 'VirtualMachineMigrationPerformanceOption'. Cannot convert value "${String(option)}" to type "Microsoft.HyperV.PowerShell.VMMigrationPerformance". The possible enumeration values are "${migrationPerformanceOptions.join(', ')}".`, 'CannotConvertArgumentNoMessage'),
      });
    }
    next.VirtualMachineMigrationPerformanceOption = found as MigrationPerformanceOption;
  }
  const migrationError = applyMigrationHostSettings(p, next);
  if (migrationError) return host.io.reply(call.requestId, { ok: false, error: migrationError });
  h.host = next;
  host.io.reply(call.requestId, { ok: true, output: p.Passthru === true ? hostOutput(h) : null });
};

export const hypervCmdlets: Readonly<Record<string, HyperVCmdlet>> = {
  'New-VM': newVm,
  'Get-VM': getVm,
  'Start-VM': startVmCmdlet,
  'Stop-VM': stopVmCmdlet,
  'Save-VM': saveVm,
  'Get-VMHost': getVmHost,
  'Set-VMHost': setVmHost,
  'Get-VMProcessor': getVmProcessor,
  'Set-VMProcessor': setVmProcessor,
  'Move-VM': moveVm,
  ...migrationSettingsCmdlets,
  'Get-VMNetworkAdapter': getVmNetworkAdapter,
  'Set-VMNetworkAdapter': setVmNetworkAdapter,
};
