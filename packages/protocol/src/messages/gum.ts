// The Global Update Manager's wire messages between cluster nodes (STYLE 2): one flat object per
// message with its `type`, every string and array bounded (gumLimits). This file depends on zod
// and the limits only, so it can move into protocol/src/messages as it is.
//
//   requester -> locker   GumRequest          a change to the database, to be sequenced
//   locker -> requester   GumReply            Committed (on every member of the view) or Rejected
//   locker -> member      GumUpdate           a sequenced update, sent to members in node-ID order
//   member -> locker      GumState            the member's copy: tag, digest, epoch it is synced in
//   locker -> member      GumSync             the view's authoritative copy; fetch it if yours differs
//   either way            GumSnapshotRequest  asks for the next entries of a copy (a pull)
//   either way            GumSnapshotChunk    up to snapshotChunkEntriesMax entries of that copy
import { z } from 'zod';
import { subsystemLimits } from '../limits.js';

const gumLimits = subsystemLimits.gum;

/** The roots of the cluster database (the ClusDB hive's keys, as the lab names them). */
export const databaseRoots = ['Cluster', 'Nodes', 'Groups', 'Resources', 'ResourceTypes', 'Networks', 'NetworkInterfaces'] as const;
export type DatabaseRoot = (typeof databaseRoots)[number];
/** A database path: a root, then `/`-separated keys. */
export const pathPattern = new RegExp(`^(${databaseRoots.join('|')})(/[^/]+)*$`);

const uint = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER);
const name = z.string().min(1).max(gumLimits.nameCharsMax);
const digest = z.string().regex(/^[0-9a-f]{16}$/);
const path = z
  .string()
  .min(1)
  .max(gumLimits.pathCharsMax)
  .regex(pathPattern)
  .refine((p) => !p.split('/').some((s) => s === '.' || s === '..'), 'a path segment must not be "." or ".."');

const arrayItem = z.union([z.string().max(gumLimits.arrayItemCharsMax), z.number(), z.boolean()]);
export const DbValueSchema = z.union([z.string().max(gumLimits.stringValueCharsMax), z.number(), z.boolean(), z.null(), z.array(arrayItem).max(gumLimits.arrayItemsMax)]);

export const DbChangeSchema = z.discriminatedUnion('op', [
  z.object({ op: z.literal('SetValue'), path, value: DbValueSchema }),
  z.object({ op: z.literal('DeleteValue'), path }),
  z.object({ op: z.literal('DeleteKey'), path }),
  /** A precondition: the whole update is refused unless `path` holds `value` (a compare-and-set). */
  z.object({ op: z.literal('Expect'), path, value: DbValueSchema }),
]);

export const DbChangesSchema = z.array(DbChangeSchema).min(1).max(gumLimits.changesPerUpdateMax);

const tag = { epoch: uint, sequence: uint, digest };

/** A sequenced update: the fields GumUpdate carries, and the last update inside GumState. */
const updateFields = {
  epoch: uint,
  sequence: uint.min(1),
  origin: name,
  incarnation: uint,
  requestNumber: uint.min(1),
  changes: DbChangesSchema,
  previousDigest: digest,
  digest,
};
export const SequencedUpdateSchema = z.object(updateFields);

export const GumRequest = z.object({
  type: z.literal('GumRequest'),
  viewNumber: uint,
  /** The requester's incarnation: request numbers start again at 1 after a restart. */
  incarnation: uint,
  requestNumber: uint.min(1),
  changes: DbChangesSchema,
});

export const GumReply = z.object({
  type: z.literal('GumReply'),
  viewNumber: uint,
  incarnation: uint,
  requestNumber: uint.min(1),
  outcome: z.enum(['Committed', 'Rejected']),
  /** The sequence the update got (0 when rejected). */
  sequence: uint,
  reason: z.string().max(256).optional(),
});

export const GumUpdate = z.object({
  type: z.literal('GumUpdate'),
  viewNumber: uint,
  /** The epoch the locker runs this view in (the update's own epoch may be older on a resend). */
  viewEpoch: uint,
  ...updateFields,
});

export const GumState = z.object({
  type: z.literal('GumState'),
  viewNumber: uint,
  ...tag,
  /** The last epoch in which this node was confirmed in sync with its locker. */
  syncedEpoch: uint,
  /** Sent until the locker has answered in this view, so the locker can take a newer last update. */
  lastUpdate: SequencedUpdateSchema.optional(),
});

export const GumSync = z.object({
  type: z.literal('GumSync'),
  viewNumber: uint,
  viewEpoch: uint,
  ...tag,
});

export const GumSnapshotRequest = z.object({
  type: z.literal('GumSnapshotRequest'),
  viewNumber: uint,
  ...tag,
  /** Entries already received, in path order. */
  cursor: uint,
});

export const GumSnapshotChunk = z.object({
  type: z.literal('GumSnapshotChunk'),
  viewNumber: uint,
  /** The tag of the copy these entries come from: the sender's current copy. */
  ...tag,
  cursor: uint,
  totalEntries: uint.max(gumLimits.databaseEntriesMax),
  entries: z.array(z.tuple([path, DbValueSchema])).max(gumLimits.snapshotChunkEntriesMax),
  /** The duplicate-suppression table, in the chunk at cursor 0 only. */
  origins: z.array(z.object({ origin: name, incarnation: uint, requestNumber: uint, sequence: uint })).max(gumLimits.originsMax),
});

/** Merge into the node's accepted union in protocol (`NodeAccepts`). */
export const gumMessages = [GumRequest, GumReply, GumUpdate, GumState, GumSync, GumSnapshotRequest, GumSnapshotChunk] as const;

export const GumMessageSchema = z.discriminatedUnion('type', [...gumMessages]);
export type GumMessage = z.infer<typeof GumMessageSchema>;
export type GumMessageOf<T extends GumMessage['type']> = Extract<GumMessage, { type: T }>;
