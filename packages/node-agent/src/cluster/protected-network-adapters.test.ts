import test from 'ava';
import { vmConfig } from '../hyperv/_fixtures.js';
import type { HostedVm } from '../hyperv/types.js';
import { adaptersParameter, encodeAdapters } from '../hyperv/vm-adapters.js';
import type { ClusterResource } from '../resources/mod.js';
import { syncVmAdapters, withAdapterParameter } from './protected-network-adapters.js';
import { vmConfigOf } from './vm-resources.js';

const corp = { name: 'Network Adapter', switchName: 'Corp', clusterMonitored: true };
const backup = { name: 'Network Adapter', switchName: 'Backup', clusterMonitored: false };
const resource = (parameters: Record<string, string | number | boolean>) => ({ name: 'Virtual Machine vm01', parameters: { VmName: 'vm01', ...parameters } }) as unknown as ClusterResource;

test("a change on the owner's host goes into the Virtual Machine resource, which boots the VM with it anywhere", (t) => {
  const vm: HostedVm = { config: vmConfig('vm01', { clustered: true, adapters: [corp, backup] }), state: 'Running' };
  const r = resource({ [adaptersParameter]: encodeAdapters([corp, { ...backup, clusterMonitored: true }]) });
  syncVmAdapters(r, vm);
  t.is(r.parameters[adaptersParameter], encodeAdapters([corp, backup]));
  t.deepEqual(vmConfigOf(r).adapters, [corp, backup]);
});

test('a VM that arrived without its adapters (by live migration) takes them from the resource', (t) => {
  const vm: HostedVm = { config: vmConfig('vm01', { clustered: true }), state: 'Running' };
  const r = resource({ [adaptersParameter]: encodeAdapters([corp, backup]) });
  syncVmAdapters(r, vm);
  t.deepEqual(vm.config.adapters, [corp, backup]);
  t.is(r.parameters[adaptersParameter], encodeAdapters([corp, backup]), 'the resource is left as it was');
});

test("a role made from a lab file carries the VM's adapters; without any, the resource is unchanged", (t) => {
  const r = resource({});
  t.is(withAdapterParameter(r, undefined), r);
  t.deepEqual(vmConfigOf(withAdapterParameter(r, [backup])).adapters, [backup]);
  t.is(vmConfigOf(r).adapters, undefined);
});
