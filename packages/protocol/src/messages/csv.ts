// Cluster Shared Volume traffic between nodes, over the cluster network (facts §13):
//
//   node -> coordinator   CsvRedirectedIo         a block write this node cannot do directly (block redirected)
//   coordinator -> node   CsvRedirectedIoReply    its outcome at the LUN
//   node -> node          CsvStateQuery           Get-ClusterSharedVolumeState: your state of each CSV
//   node -> node          CsvStateReply           the answer
import { z } from 'zod';
import { limits } from '../limits.js';

const name = z.string().min(1).max(255);
const requestId = z.string().min(1).max(64);
const blockData = z
  .custom<Uint8Array>((value) => value instanceof Uint8Array, 'block data must be binary (a Uint8Array)')
  .refine((bytes) => bytes.byteLength <= limits.blockIoBytesMax, `block data is larger than blockIoBytesMax ${limits.blockIoBytesMax}`);

/** Volumes one node reports on; a bound on the reply (one per CSV). */
export const csvVolumesPerReplyMax = 64;

export const CsvRedirectedIo = z.object({
  type: z.literal('CsvRedirectedIo'),
  requestId,
  /** The CSV's Physical Disk resource (the LUN's name at the target). */
  disk: name,
  lba: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
  data: blockData,
});

export const CsvRedirectedIoReply = z.object({
  type: z.literal('CsvRedirectedIoReply'),
  requestId,
  disk: name,
  /** NotCoordinator: the receiver does not hold the volume (it moved); Busy: too many redirected writes in flight there. */
  status: z.enum(['Done', 'Failed', 'NotCoordinator', 'Busy']),
  detail: z.string().max(512),
});

export const csvStateInfoSchema = z.enum(['Unavailable', 'Paused', 'Direct', 'FileSystemRedirected', 'BlockRedirected']);

export const CsvStateQuery = z.object({ type: z.literal('CsvStateQuery'), requestId });

export const CsvStateReply = z.object({
  type: z.literal('CsvStateReply'),
  requestId,
  volumes: z
    .array(z.object({ disk: name, StateInfo: csvStateInfoSchema, BlockRedirectedIOReason: z.enum(['NotBlockRedirected', 'NoDiskConnectivity', 'StorageSpaceNotAttached']) }))
    .max(csvVolumesPerReplyMax),
});

export const csvMessages = [CsvRedirectedIo, CsvRedirectedIoReply, CsvStateQuery, CsvStateReply] as const;
