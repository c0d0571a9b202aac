// The host as a file server for a file share witness (facts §2.1): each share keeps the witness
// record (witness.log) of the cluster that uses it, on the server's disk. A claim is granted by
// the witness's rule (protocol witness-grant.ts) and recorded; a share the server does not have
// answers as Windows does ("The network path was not found.").
import { grantVerdict, type StorageMessage, type WitnessRecord } from '@wsfc-lab/protocol';
import type { FrameContext } from './reporting.js';
import type { StorageIo, StorageTargetState } from './state.js';

type Claim = Extract<StorageMessage, { type: 'FileShareWitnessClaim' }>;

interface ShareRecord {
  cluster: string;
  record: WitnessRecord;
}

const storeKey = (share: string) => `file-share/${share.toLowerCase()}/witness.log`;

export function onFileShareWitnessClaim(state: StorageTargetState, io: StorageIo, context: FrameContext, message: Claim): void {
  const answer = (granted: boolean, why: string) => io.send(context.source, context.network, { type: 'FileShareWitnessAnswer', requestId: message.requestId, granted, why });
  const share = state.shares.find((s) => s.toLowerCase() === message.share.toLowerCase());
  if (share === undefined) return answer(false, `\\\\${state.host}\\${message.share}: The network path was not found.`);
  const stored = io.store.get(storeKey(share)) as ShareRecord | undefined;
  if (stored && stored.cluster.toLowerCase() !== message.cluster.toLowerCase()) return answer(false, `\\\\${state.host}\\${share} holds the witness of cluster '${stored.cluster}'`);
  const verdict = grantVerdict(stored?.record ?? null, message.claim);
  if (!verdict.granted) return answer(false, verdict.why);
  io.store.put(storeKey(share), { cluster: message.cluster, record: { ...message.claim } } satisfies ShareRecord);
  answer(true, '');
}
