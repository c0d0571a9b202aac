// The lab file format (spec "A lab") as zod schemas: the keys are a contract, so every object is
// strict (a typo is an error, not a silently ignored key). Plain defaults live here; defaults
// that depend on the rest of the lab (a network's role, a VM's host) are filled in by lab.ts.
import { limits } from '@wsfc-lab/protocol';
import { z } from 'zod';
import { labDefaults } from './lab-defaults.js';

const computerNamePattern = /^(?![0-9]+$)[A-Za-z0-9][A-Za-z0-9-]{0,14}$/;

/** A NetBIOS computer name: 1–15 letters, digits or hyphens, not all digits. */
export const computerName = z
  .string()
  .regex(computerNamePattern, { error: (issue) => `is not a valid computer name (1–15 letters, digits or hyphens), got ${JSON.stringify(issue.input)}` });

const objectName = z.string().min(1);
const ipv4 = z.ipv4();

export const networkRoleSchema = z.enum(['None', 'ClusterOnly', 'ClusterAndClient']);

export const networkSchema = z
  .strictObject({
    name: objectName,
    subnet: z.cidrv4().describe('IPv4 subnet, e.g. 10.0.1.0/24'),
    role: networkRoleSchema
      .optional()
      .describe('Cluster network role (facts §12). Default: ClusterAndClient with a gateway; None for the storage network when there are others; else ClusterOnly'),
    bandwidthGbps: z.number().positive().default(labDefaults.network.bandwidthGbps).describe('Gbps, default 1'),
    latencyMs: z.number().nonnegative().default(labDefaults.network.latencyMs).describe('one-way latency in simulated ms, default 0.2'),
    gateway: ipv4.optional().describe('default gateway, when the network has one'),
    rdma: z.boolean().optional().describe('the NICs on it are RDMA-capable: the SMB live-migration option uses SMB Direct there (facts §6.3); default false'),
  })
  .describe('A cluster network: every node has a NIC on it');

export const osVersionSchema = z.literal([2012, 2016, 2019, 2022, 2025]).describe('Windows Server release; 2012 stands for 2012 R2');

export const nodeSchema = z
  .strictObject({
    name: computerName,
    addresses: z.record(z.string(), ipv4).describe('the address on each network, by network name'),
    memoryGiB: z.number().positive().default(labDefaults.node.memoryGiB),
    logicalProcessors: z.int().positive().default(labDefaults.node.logicalProcessors),
    cpu: z
      .strictObject({
        vendor: z.enum(['Intel', 'AMD']).default(labDefaults.node.cpu.vendor),
        features: z.int().min(1).default(labDefaults.node.cpu.features).describe('feature-set level; higher is a superset'),
      })
      .default({ ...labDefaults.node.cpu }),
    osVersion: osVersionSchema.default(labDefaults.node.osVersion),
  })
  .describe('A Hyper-V host with the Failover Clustering feature');

export const directorySchema = z
  .strictObject({ name: computerName, address: ipv4 })
  .describe('The AD DS + DNS server');

export const diskSchema = z.strictObject({ name: objectName, sizeGiB: z.number().positive() });

export const storageTargetSchema = z
  .strictObject({
    name: computerName,
    address: ipv4,
    allowedInitiators: z.array(z.string()).default([]).describe('nodes whose initiators may log in'),
    disks: z.array(diskSchema).default([]),
  })
  .describe('The iSCSI target server');

export const witnessSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('None') }),
  z.strictObject({ type: z.literal('Disk'), disk: objectName }),
  z.strictObject({ type: z.literal('FileShare'), path: objectName }),
  z.strictObject({ type: z.literal('Cloud'), accountName: objectName }),
]);

export const clusterSchema = z
  .strictObject({
    name: computerName,
    address: ipv4,
    witness: witnessSchema.default({ type: 'None' }),
    csv: z.array(z.string()).default([]).describe('disks added as Cluster Shared Volumes'),
    settings: z
      .record(z.string(), z.union([z.number(), z.string()]))
      .default({})
      .describe('cluster common properties by their real names, e.g. SameSubnetThreshold'),
  })
  .describe('The cluster as New-Cluster left it; absent: no cluster yet');

export const prioritySchema = z.enum(['High', 'Medium', 'Low', 'NoAutoStart']);

export const roleSchema = z.strictObject({
  name: objectName,
  type: z.literal('FileServer').default(labDefaults.role.type),
  disk: objectName,
  address: ipv4.optional(),
  preferredOwners: z.array(z.string()).default([]),
  priority: prioritySchema.default(labDefaults.role.priority),
});

export const vmAdapterSchema = z.strictObject({
  switch: objectName.describe('the network the adapter is connected to'),
  clusterMonitored: z.boolean().default(labDefaults.vm.clusterMonitored).describe('protected network'),
});

const configVersionPattern = /^\d+\.\d+$/;

export const vmSchema = z.strictObject({
  name: objectName,
  memoryGiB: z.number().positive().default(labDefaults.vm.memoryGiB),
  dirtyRateMBps: z.number().nonnegative().default(labDefaults.vm.dirtyRateMBps).describe('MB/s the guest dirties'),
  workingSetGiB: z.number().positive().optional().describe('default: all of memoryGiB'),
  storage: z.string().optional().describe('a CSV disk name, or local; default local'),
  preferredOwners: z.array(z.string()).default([]),
  host: z.string().optional().describe('the node it runs on at start; default the first preferred owner, else round robin'),
  priority: prioritySchema.default(labDefaults.vm.priority),
  adapters: z.array(vmAdapterSchema).optional().describe('default: one adapter on the first ClusterAndClient network'),
  processorCompatibility: z
    .enum(['None', 'MinimumFeatureSet', 'CommonClusterFeatureSet'])
    .default(labDefaults.vm.processorCompatibility),
  configVersion: z
    .union([z.string().regex(configVersionPattern), z.number().positive()])
    .optional()
    .describe("major.minor; default the highest the host's OS supports"),
});

export const labSchema = z
  .strictObject({
    description: z.string().optional(),
    domain: z
      .string()
      .regex(/^[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$/, { error: (issue) => `is not a DNS domain name, got ${JSON.stringify(issue.input)}` })
      .default(labDefaults.domain),
    startTime: z.iso
      .datetime({ offset: true })
      .default(labDefaults.startTime)
      .describe('the wall-clock date and time at simulated 0, ISO 8601 with its UTC offset (the nodes\' local time); default 2026-01-05T00:00:00Z'),
    networks: z.array(networkSchema).min(1).max(limits.networksMax),
    directory: directorySchema,
    storageTarget: storageTargetSchema,
    nodes: z.array(nodeSchema).min(1).max(limits.nodesMax),
    cluster: clusterSchema.optional(),
    roles: z.array(roleSchema).default([]),
    vms: z.array(vmSchema).default([]),
  })
  .describe('A wsfc-lab lab: the machines, networks and shared storage of a cluster');

export type LabFile = z.output<typeof labSchema>;
