// The regroup's wire messages between cluster nodes (STYLE 2): one flat object per message with
// its `type`, every string and list bounded (regroupLimits). Absent values are `null`, which the
// msgpack codec keeps. The regroup state machine is node-agent/src/regroup.
//
//   any node -> coordinator     RegroupRequest    run a round (I lost a member, or I want to join)
//   coordinator -> node         RegroupOpen       the opening stage of round `ballot`
//   node -> coordinator         RegroupReport     promise or refusal, connectivity, views, database sequence
//   coordinator -> kept node    RegroupPropose    the view the round will install (closing stage)
//   kept node -> coordinator    RegroupAccept     accepted (or refused: promised higher since)
//   coordinator -> kept node    RegroupInstall    install this view (also a catch-up for a member that missed it)
//   node -> coordinator         RegroupAck        got the Install or the Excluded
//   any member -> node          RegroupExcluded   view N does not include you
//   coordinator -> kept node    RegroupHalt       the kept set has no quorum: stop (1177)
import { z } from 'zod';
import { subsystemLimits } from '../limits.js';

const regroupLimits = subsystemLimits.regroup;

const uint = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER);
const name = z.string().min(1).max(regroupLimits.nameCharsMax);
const names = z.array(name).max(regroupLimits.nodesMax);
const vote = z.union([z.literal(0), z.literal(1)]);

export const BallotSchema = z.object({ viewNumber: uint.min(1), attempt: uint.min(1), coordinatorId: uint.min(1) });

export const ViewSchema = z.object({
  number: uint,
  coordinator: name,
  members: z.array(z.object({ name, nodeId: uint.min(1) })).max(regroupLimits.nodesMax),
  votes: z.object({ DynamicWeight: z.record(name, vote), WitnessDynamicWeight: vote }),
  witnessHeld: z.boolean(),
});

const ProposalSchema = z.object({ ballot: BallotSchema, view: ViewSchema });

export const RegroupRequest = z.object({
  type: z.literal('RegroupRequest'),
  /** The sender's last installed view number (0: none). */
  viewNumber: uint,
  /** The sender is outside any view (starting, or stopped and restarted). */
  joining: z.boolean(),
});

export const RegroupOpen = z.object({ type: z.literal('RegroupOpen'), ballot: BallotSchema });

export const RegroupReport = z.object({
  type: z.literal('RegroupReport'),
  ballot: BallotSchema,
  promised: z.boolean(),
  promise: BallotSchema.nullable(),
  running: z.boolean(),
  view: ViewSchema.nullable(),
  accepted: ProposalSchema.nullable(),
  connected: names,
  databaseSequence: uint,
});

export const RegroupPropose = z.object({ type: z.literal('RegroupPropose'), ballot: BallotSchema, view: ViewSchema });

export const RegroupAccept = z.object({
  type: z.literal('RegroupAccept'),
  ballot: BallotSchema,
  accepted: z.boolean(),
  /** The node's promise; higher than `ballot` when it refused. */
  promise: BallotSchema.nullable(),
});

export const RegroupInstall = z.object({ type: z.literal('RegroupInstall'), view: ViewSchema });

export const RegroupAck = z.object({ type: z.literal('RegroupAck'), viewNumber: uint });

export const RegroupExcluded = z.object({ type: z.literal('RegroupExcluded'), viewNumber: uint.min(1), members: names });

export const RegroupHalt = z.object({
  type: z.literal('RegroupHalt'),
  ballot: BallotSchema,
  /** The quorum check that failed, for the 1177 every kept node logs. */
  votesPresent: uint,
  votesNeeded: uint,
  votesTotal: uint,
  voterIds: z.array(uint).max(regroupLimits.nodesMax),
  detail: z.string().max(regroupLimits.detailCharsMax),
});

/** Merge into the node's accepted union in protocol (`NodeAccepts`). */
export const regroupMessages = [RegroupRequest, RegroupOpen, RegroupReport, RegroupPropose, RegroupAccept, RegroupInstall, RegroupAck, RegroupExcluded, RegroupHalt] as const;

export const RegroupMessageSchema = z.discriminatedUnion('type', [...regroupMessages]);
export type RegroupMessage = z.infer<typeof RegroupMessageSchema>;
export type RegroupMessageOf<T extends RegroupMessage['type']> = Extract<RegroupMessage, { type: T }>;
