// The fabric benchmark's baseline: a bare worker that moves heartbeat-sized msgpack frames over a
// MessagePort with nothing else, no actor, no checks, no fabric. Role `echo` unpacks each frame and
// packs and transfers a response of the same shape; role `pinger` floods requests in a window or
// runs sequential ping-pongs, timed with the thread's own clock, as the pinger actor does.
import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import { decodeValue, encodeFrame } from '@wsfc-lab/protocol';

export type RawRole = 'pinger' | 'echo';

export type ToRawWorker =
  | { type: 'port'; port: MessagePort }
  | { type: 'flood'; requests: number; window: number }
  | { type: 'pingPong'; count: number };

export type FromRawWorker =
  | { type: 'ready' }
  | { type: 'flood'; requests: number; responses: number; elapsedMs: number }
  | { type: 'pingPong'; rttMs: number[] };

interface RawFrame {
  sequence: number;
  payload: { sequence: number };
}

const role = (workerData as { role: RawRole }).role;
const control = parentPort as MessagePort;
const self = role === 'pinger' ? 'pinger' : 'node01';
const peer = role === 'pinger' ? 'node01' : 'pinger';
let port: MessagePort | undefined;
let nextSequence = 1;
let onResponse: (sequence: number) => void = () => undefined;

function sendFrame(type: 'HeartbeatRequest' | 'HeartbeatResponse', sequence: number): void {
  const address = { source: self, destination: peer, network: 'Cluster', sequence: nextSequence++ };
  const fields = { sequence, incarnation: 0, sentAtMs: performance.now() };
  const bytes = encodeFrame(address, type === 'HeartbeatRequest' ? { type, ...fields, hearsYou: true } : { type, ...fields });
  port?.postMessage(bytes, [bytes.buffer as ArrayBuffer]);
}

function onFrame(bytes: Uint8Array): void {
  const frame = decodeValue(bytes) as RawFrame;
  if (role === 'echo') sendFrame('HeartbeatResponse', frame.payload.sequence);
  else onResponse(frame.payload.sequence);
}

function flood(requests: number, window: number): void {
  let sent = 0;
  let received = 0;
  const startedAtMs = performance.now();
  onResponse = () => {
    received++;
    if (sent < requests) sendFrame('HeartbeatRequest', ++sent);
    if (received === requests) post({ type: 'flood', requests: sent, responses: received, elapsedMs: performance.now() - startedAtMs });
  };
  while (sent < Math.min(window, requests)) sendFrame('HeartbeatRequest', ++sent);
}

function pingPong(count: number): void {
  const rttMs: number[] = [];
  let sentAtMs = performance.now();
  onResponse = () => {
    rttMs.push(performance.now() - sentAtMs);
    if (rttMs.length === count) return post({ type: 'pingPong', rttMs });
    sentAtMs = performance.now();
    sendFrame('HeartbeatRequest', rttMs.length + 1);
  };
  sendFrame('HeartbeatRequest', 1);
}

const post = (message: FromRawWorker) => control.postMessage(message);

control.on('message', (message: ToRawWorker) => {
  switch (message.type) {
    case 'port':
      port = message.port;
      port.on('message', onFrame);
      return;
    case 'flood':
      flood(message.requests, message.window);
      return;
    case 'pingPong':
      pingPong(message.count);
      return;
  }
});

post({ type: 'ready' });
