// Test-Cluster's traffic between nodes (facts §15). The node that runs the cmdlet (the runner)
// asks every node it validates for its facts and has it run the storage tests' steps on its own
// initiator; each node answers from its own state, as the real validation queries each server.
//
//   runner -> node     ValidationFactsRequest    your inventory, your disks and their keys, and ping these peers
//   node -> runner     ValidationFactsResponse   the answer (pings already judged)
//   node -> peer       ValidationPing            one probe of a path (the cluster's UDP 3343 path)
//   peer -> node       ValidationPingReply       its echo, on the same network
//   runner -> node     ValidationStepRequest     issue this storage-test command on this disk
//   node -> runner     ValidationStepResponse    the command's answer
//
// Every string and list is bounded: names by `validationWireLimits`, lists by the validation
// limits (one entry per node, network, disk or registration).
import { z } from 'zod';
import { limits, subsystemLimits } from '../limits.js';
import { reservationKeySchema, reservationTypeSchema, senseSchema, storageLimits } from './storage.js';

const validationLimits = subsystemLimits.validation;

/** Bounds of the strings these messages carry (to move into `subsystemLimits.validation`). */
export const validationWireLimits = {
  /** Characters in a node, network or domain name, a run id or an address. */
  nameCharsMax: 255,
  /** Characters in a free text (a failure's detail, a CHECK CONDITION's text); longer ones are cut. */
  detailCharsMax: 512,
  /** Paths one facts request asks a node to ping: one per other node and network. */
  pingPathsMax: limits.nodesMax * limits.networksMax,
} as const;

const uint = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER);
const name = z.string().min(1).max(validationWireLimits.nameCharsMax);
const detail = z.string().max(validationWireLimits.detailCharsMax);
const runId = name;

const osReleaseSchema = z.union([z.literal(2012), z.literal(2016), z.literal(2019), z.literal(2022), z.literal(2025)]);

export const validationInventorySchema = z.object({
  node: name,
  domain: name.nullable(),
  osRelease: osReleaseSchema,
  installationOption: z.enum(['Server Core', 'Server with Desktop Experience']),
  architecture: z.literal('x64'),
  processor: z.object({ manufacturer: z.enum(['Intel', 'AMD']), logicalProcessors: z.number().int().min(1).max(65_536), slat: z.boolean() }),
  memoryBytes: uint,
  hyperVInstalled: z.boolean(),
  addresses: z.record(name, name).refine((a) => Object.keys(a).length <= limits.networksMax, `a server has at most ${limits.networksMax} addresses`),
});

export const validationDiskSchema = z.object({
  name,
  serialNumber: name,
  sizeBytes: uint,
  busType: z.enum(['iSCSI', 'SAS', 'Fibre Channel', 'SATA', 'NVMe', 'SCSI', 'Virtual']),
  isSystem: z.boolean(),
  reservationKeys: z.array(reservationKeySchema).max(storageLimits.registrationsPerLunMax),
});

export const validationReachabilitySchema = z.object({
  network: name,
  from: name,
  to: name,
  reachable: z.boolean(),
  roundTripMs: z.number().nonnegative().nullable(),
});

export const ValidationFactsRequest = z.object({
  type: z.literal('ValidationFactsRequest'),
  runId,
  /** Report the disks the initiator sees, with their keys (a Storage test is selected). */
  includeDisks: z.boolean(),
  /** Paths to ping from this node. */
  pings: z.array(z.object({ network: name, to: name })).max(validationWireLimits.pingPathsMax),
});

export const ValidationFactsResponse = z.object({
  type: z.literal('ValidationFactsResponse'),
  runId,
  inventory: validationInventorySchema,
  disks: z.array(validationDiskSchema).max(validationLimits.disksMax + 1).nullable(),
  reachability: z.array(validationReachabilitySchema).max(validationWireLimits.pingPathsMax),
});

export const ValidationPing = z.object({ type: z.literal('ValidationPing'), runId, sequence: uint, sentAtMs: z.number().nonnegative() });
export const ValidationPingReply = z.object({ type: z.literal('ValidationPingReply'), runId, sequence: uint, sentAtMs: z.number().nonnegative() });

/** A storage-test command (node-agent validation/probe.ts ProbeCommand). */
export const validationProbeCommandSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('RegisterAndIgnoreExistingKey'), newKey: reservationKeySchema }),
  z.object({ type: z.literal('Reserve'), key: reservationKeySchema, reservationType: reservationTypeSchema }),
  z.object({ type: z.literal('Release'), key: reservationKeySchema, reservationType: reservationTypeSchema }),
  z.object({ type: z.literal('Preempt'), key: reservationKeySchema, victimKey: reservationKeySchema, reservationType: reservationTypeSchema }),
  z.object({ type: z.literal('ReadKeys') }),
  z.object({ type: z.literal('ReadReservation') }),
  z.object({ type: z.literal('RewriteBlock'), lba: uint }),
]);

/** A storage command's answer (node-agent storage/commands.ts StorageResult, without READ data: no step returns it). */
export const validationStepResultSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('Done') }),
  z.object({ type: z.literal('Keys'), generation: uint, keys: z.array(reservationKeySchema).max(storageLimits.registrationsPerLunMax) }),
  z.object({ type: z.literal('Reservation'), generation: uint, reservation: z.object({ key: reservationKeySchema, type: reservationTypeSchema }).nullable() }),
  z.object({ type: z.literal('ReservationConflict') }),
  z.object({ type: z.literal('CheckCondition'), sense: senseSchema, text: detail }),
  z.object({ type: z.literal('Busy') }),
  z.object({ type: z.literal('Failed'), reason: z.enum(['NoSuchDisk', 'NoSession', 'SessionLost', 'Timeout', 'Rejected', 'QueueFull']), detail }),
]);

export const ValidationStepRequest = z.object({
  type: z.literal('ValidationStepRequest'),
  runId,
  stepId: uint,
  disk: z.object({ name, serialNumber: name }),
  command: validationProbeCommandSchema,
});

export const ValidationStepResponse = z.object({ type: z.literal('ValidationStepResponse'), runId, stepId: uint, result: validationStepResultSchema });

/** Merged into the node's accepted union (`NodeAccepts`). */
export const validationMessages = [ValidationFactsRequest, ValidationFactsResponse, ValidationPing, ValidationPingReply, ValidationStepRequest, ValidationStepResponse] as const;

export const ValidationMessageSchema = z.discriminatedUnion('type', [...validationMessages]);
export type ValidationMessage = z.infer<typeof ValidationMessageSchema>;
export type ValidationMessageOf<T extends ValidationMessage['type']> = Extract<ValidationMessage, { type: T }>;
export type ValidationStepResult = z.infer<typeof validationStepResultSchema>;
export type ValidationWireInventory = z.infer<typeof validationInventorySchema>;
export type ValidationWireDisk = z.infer<typeof validationDiskSchema>;
