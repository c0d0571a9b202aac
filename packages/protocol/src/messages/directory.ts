// Messages to and from the AD DS + DNS actor (owned by the directory work; see issue 4).
import { z } from 'zod';

export const DnsQuery = z.object({ type: z.literal('DnsQuery'), queryId: z.string().max(64), name: z.string().max(255) });
export const DnsAnswer = z.object({
  type: z.literal('DnsAnswer'),
  queryId: z.string().max(64),
  name: z.string().max(255),
  addresses: z.array(z.string().max(64)).max(64),
});

/** What the directory accepts. */
export const directoryRequests = [DnsQuery] as const;
/** What the directory sends back (nodes accept these). */
export const directoryResponses = [DnsAnswer] as const;
