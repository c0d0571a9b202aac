// The lab of a protected-network trial (facts §7, seed 002): three Hyper-V hosts, because with two a
// dead link looks the same from both ends in the lab and nothing moves (node-agent
// cluster/protected-network-health.ts). Each host has a NIC on Management (ClusterAndClient), to
// which its external virtual switch "Management" is bound, a Cluster network (ClusterOnly) that
// carries live migration once Management fails, and an iSCSI Storage network (None), so the NIC
// failure takes neither heartbeats nor storage away. N VMs of the drain bench's shape run on node01,
// each with one protected adapter on the Management switch (the lab file's default).
import { formatIssue, parseLabText, type LabSpec } from '../config/mod.js';
import { BenchError } from './errors.js';
import { migrationsHost, migrationsNetworks, migrationsVm, vmName, type MigrationsLabOptions } from './migrations-lab.js';

export const protectedLabNames = { source: 'node01', network: 'Management', disk: 'Cluster Disk 1', nodes: ['node01', 'node02', 'node03'] } as const;

export function protectedLabFile(o: MigrationsLabOptions): Record<string, unknown> {
  const { source, network, disk, nodes } = protectedLabNames;
  const node = (name: string, index: number) => {
    const host = 5 + index * 5;
    return { name, addresses: { Management: `172.16.1.${host}`, Cluster: `10.0.1.${host}`, Storage: `10.0.2.${host}` }, ...migrationsHost };
  };
  return {
    domain: 'wsfc.local',
    networks: [
      { name: network, subnet: '172.16.1.0/24', role: 'ClusterAndClient', bandwidthGbps: migrationsNetworks.managementGbps },
      { name: 'Cluster', subnet: '10.0.1.0/24', role: 'ClusterOnly', bandwidthGbps: migrationsNetworks.clusterGbps },
      { name: 'Storage', subnet: '10.0.2.0/24', role: 'None', bandwidthGbps: 10 },
    ],
    directory: { name: 'dc01', address: '172.16.1.1' },
    storageTarget: { name: 'host', address: '10.0.2.1', allowedInitiators: [...nodes], disks: [{ name: disk, sizeGiB: 200 }, { name: 'Witness', sizeGiB: 1 }] },
    nodes: nodes.map(node),
    cluster: { name: 'wsfc-cluster', address: '172.16.1.100', witness: { type: 'Disk', disk: 'Witness' }, csv: [disk], settings: { MaximumParallelMigrations: o.limit } },
    vms: Array.from({ length: o.vmCount }, (_, i) => ({ name: vmName(i), ...migrationsVm, storage: disk, host: source, adapters: [{ switch: network }] })),
  };
}

export function protectedLab(o: MigrationsLabOptions): LabSpec {
  if (!Number.isInteger(o.vmCount) || o.vmCount < 1) throw new BenchError(`vmCount must be an integer >= 1, got ${o.vmCount}`);
  if (!Number.isInteger(o.limit) || o.limit < 1) throw new BenchError(`limit (MaximumParallelMigrations) must be an integer >= 1, got ${o.limit}`);
  const parsed = parseLabText(JSON.stringify(protectedLabFile(o)), `<protected-network bench lab: ${o.vmCount} VMs, MaximumParallelMigrations ${o.limit}>`);
  if (!parsed.ok) throw new BenchError(`the protected-network bench lab is invalid: ${parsed.errors.map(formatIssue).join('; ')}`);
  return parsed.value;
}
