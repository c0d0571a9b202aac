// The lab a migrations trial drains: two Hyper-V hosts (the limit applies per host, so a third node
// adds only simulation work) on converged 10 GbE, as Hyper-V hosts are built today: a management
// network (ClusterAndClient, which live migration takes first) and a cluster network (ClusterOnly,
// which SMB Multichannel adds), one Cluster Shared Volume, and N VMs on node01. It goes through the lab
// file contract (parseLabText), so every default the product has is filled in as for a user's file.
//
// The VMs: 2 GiB each, a 1 GiB working set and a 20 MB/s dirty rate (seed 001's lab,
// test/scenarios/labs/hyperv-ten-vms.yaml): a lightly loaded server guest whose pre-copy converges
// in a few passes. The hosts have 192 GiB so that 64 such VMs fit on node02 after the drain.
import type { MigrationPerformanceOption } from '@wsfc-lab/node-agent';
import { formatIssue, parseLabText, type LabSpec } from '../config/mod.js';
import { BenchError } from './errors.js';

export const migrationsLabNames = { source: 'node01', destination: 'node02', disk: 'Cluster Disk 1' } as const;

/** The VMs' shape (documented above) and the hosts' size. */
export const migrationsVm = { memoryGiB: 2, workingSetGiB: 1, dirtyRateMBps: 20 } as const;
export const migrationsHost = { memoryGiB: 192, logicalProcessors: 16 } as const;
export const migrationsNetworks = { managementGbps: 10, clusterGbps: 10 } as const;

export interface MigrationsLabOptions {
  vmCount: number;
  /** The cluster's MaximumParallelMigrations. */
  limit: number;
}

export const vmName = (index: number): string => `vm${String(index + 1).padStart(2, '0')}`;

/** The lab file (as an object) of one trial. */
export function migrationsLabFile(o: MigrationsLabOptions): Record<string, unknown> {
  const { source, destination, disk } = migrationsLabNames;
  const node = (name: string, host: number) => ({ name, addresses: { Management: `172.16.1.${host}`, Cluster: `10.0.1.${host}` }, ...migrationsHost });
  return {
    domain: 'wsfc.local',
    networks: [
      { name: 'Management', subnet: '172.16.1.0/24', role: 'ClusterAndClient', bandwidthGbps: migrationsNetworks.managementGbps },
      { name: 'Cluster', subnet: '10.0.1.0/24', role: 'ClusterOnly', bandwidthGbps: migrationsNetworks.clusterGbps },
    ],
    directory: { name: 'dc01', address: '172.16.1.1' },
    storageTarget: { name: 'host', address: '172.16.1.1', allowedInitiators: [source, destination], disks: [{ name: disk, sizeGiB: 200 }, { name: 'Witness', sizeGiB: 1 }] },
    nodes: [node(source, 5), node(destination, 10)],
    cluster: { name: 'wsfc-cluster', address: '172.16.1.100', witness: { type: 'Disk', disk: 'Witness' }, csv: [disk], settings: { MaximumParallelMigrations: o.limit } },
    vms: Array.from({ length: o.vmCount }, (_, i) => ({ name: vmName(i), ...migrationsVm, storage: disk, host: source })),
  };
}

export function migrationsLab(o: MigrationsLabOptions): LabSpec {
  if (!Number.isInteger(o.vmCount) || o.vmCount < 1) throw new BenchError(`vmCount must be an integer >= 1, got ${o.vmCount}`);
  if (!Number.isInteger(o.limit) || o.limit < 1) throw new BenchError(`limit (MaximumParallelMigrations) must be an integer >= 1, got ${o.limit}`);
  const file = `<migrations bench lab: ${o.vmCount} VMs, MaximumParallelMigrations ${o.limit}>`;
  const parsed = parseLabText(JSON.stringify(migrationsLabFile(o)), file);
  if (!parsed.ok) throw new BenchError(`the migrations bench lab is invalid: ${parsed.errors.map(formatIssue).join('; ')}`);
  return parsed.value;
}

/**
 * The bandwidth one migration path offers, by the node's rule (node-agent hyperv/migration-link.ts):
 * TCPIP and Compression use the first allowed network, ClusterAndClient before ClusterOnly (here
 * the management network); SMB Multichannel sums every allowed network.
 */
export function migrationPathGbps(option: MigrationPerformanceOption): number {
  const { managementGbps, clusterGbps } = migrationsNetworks;
  return option === 'SMB' ? managementGbps + clusterGbps : managementGbps;
}
