// A VM's network adapters (facts §7): each is connected to a virtual switch, and the switch is bound
// to the host's physical NIC on one lab network, so the lab names the switch after that network
// (SwitchName "Management"). Every adapter is a protected network (ClusterMonitored) unless an
// administrator turns it off with `Set-VMNetworkAdapter -NotMonitoredInCluster $true` (the property
// read is ClusterMonitored, the parameter set is its negation, as seed 002 shows). A clustered VM's
// adapters are part of its configuration, which the cluster keeps in the Virtual Machine resource
// (cluster/vm-resources.ts), so they travel with the VM wherever it runs.
import type { VmConfig, VmNetworkAdapter } from './types.js';

/** Hyper-V's name for every adapter New-VM and Add-VMNetworkAdapter add. */
export const defaultAdapterName = 'Network Adapter';

/** Adapters per VM: Hyper-V allows 8 synthetic network adapters (a bound, STYLE 7). */
export const vmAdaptersMax = 8;

/** The Virtual Machine resource's parameter that holds the adapters (a lab parameter, JSON). */
export const adaptersParameter = 'NetworkAdapters';

/** A VM's adapters; one that never said has New-VM's single adapter, connected to no switch. */
export function adaptersOf(config: Pick<VmConfig, 'adapters'>): VmNetworkAdapter[] {
  return config.adapters ?? [{ name: defaultAdapterName, switchName: '', clusterMonitored: true }];
}

/** The switches (lab networks) whose failure makes the cluster move the VM: those of its monitored, connected adapters. */
export function protectedSwitches(config: Pick<VmConfig, 'adapters'>): string[] {
  return [...new Set(adaptersOf(config).filter((a) => a.clusterMonitored && a.switchName !== '').map((a) => a.switchName))];
}

/** The adapters as the resource parameter keeps them. */
export function encodeAdapters(adapters: readonly VmNetworkAdapter[]): string {
  return JSON.stringify(adapters.slice(0, vmAdaptersMax).map((a) => [a.name, a.switchName, a.clusterMonitored]));
}

/** The adapters from the resource parameter; undefined when it is absent or not the lab's shape. */
export function decodeAdapters(value: unknown): VmNetworkAdapter[] | undefined {
  if (typeof value !== 'string') return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    return undefined;
  }
  if (!Array.isArray(parsed)) return undefined;
  const adapters: VmNetworkAdapter[] = [];
  for (const item of parsed.slice(0, vmAdaptersMax)) {
    if (!Array.isArray(item) || typeof item[0] !== 'string' || typeof item[1] !== 'string' || typeof item[2] !== 'boolean') return undefined;
    adapters.push({ name: item[0], switchName: item[1], clusterMonitored: item[2] });
  }
  return adapters;
}

/** A stable MAC in Hyper-V's range (00-15-5D), from the VM's name and the adapter's place [lab rule]. */
export function macAddressOf(vm: string, index: number): string {
  let hash = 2166136261;
  for (const char of `${vm}#${index}`) hash = Math.imul(hash ^ char.charCodeAt(0), 16777619) >>> 0;
  return `00155D${(hash & 0xffffff).toString(16).toUpperCase().padStart(6, '0')}`;
}
