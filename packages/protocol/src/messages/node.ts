// Messages between cluster nodes (the cluster service's own traffic). Heartbeats are the NetFT
// request/response pair sent per route, unicast UDP 3343 in the real product (facts §1.3).
import { z } from 'zod';

const actorId = z.string().min(1).max(64);
const uint = z.number().int().nonnegative();

export const HeartbeatRequest = z.object({
  type: z.literal('HeartbeatRequest'),
  /** The sender's route sequence; echoed in the response. */
  sequence: uint,
  /** Which start of the sender this is; a restart gives a new incarnation. */
  incarnation: uint,
  sentAtMs: z.number().nonnegative(),
  /** The sender already has answers from the receiver on this route: the route works both ways. */
  hearsYou: z.boolean(),
});

export const HeartbeatResponse = z.object({
  type: z.literal('HeartbeatResponse'),
  sequence: uint,
  incarnation: uint,
  sentAtMs: z.number().nonnegative(),
});

export const nodePeerMessages = [HeartbeatRequest, HeartbeatResponse] as const;
export const actorIdSchema = actorId;
