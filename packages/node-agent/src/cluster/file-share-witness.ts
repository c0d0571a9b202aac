// Arbitrating a file share witness (facts §2.1): the regroup's leader asks the file server that
// holds the share to record its set's claim; the server grants it by the witness's rule. The node
// that owns the witness resource asks at once; any other waits ArbitrationDelay (6 s) first, which
// gives the current owner the advantage the real product gives it. No answer within the
// regroup's arbitration time is a loss.
import type { NodeMessage } from '@wsfc-lab/protocol';
import type { RegroupDecision } from '../regroup/mod.js';
import type { ClusterHost, ClusterState, ClusterWork } from './types.js';

/** ArbitrationDelay: how long a node that does not own the witness waits before it tries (facts §2.1). */
export const fileShareArbitrationDelayMs = 6000;

type Decision = Extract<RegroupDecision, { type: 'ArbitrateWitness' }>;

/** `\\server\share` → its parts, or undefined for anything else. */
export function parseSharePath(path: string): { server: string; share: string } | undefined {
  const match = /^\\\\([^\\]+)\\([^\\]+)\\?$/.exec(path);
  return match ? { server: match[1]!.split('.')[0]!, share: match[2]! } : undefined;
}

export function claimFileShareWitness(state: ClusterState, host: ClusterHost, d: Decision, sharePath: string, work: ClusterWork[]): void {
  const { io } = host;
  const nowMs = io.now();
  const parsed = parseSharePath(sharePath);
  if (!parsed) {
    work.push({ type: 'Regroup', input: { type: 'WitnessArbitrated', nowMs, arbitrationId: d.arbitrationId, won: false } });
    return;
  }
  const owner = state.gum.copy.entries['Groups/Cluster Group/OwnerNode'];
  const delayMs = owner === state.config.name ? 0 : fileShareArbitrationDelayMs;
  state.fileShareClaim = {
    arbitrationId: d.arbitrationId,
    requestId: `${state.config.name}-${io.incarnation}-w${state.nextRequestNumber++}`,
    server: parsed.server,
    share: parsed.share,
    claim: { viewNumber: d.viewNumber, previousViewNumber: d.previousViewNumber, coordinator: d.coordinator },
    sent: false,
  };
  io.setTimer(delayMs, { subsystem: 'cluster', type: 'FileShareWitness', arbitrationId: d.arbitrationId, step: 'Send' });
  io.setTimer(d.timeoutMs, { subsystem: 'cluster', type: 'FileShareWitness', arbitrationId: d.arbitrationId, step: 'Deadline' });
}

export function onFileShareWitnessTimer(state: ClusterState, host: ClusterHost, arbitrationId: number, step: 'Send' | 'Deadline', work: ClusterWork[]): void {
  const pending = state.fileShareClaim;
  if (!pending || pending.arbitrationId !== arbitrationId) return;
  if (step === 'Deadline') {
    delete state.fileShareClaim;
    work.push({ type: 'Regroup', input: { type: 'WitnessArbitrated', nowMs: host.io.now(), arbitrationId, won: false } });
    return;
  }
  pending.sent = true;
  const message = { type: 'FileShareWitnessClaim' as const, requestId: pending.requestId, share: pending.share, cluster: state.identity?.name ?? '', claim: pending.claim };
  // The server is not a cluster node: try every network this node is on (the fabric carries the one that reaches it).
  for (const network of state.config.networks) host.io.send(pending.server, network.name, message as unknown as NodeMessage);
}

export function onFileShareWitnessAnswer(state: ClusterState, host: ClusterHost, message: NodeMessage, work: ClusterWork[]): void {
  if (message.type !== 'FileShareWitnessAnswer') return;
  const pending = state.fileShareClaim;
  if (!pending || pending.requestId !== message.requestId) return;
  delete state.fileShareClaim;
  if (!message.granted) host.io.probe(`cluster: the file share witness refused: ${message.why}`);
  work.push({ type: 'Regroup', input: { type: 'WitnessArbitrated', nowMs: host.io.now(), arbitrationId: pending.arbitrationId, won: message.granted } });
}
