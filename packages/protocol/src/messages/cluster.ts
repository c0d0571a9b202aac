// Requests one node's cluster service makes of another's resource manager: the cluster API's call
// to the owner node of a resource (Test-ClusterResourceFailure runs where the resource is hosted).
import { z } from 'zod';

const name = z.string().min(1).max(256);
const requestId = z.string().min(1).max(64);

export const ClusterControl = z.object({
  type: z.literal('ClusterControl'),
  requestId,
  /**
   * FailResource: Test-ClusterResourceFailure; StopNode / StartNode: Stop- and Start-ClusterNode on
   * the node named; MigrateVm / CancelMigration: Move-ClusterVirtualMachineRole [-Cancel] on the
   * VM role's owner, answered when the migration ends.
   */
  action: z.enum(['FailResource', 'StopNode', 'StartNode', 'MigrateVm', 'CancelMigration']),
  /** The cluster object acted on (a resource's, a node's or a VM role's name). */
  object: name,
  /** MigrateVm: the destination node and how to move. */
  node: name.optional(),
  migrationType: z.enum(['Live', 'Quick', 'Shutdown', 'ShutdownForce', 'TurnOff']).optional(),
});

export const ClusterControlReply = z.object({
  type: z.literal('ClusterControlReply'),
  requestId,
  ok: z.boolean(),
  /** The error text when not ok. */
  message: z.string().max(1024),
});



const staticAddress = z.object({ Address: z.ipv4(), SubnetMask: z.ipv4(), Network: name });

/**
 * New-Cluster's request to every node it names: form the cluster described here. Every node
 * builds the same first cluster database from it (node-agent cluster/bootstrap.ts), so only the
 * description travels, and a repeat is harmless.
 */
export const ClusterForm = z.object({
  type: z.literal('ClusterForm'),
  requestId,
  bootstrap: z.object({
    name,
    domain: z.string().max(255),
    formedBy: name,
    nodes: z.array(z.object({ name, id: z.number().int().min(1).max(64) })).min(1).max(64),
    addresses: z.array(staticAddress).max(8),
    disks: z.array(name).max(64),
    witness: z.discriminatedUnion('type', [
      z.object({ type: z.literal('None') }),
      z.object({ type: z.literal('Disk'), disk: name }),
      z.object({ type: z.literal('FileShare'), path: z.string().max(260) }),
      z.object({ type: z.literal('Cloud'), accountName: name }),
    ]),
    settings: z.record(z.string().max(64), z.union([z.number(), z.string().max(256)])),
    roles: z.array(z.object({ name, disk: name, address: staticAddress, preferredOwners: z.array(name).max(64), priority: z.number().int() })).max(64),
  }),
});

export const ClusterFormReply = z.object({
  type: z.literal('ClusterFormReply'),
  requestId,
  ok: z.boolean(),
  message: z.string().max(1024),
});
/** A node whose cluster service stops cleanly tells the others, so they regroup without it at once. */
export const ClusterLeave = z.object({
  type: z.literal('ClusterLeave'),
  /** The sender's incarnation: a late copy from an earlier start is ignored. */
  incarnation: z.number().int().nonnegative(),
});

export const clusterControlMessages = [ClusterControl, ClusterControlReply, ClusterForm, ClusterFormReply, ClusterLeave] as const;
