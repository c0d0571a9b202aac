// A clustered VM's network adapters live in its configuration, which the cluster keeps in the
// Virtual Machine resource (the lab parameter NetworkAdapters), so they travel with the VM (facts
// §7). The owner keeps the two copies equal: a change made on its host (Set-VMNetworkAdapter) goes
// into the resource; a host copy without adapters (a VM that arrived by live migration, whose offer
// carries the memory and processor settings only) takes the resource's.
import type { ClusterResource } from '../resources/mod.js';
import type { HostedVm } from '../hyperv/types.js';
import { adaptersParameter, decodeAdapters, encodeAdapters } from '../hyperv/vm-adapters.js';

/** Makes the owner's hosted VM and its Virtual Machine resource agree on the adapters. */
export function syncVmAdapters(resource: ClusterResource, vm: HostedVm): void {
  const stored = resource.parameters[adaptersParameter];
  if (vm.config.adapters === undefined) {
    const adapters = decodeAdapters(stored);
    if (adapters !== undefined) vm.config = { ...vm.config, adapters };
    return;
  }
  const encoded = encodeAdapters(vm.config.adapters);
  if (stored !== encoded) Object.assign(resource, { parameters: { ...resource.parameters, [adaptersParameter]: encoded } });
}

/** The Virtual Machine resource with the VM's adapters in its parameters (a role made from a lab file). */
export function withAdapterParameter<R extends Pick<ClusterResource, 'parameters'>>(resource: R, adapters: Parameters<typeof encodeAdapters>[0] | undefined): R {
  return adapters === undefined ? resource : { ...resource, parameters: { ...resource.parameters, [adaptersParameter]: encodeAdapters(adapters) } };
}
