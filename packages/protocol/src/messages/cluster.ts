// Requests one node's cluster service makes of another's resource manager: the cluster API's call
// to the owner node of a resource (Test-ClusterResourceFailure runs where the resource is hosted).
import { z } from 'zod';

const name = z.string().min(1).max(256);
const requestId = z.string().min(1).max(64);

export const ClusterControl = z.object({
  type: z.literal('ClusterControl'),
  requestId,
  action: z.enum(['FailResource']),
  /** The cluster object acted on (a resource's name). */
  object: name,
});

export const ClusterControlReply = z.object({
  type: z.literal('ClusterControlReply'),
  requestId,
  ok: z.boolean(),
  /** The error text when not ok. */
  message: z.string().max(1024),
});

export const clusterControlMessages = [ClusterControl, ClusterControlReply] as const;
