// The lab file's `cluster:` as the cluster New-Cluster would have left: its name and address, its
// nodes (IDs in the lab's node order), the shared disks, the witness, its common properties and
// its roles. Every node starts from the same description, so every node's first copy of the
// cluster database is the same.
import { clusterNetworkName, inSubnet, ipv4FromInt, ipv4ToInt, subnetParts, type ClusterBootstrap, type VmRoleVm } from '@wsfc-lab/node-agent';
import type { LabSpec, VmSpec } from '../config/mod.js';

type StaticAddress = ClusterBootstrap['addresses'][number];

function staticAddress(lab: LabSpec, address: string): StaticAddress {
  const index = lab.networks.findIndex((n) => inSubnet(address, n.subnet));
  const network = lab.networks[index];
  return { Address: address, SubnetMask: network ? subnetParts(network.subnet).addressMask : '255.255.255.255', Network: clusterNetworkName(index) };
}

/**
 * A role without an address in the lab file takes the next address after the cluster's that no
 * machine of the lab uses, as an administrator would type one into the wizard.
 */
function roleAddresses(lab: LabSpec, clusterAddress: string): string[] {
  const used = new Set([clusterAddress, lab.directory.address, lab.storageTarget.address, ...lab.nodes.flatMap((n) => Object.values(n.addresses)), ...lab.roles.flatMap((r) => (r.address ? [r.address] : []))]);
  let next = ipv4ToInt(clusterAddress) ?? 0;
  return lab.roles.map((role) => {
    if (role.address) return role.address;
    do next++;
    while (used.has(ipv4FromInt(next)));
    used.add(ipv4FromInt(next));
    return ipv4FromInt(next);
  });
}

export function clusterBootstrap(lab: LabSpec): ClusterBootstrap | undefined {
  const cluster = lab.cluster;
  if (!cluster) return undefined;
  const addresses = roleAddresses(lab, cluster.address);
  const witness = cluster.witness;
  return {
    name: cluster.name,
    domain: lab.domain,
    formedBy: lab.nodes[0]?.name ?? '',
    nodes: lab.nodes.map((n, i) => ({ name: n.name, id: i + 1 })),
    addresses: [staticAddress(lab, cluster.address)],
    disks: lab.storageTarget.disks.map((d) => d.name).filter((d) => !cluster.csv.includes(d)),
    witness: witness.type === 'Disk' ? { type: 'Disk', disk: witness.disk } : witness.type === 'FileShare' ? { type: 'FileShare', path: witness.path } : witness.type === 'Cloud' ? { type: 'Cloud', accountName: witness.accountName } : { type: 'None' },
    settings: { ...cluster.settings },
    csv: [...cluster.csv],
    roles: lab.roles.map((role, i) => ({ name: role.name, disk: role.disk, address: staticAddress(lab, addresses[i]!), preferredOwners: [...role.preferredOwners], priority: priorityValue(role.priority) })),
    vms: lab.vms.filter((vm) => vm.storage !== 'local').map((vm) => ({ vm: vmRoleVm(lab, vm), host: vm.host, priority: priorityValue(vm.priority), preferredOwners: [...vm.preferredOwners] })),
  };
}

/** A lab VM as the cluster's Virtual Machine resource keeps it; its files in C:\ClusterStorage\VolumeN\<vm> on its CSV. */
export function vmRoleVm(lab: LabSpec, vm: VmSpec): VmRoleVm {
  const csvIndex = lab.cluster?.csv.indexOf(vm.storage) ?? -1;
  const path = csvIndex >= 0 ? `C:\\ClusterStorage\\Volume${csvIndex + 1}\\${vm.name}` : `C:\\ProgramData\\Microsoft\\Windows\\Hyper-V\\${vm.name}`;
  return {
    name: vm.name,
    memoryStartupBytes: Math.round(vm.memoryGiB * 1024 ** 3),
    workingSetBytes: Math.round(vm.workingSetGiB * 1024 ** 3),
    dirtyRateBytesPerSec: Math.round(vm.dirtyRateMBps * 1e6),
    processorCount: 1,
    version: vm.configVersion,
    path,
    storage: vm.storage,
    processorCompatibility: vm.processorCompatibility,
    // Each adapter is connected to the switch of its network; Hyper-V names them all "Network Adapter" (facts §7).
    adapters: vm.adapters.map((a) => ({ name: 'Network Adapter', switchName: a.switch, clusterMonitored: a.clusterMonitored })),
  };
}

const priorities = { High: 3000, Medium: 2000, Low: 1000, NoAutoStart: 0 } as const;

function priorityValue(priority: string | number): number {
  return typeof priority === 'number' ? priority : (priorities[priority as keyof typeof priorities] ?? 2000);
}
