// Live and quick migration between two Hyper-V hosts, over the live-migration network (facts §6.4).
// The source drives: Offer (the target reserves memory and builds a skeleton VM), one Pass per
// memory pass as its pages arrive, then Blackout (the last dirty pages and the device state). The
// target takes the role over in the cluster database before it resumes the VM, and says Done.
// Either side may Abort; a side that hears nothing for the TCP time-out gives up (facts §6.4 [H12]).
import { z } from 'zod';

const name = z.string().min(1).max(256);
const migrationId = z.string().min(1).max(64);
const bytes = z.number().int().nonnegative();

export const VmMigrationOffer = z.object({
  type: z.literal('VmMigrationOffer'),
  migrationId,
  migrationType: z.enum(['Live', 'Quick']),
  /** The VM's configuration, as the target registers it. */
  vm: z.object({
    name,
    memoryStartupBytes: bytes,
    workingSetBytes: bytes,
    dirtyRateBytesPerSec: bytes,
    processorCount: z.number().int().min(1).max(240),
    version: z.string().max(16),
    path: z.string().max(260),
    storage: z.string().max(256),
    clustered: z.boolean(),
    processorCompatibility: z.enum(['None', 'MinimumFeatureSet', 'CommonClusterFeatureSet']).optional(),
  }),
  /** The processor features the VM was booted with (facts §9): the target must have them all. */
  cpu: z.object({ vendor: z.enum(['Intel', 'AMD']), featureLevel: z.number().int().min(0).max(1024) }).optional(),
});

export const VmMigrationAnswer = z.object({
  type: z.literal('VmMigrationAnswer'),
  migrationId,
  ok: z.boolean(),
  /** Busy: the target is at its migration limit (the source keeps it queued and asks again). */
  busy: z.boolean(),
  message: z.string().max(1024),
});

export const VmMigrationPass = z.object({ type: z.literal('VmMigrationPass'), migrationId, pass: z.number().int().min(1).max(64), bytes, wireBytes: bytes });

export const VmMigrationAck = z.object({ type: z.literal('VmMigrationAck'), migrationId, pass: z.number().int().min(0).max(64) });

export const VmMigrationBlackout = z.object({
  type: z.literal('VmMigrationBlackout'),
  migrationId,
  bytes,
  wireBytes: bytes,
  /** The cluster group the VM is the role of, when clustered: the target takes it over from the source. */
  group: z.string().max(256).optional(),
});

export const VmMigrationDone = z.object({ type: z.literal('VmMigrationDone'), migrationId, ok: z.boolean(), message: z.string().max(1024) });

export const VmMigrationAbort = z.object({ type: z.literal('VmMigrationAbort'), migrationId, reason: z.string().max(1024) });

export const migrationMessages = [VmMigrationOffer, VmMigrationAnswer, VmMigrationPass, VmMigrationAck, VmMigrationBlackout, VmMigrationDone, VmMigrationAbort] as const;
export type MigrationMessage = z.infer<(typeof migrationMessages)[number]>;
