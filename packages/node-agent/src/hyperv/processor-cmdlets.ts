// Get-VMProcessor and Set-VMProcessor's processor compatibility (facts §9): the VM must be off to
// change it; -CompatibilityForMigrationMode exists only on Windows Server 2025 hosts; enabling it
// without a mode gives MinimumFeatureSet.
import type { CmdletError } from '@wsfc-lab/protocol';
import type { HyperVCmdlet } from './cmdlets.js';
import { pickVms } from './cmdlets.js';
import { processorCompatibilityModes, type ProcessorCompatibility } from './processor.js';
import type { HostedVm } from './types.js';

function processorOutput(vm: HostedVm, computerName: string) {
  const mode = vm.config.processorCompatibility ?? 'None';
  return {
    VMName: vm.config.name,
    ComputerName: computerName,
    Count: vm.config.processorCount,
    CompatibilityForMigrationEnabled: mode !== 'None',
    CompatibilityForMigrationMode: mode === 'None' ? 'MinimumFeatureSet' : mode,
  };
}

export const getVmProcessor: HyperVCmdlet = (h, call, host) => {
  const vms = pickVms(h, call, host);
  if (vms) host.io.reply(call.requestId, { ok: true, output: vms.map((vm) => processorOutput(vm, h.node)) });
};

const error = (category: string, errorId: string, message: string): CmdletError => ({ category, errorId, message });

/** The mode Set-VMProcessor asks for, or the error that refuses it. */
function wantedMode(h: { osRelease: number }, parameters: Record<string, unknown>, current: ProcessorCompatibility): ProcessorCompatibility | CmdletError {
  const modeText = parameters.CompatibilityForMigrationMode;
  if (modeText !== undefined && h.osRelease < 2025) {
    return error('InvalidArgument', 'NamedParameterNotFound', "A parameter cannot be found that matches parameter name 'CompatibilityForMigrationMode'.");
  }
  const mode = modeText === undefined ? undefined : processorCompatibilityModes.find((m) => m !== 'None' && m.toLowerCase() === String(modeText).toLowerCase());
  if (modeText !== undefined && mode === undefined) {
    return error('InvalidArgument', 'CannotConvertArgumentNoMessage', `Cannot bind parameter 'CompatibilityForMigrationMode'. Cannot convert value "${String(modeText)}" to type "Microsoft.HyperV.PowerShell.CompatibilityForMigrationMode". The possible enumeration values are "MinimumFeatureSet, CommonClusterFeatureSet".`);
  }
  const enabled = parameters.CompatibilityForMigrationEnabled;
  if (enabled === false) return 'None';
  if (enabled === true || mode !== undefined) return mode ?? (current === 'None' ? 'MinimumFeatureSet' : current);
  return current;
}

export const setVmProcessor: HyperVCmdlet = (h, call, host) => {
  const vms = pickVms(h, call, host);
  if (!vms) return;
  for (const vm of vms) {
    const mode = wantedMode(h, call.parameters, vm.config.processorCompatibility ?? 'None');
    if (typeof mode !== 'string') return host.io.reply(call.requestId, { ok: false, error: mode });
    if (mode !== (vm.config.processorCompatibility ?? 'None') && vm.state !== 'Off') {
      return host.io.reply(call.requestId, {
        ok: false,
        error: error('InvalidOperation', 'InvalidState,Microsoft.HyperV.PowerShell.Commands.SetVMProcessor', `'${vm.config.name}' failed to modify device 'Processor'. The operation cannot be performed while the virtual machine is in its current state (${vm.state}): turn it off first.`),
      });
    }
  }
  for (const vm of vms) {
    const mode = wantedMode(h, call.parameters, vm.config.processorCompatibility ?? 'None') as ProcessorCompatibility;
    vm.config = { ...vm.config, processorCompatibility: mode };
    if (call.parameters.Count !== undefined && Number.isInteger(Number(call.parameters.Count)) && Number(call.parameters.Count) >= 1) vm.config = { ...vm.config, processorCount: Number(call.parameters.Count) };
  }
  host.io.reply(call.requestId, { ok: true, output: call.parameters.Passthru === true ? vms.map((vm) => processorOutput(vm, h.node)) : null });
};
