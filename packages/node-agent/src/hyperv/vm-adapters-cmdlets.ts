// Get-VMNetworkAdapter and Set-VMNetworkAdapter (facts §7, seed 002): the adapters of the VMs on
// this host with their SwitchName and ClusterMonitored; -NotMonitoredInCluster turns the protected
// network off (or on again) for the adapters -Name and -SwitchName select.
import type { CmdletError } from '@wsfc-lab/protocol';
import type { HyperVCmdlet } from './cmdlets.js';
import { pickVms } from './cmdlets.js';
import type { HostedVm, VmNetworkAdapter } from './types.js';
import { adaptersOf, macAddressOf } from './vm-adapters.js';

function adapterOutput(vm: HostedVm, adapter: VmNetworkAdapter, index: number, computerName: string) {
  const connected = adapter.switchName !== '';
  return {
    Name: adapter.name,
    VMName: vm.config.name,
    IsManagementOs: false,
    SwitchName: connected ? adapter.switchName : null,
    MacAddress: macAddressOf(vm.config.name, index),
    Status: connected && vm.state === 'Running' ? 'Ok' : '',
    IPAddresses: [],
    ClusterMonitored: adapter.clusterMonitored,
    ComputerName: computerName,
    Connected: connected,
  };
}

/** The adapters of `vm` that -Name (the adapter's name) and -SwitchName select. */
function selectedAdapters(vm: HostedVm, parameters: Record<string, unknown>): { adapter: VmNetworkAdapter; index: number }[] {
  const name = parameters.Name;
  const switchName = parameters.SwitchName;
  return adaptersOf(vm.config)
    .map((adapter, index) => ({ adapter, index }))
    .filter(({ adapter }) => name === undefined || adapter.name.toLowerCase() === String(name).toLowerCase())
    .filter(({ adapter }) => switchName === undefined || adapter.switchName.toLowerCase() === String(switchName).toLowerCase());
}

/** Get-VMNetworkAdapter and Set-VMNetworkAdapter take the VM by -VMName (position 0); their -Name is the adapter's. */
function vmCall(call: Parameters<HyperVCmdlet>[1]): Parameters<HyperVCmdlet>[1] {
  const { Name: _adapter, ...rest } = call.parameters;
  return { ...call, parameters: rest };
}

export const getVmNetworkAdapter: HyperVCmdlet = (h, call, host) => {
  // The parent partition's own virtual adapters: the lab's hosts have none.
  if (call.parameters.ManagementOS === true) return host.io.reply(call.requestId, { ok: true, output: [] });
  const vms = pickVms(h, vmCall(call), host);
  if (!vms) return;
  const output = vms.flatMap((vm) => selectedAdapters(vm, call.parameters).map(({ adapter, index }) => adapterOutput(vm, adapter, index, h.node)));
  host.io.reply(call.requestId, { ok: true, output });
};

const invalid = (message: string, errorId: string): CmdletError => ({ category: 'InvalidArgument', errorId, message });

export const setVmNetworkAdapter: HyperVCmdlet = (h, call, host) => {
  const p = call.parameters;
  if (p.VMName === undefined) return host.io.reply(call.requestId, { ok: false, error: invalid('Set-VMNetworkAdapter needs -VMName (the lab does not bind adapter objects from the pipeline).', 'MissingArgument') });
  const notMonitored = p.NotMonitoredInCluster;
  if (notMonitored !== undefined && typeof notMonitored !== 'boolean') {
    return host.io.reply(call.requestId, { ok: false, error: invalid(`Cannot process argument transformation on parameter 'NotMonitoredInCluster'. Cannot convert value "${String(notMonitored)}" to type "System.Boolean". Use $true or $false.`, 'ParameterArgumentTransformationError') });
  }
  const vms = pickVms(h, vmCall(call), host);
  if (!vms) return;
  const changed: ReturnType<typeof adapterOutput>[] = [];
  for (const vm of vms) {
    const chosen = new Set(selectedAdapters(vm, p).map(({ index }) => index));
    const next = adaptersOf(vm.config).map((a, i) => (chosen.has(i) && notMonitored !== undefined ? { ...a, clusterMonitored: !notMonitored } : a));
    vm.config = { ...vm.config, adapters: next };
    for (const index of chosen) changed.push(adapterOutput(vm, next[index]!, index, h.node));
  }
  host.io.reply(call.requestId, { ok: true, output: p.Passthru === true ? changed : null });
};
