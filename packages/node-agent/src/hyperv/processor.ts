// Processor compatibility (facts §9). A host has a CPU vendor and a feature level (a higher level is
// a superset of a lower one: the lab's model of feature sets). A VM sees, from its boot until it is
// off, the features its compatibility mode gives it: all of its host's (None), a fixed minimal set
// (MinimumFeatureSet), or the largest set every cluster node has (CommonClusterFeatureSet, Windows
// Server 2025, configuration version 10.0 or later; older VMs fall back to the minimum). A live or
// saved-state move goes only to a host of the same vendor with every feature the VM uses; the mode
// changes only while the VM is off.
export type ProcessorCompatibility = 'None' | 'MinimumFeatureSet' | 'CommonClusterFeatureSet';
export const processorCompatibilityModes: readonly ProcessorCompatibility[] = ['None', 'MinimumFeatureSet', 'CommonClusterFeatureSet'];

export interface HostCpu {
  vendor: 'Intel' | 'AMD';
  featureLevel: number;
}

/** What the VM was booted with: its vendor and the feature level it may use. */
export type VmCpu = HostCpu;

/** The level of MinimumFeatureSet: the fixed set every host of the vendor has. */
export const minimumFeatureLevel = 0;

const majorOf = (version: string) => Number(version.split('.')[0] ?? 0);

export function bootCpu(host: HostCpu, mode: ProcessorCompatibility, configVersion: string, clusterFeatureLevel: number | undefined): VmCpu {
  switch (mode) {
    case 'None':
      return { ...host };
    case 'MinimumFeatureSet':
      return { vendor: host.vendor, featureLevel: minimumFeatureLevel };
    case 'CommonClusterFeatureSet':
      // Older configuration versions fall back to the minimum set (facts §9 [C1]).
      if (majorOf(configVersion) < 10) return { vendor: host.vendor, featureLevel: minimumFeatureLevel };
      return { vendor: host.vendor, featureLevel: Math.min(host.featureLevel, clusterFeatureLevel ?? host.featureLevel) };
  }
}

/** Why a VM using `vm` cannot move (live or saved) to a host with `host`, in Hyper-V's words; undefined when it can. */
export function whyIncompatible(vmName: string, vm: VmCpu, hostName: string, host: HostCpu): string | undefined {
  if (vm.vendor !== host.vendor) {
    return `The virtual machine '${vmName}' cannot be moved to '${hostName}': its processor is from ${host.vendor} and the virtual machine runs on ${vm.vendor} processor features. Live and saved-state moves between processor manufacturers are not possible, whatever the compatibility mode.`;
  }
  if (vm.featureLevel > host.featureLevel) {
    return `The virtual machine '${vmName}' is using processor-specific features not supported on host '${hostName}'. To allow for migration of this virtual machine to a server with a different processor, modify the virtual machine settings to limit the processor features used by the virtual machine.`;
  }
  return undefined;
}
