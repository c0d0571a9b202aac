// Messages to and from the iSCSI target (owned by the storage-target work; see issue 4).
import { z } from 'zod';

export const IscsiNop = z.object({ type: z.literal('IscsiNop'), sequence: z.number().int().nonnegative() });
export const IscsiNopReply = z.object({ type: z.literal('IscsiNopReply'), sequence: z.number().int().nonnegative() });

/** What the target accepts. */
export const storageRequests = [IscsiNop] as const;
/** What the target sends back to initiators (nodes accept these). */
export const storageResponses = [IscsiNopReply] as const;
