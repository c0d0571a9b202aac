// The storage benchmark's transport baseline: two bare workers that move the benchmark's own
// frames over a MessagePort with nothing else. Role `initiator` packs the same requests the
// initiator actor sends (the reservation mix, or 4 KiB writes), a window of them outstanding, and
// times each round trip with the thread's clock; role `target` unpacks each frame (envelope
// checked, as the actor host does first) and packs and transfers the response the target would
// give. No schema checks, no actor, no reservation logic, no file: the msgpack + postMessage cost.
import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import { decodeFrame, encodeFrame, type WireMessage } from '@wsfc-lab/protocol';
import { benchReservationType, prMixCommand, storageBenchNames as names, writePayload } from './storage-workload.js';

export type EchoRole = 'initiator' | 'target';
export type EchoWorkload = { type: 'reservations'; count: number } | { type: 'writes'; lbas: number[] };

export type ToEchoWorker = { type: 'port'; port: MessagePort } | { type: 'flood'; workload: EchoWorkload; window: number };

export type FromEchoWorker =
  | { type: 'ready' }
  | { type: 'flood'; operations: number; elapsedMs: number; latencyMs: number[] }
  | { type: 'failed'; detail: string };

const role = (workerData as { role: EchoRole }).role;
const control = parentPort as MessagePort;
const self = role === 'initiator' ? names.initiator : names.target;
const peer = role === 'initiator' ? names.target : names.initiator;
const sessionId = 1;
const lun = 0;
let port: MessagePort | undefined;
let frameSequence = 0;
let onAnswer: (requestId: string) => void = () => undefined;

const post = (message: FromEchoWorker) => control.postMessage(message);

function sendFrame(message: WireMessage): void {
  const bytes = encodeFrame({ source: self, destination: peer, network: names.network, sequence: frameSequence++ }, message);
  port?.postMessage(bytes, [bytes.buffer as ArrayBuffer]);
}

function request(workload: EchoWorkload, index: number): WireMessage {
  const requestId = `b${index}`;
  if (workload.type === 'writes') {
    const lba = workload.lbas[index] ?? 0;
    return { type: 'ScsiWrite', requestId, sessionId, lun, lba, data: writePayload(lba, index) };
  }
  const command = prMixCommand(index);
  if (command.direction === 'In') return { type: 'PersistentReserveIn', requestId, sessionId, lun, serviceAction: command.serviceAction };
  return { type: 'PersistentReserveOut', requestId, sessionId, lun, serviceAction: command.serviceAction, key: names.key, serviceActionKey: names.key, aptpl: false };
}

/** The answer the target gives to a request of the benchmark (all GOOD). */
function response(type: string, payload: Record<string, unknown>): WireMessage {
  const requestId = String(payload.requestId);
  const good = { type: 'ScsiResponse', requestId, sessionId, status: 'Good' } as const;
  if (type !== 'PersistentReserveIn') return good;
  if (payload.serviceAction === 'ReadKeys') return { ...good, generation: 1, keys: [names.key] };
  return { ...good, generation: 1, reservation: { key: names.key, type: benchReservationType, scope: 'LuScope' } };
}

function onFrame(bytes: Uint8Array): void {
  const decoded = decodeFrame(bytes);
  if (!decoded.ok) return post({ type: 'failed', detail: `${role} could not decode a frame: ${decoded.detail}` });
  const { type, payload } = decoded.frame;
  if (role === 'target') return sendFrame(response(type, payload));
  if (payload.status !== 'Good') return post({ type: 'failed', detail: `answer ${String(payload.requestId)} is ${String(payload.status)}` });
  onAnswer(String(payload.requestId));
}

function flood(workload: EchoWorkload, window: number): void {
  const count = workload.type === 'writes' ? workload.lbas.length : workload.count;
  const sentAtMs: number[] = [];
  const latencyMs: number[] = [];
  const startedAtMs = performance.now();
  const sendNext = () => {
    const index = sentAtMs.length;
    sentAtMs.push(performance.now());
    sendFrame(request(workload, index));
  };
  onAnswer = (requestId) => {
    latencyMs.push(performance.now() - (sentAtMs[Number(requestId.slice(1))] ?? Number.NaN));
    if (sentAtMs.length < count) sendNext();
    if (latencyMs.length === count) post({ type: 'flood', operations: count, elapsedMs: performance.now() - startedAtMs, latencyMs });
  };
  while (sentAtMs.length < Math.min(window, count)) sendNext();
}

control.on('message', (message: ToEchoWorker) => {
  switch (message.type) {
    case 'port':
      port = message.port;
      port.on('message', onFrame);
      return;
    case 'flood':
      flood(message.workload, message.window);
      return;
  }
});

post({ type: 'ready' });
