// The file share witness (facts §2.1): a node arbitrating the witness for its regroup asks the file
// server that holds the share to record its claim; the server grants it by the witness's rule
// (witness-grant.ts) and keeps the record across its own restarts, as the witness.log file does.
import { z } from 'zod';

const requestId = z.string().min(1).max(64);
const name = z.string().min(1).max(256);
const uint = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER);

export const FileShareWitnessClaim = z.object({
  type: z.literal('FileShareWitnessClaim'),
  requestId,
  /** The share's name on the server (`witness` for \\host\witness). */
  share: name,
  cluster: name,
  claim: z.object({ viewNumber: uint, previousViewNumber: uint, coordinator: name }),
});

export const FileShareWitnessAnswer = z.object({
  type: z.literal('FileShareWitnessAnswer'),
  requestId,
  granted: z.boolean(),
  /** Why not, when not granted (no such share, a newer view recorded, another cluster's share). */
  why: z.string().max(1024),
});
