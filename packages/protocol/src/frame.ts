// The frame envelope every actor-to-actor message travels in, and its msgpack codec.
// No record structures are used (`useRecords: false`), so every frame is plain msgpack maps that
// any decoder reads; the envelope carries its own version `v` instead of a structure list.
import { Packr, Unpackr } from 'msgpackr';
import { limits } from './limits.js';
import type { ActorKind, FrameRejectReason } from './events/mod.js';
import { acceptsByKind, type WireMessage } from './messages/mod.js';

export const frameVersion = 1;

export interface Frame {
  v: typeof frameVersion;
  source: string;
  destination: string;
  network: string;
  sequence: number;
  type: string;
  payload: Record<string, unknown>;
}

const packr = new Packr({ useRecords: false, moreTypes: false });
const unpackr = new Unpackr({ useRecords: false, moreTypes: false, mapsAsObjects: true });

export interface FrameAddress {
  source: string;
  destination: string;
  network: string;
  sequence: number;
}

/**
 * Packs a message into a frame. The bytes are copied out of msgpackr's shared buffer, so the
 * result can be transferred to another thread and is never overwritten by a later pack.
 */
export function encodeFrame(address: FrameAddress, message: WireMessage): Uint8Array {
  // The payload is the whole message, `type` included: no copy on either side.
  const frame: Frame = { v: frameVersion, source: address.source, destination: address.destination, network: address.network, sequence: address.sequence, type: message.type, payload: message };
  return new Uint8Array(packr.pack(frame));
}

/** Packs any value (lab commands, replies, events between threads). Copied like frames. */
export function encodeValue(value: unknown): Uint8Array {
  return new Uint8Array(packr.pack(value));
}

export function decodeValue(bytes: Uint8Array): unknown {
  return unpackr.unpack(bytes);
}

export type DecodeResult =
  | { ok: true; frame: Frame }
  | { ok: false; reason: FrameRejectReason; detail: string; from: string; messageType: string };

function reject(reason: FrameRejectReason, detail: string, from = '?', messageType = '?'): DecodeResult {
  return { ok: false, reason, detail, from, messageType };
}

const isText = (value: unknown, maxChars: number): value is string =>
  typeof value === 'string' && value.length > 0 && value.length <= maxChars;

/** Decodes and checks the envelope; the payload is checked by `decodeMessage`. */
export function decodeFrame(bytes: Uint8Array): DecodeResult {
  if (bytes.byteLength > limits.frameBytesMax) {
    return reject('oversize', `frame of ${bytes.byteLength} bytes is over frameBytesMax ${limits.frameBytesMax}`);
  }
  let value: unknown;
  try {
    value = unpackr.unpack(bytes);
  } catch (error) {
    return reject('malformed', `not msgpack: ${(error as Error).message}`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return reject('malformed', `frame is a ${Array.isArray(value) ? 'array' : typeof value}, not a map`);
  }
  const f = value as Record<string, unknown>;
  const from = typeof f.source === 'string' ? f.source.slice(0, 64) : '?';
  const messageType = typeof f.type === 'string' ? f.type.slice(0, 64) : '?';
  if (f.v !== frameVersion) return reject('malformed', `frame version ${String(f.v)}, expected ${frameVersion}`, from, messageType);
  for (const key of ['source', 'destination', 'network', 'type'] as const) {
    if (!isText(f[key], 64)) return reject('malformed', `envelope key "${key}" is ${JSON.stringify(f[key])}`, from, messageType);
  }
  if (typeof f.sequence !== 'number' || !Number.isSafeInteger(f.sequence) || f.sequence < 0) {
    return reject('malformed', `envelope key "sequence" is ${JSON.stringify(f.sequence)}`, from, messageType);
  }
  if (typeof f.payload !== 'object' || f.payload === null || Array.isArray(f.payload)) {
    return reject('malformed', 'envelope key "payload" is not a map', from, messageType);
  }
  return { ok: true, frame: f as unknown as Frame };
}

export type MessageResult<M> =
  | { ok: true; message: M }
  | { ok: false; reason: FrameRejectReason; detail: string; from: string; messageType: string };

/** Checks a decoded frame's type and payload against what an actor of `kind` accepts. */
export function decodeMessage(kind: ActorKind, frame: Frame): MessageResult<WireMessage> {
  const schema = acceptsByKind[kind];
  if (frame.payload.type !== frame.type) {
    return { ok: false, reason: 'malformed', detail: `payload type ${JSON.stringify(frame.payload.type)} differs from envelope type "${frame.type}"`, from: frame.source, messageType: frame.type };
  }
  const parsed = schema.safeParse(frame.payload);
  if (parsed.success) return { ok: true, message: parsed.data as WireMessage };
  const issue = parsed.error.issues[0];
  const unknownType = issue?.path.length === 1 && issue.path[0] === 'type';
  if (unknownType) {
    return { ok: false, reason: 'unknownType', detail: `a ${kind} actor has no message "${frame.type}"`, from: frame.source, messageType: frame.type };
  }
  const where = issue ? issue.path.join('.') : '?';
  return {
    ok: false,
    reason: 'invalidPayload',
    detail: `payload key "${where}": ${issue?.message ?? 'invalid'}`,
    from: frame.source,
    messageType: frame.type,
  };
}
