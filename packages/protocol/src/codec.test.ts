import test from 'ava';
import { encodeValue } from './frame.js';
import { decodeFrame, decodeMessage, encodeFrame } from './frame.js';
import { limits } from './limits.js';

const address = { source: 'node01', destination: 'node02', network: 'Cluster', sequence: 7 };

test('a heartbeat survives the codec round trip and is accepted by a node', (t) => {
  const bytes = encodeFrame(address, { type: 'HeartbeatRequest', sequence: 3, incarnation: 1, sentAtMs: 1500, hearsYou: false });
  const decoded = decodeFrame(bytes);
  if (!decoded.ok) return t.fail(decoded.detail);
  t.like(decoded.frame, { v: 1, ...address, type: 'HeartbeatRequest' });
  const message = decodeMessage('node', decoded.frame);
  t.deepEqual(message, { ok: true, message: { type: 'HeartbeatRequest', sequence: 3, incarnation: 1, sentAtMs: 1500, hearsYou: false } });
});

test('encoded frames are copies: a later encode does not overwrite an earlier one', (t) => {
  const first = encodeFrame(address, { type: 'HeartbeatRequest', sequence: 1, incarnation: 0, sentAtMs: 0, hearsYou: false });
  const snapshot = Uint8Array.from(first);
  encodeFrame({ ...address, sequence: 8 }, { type: 'HeartbeatResponse', sequence: 99, incarnation: 5, sentAtMs: 9 });
  t.deepEqual(first, snapshot);
  t.is(first.byteOffset, 0);
  t.is(first.buffer.byteLength, first.byteLength, 'owns its buffer, so it can be transferred');
});

test('garbage, truncated frames and non-maps are rejected as malformed with a reason', (t) => {
  const good = encodeFrame(address, { type: 'HeartbeatRequest', sequence: 1, incarnation: 0, sentAtMs: 0, hearsYou: false });
  const truncated = decodeFrame(good.subarray(0, good.length - 5));
  t.false(truncated.ok);
  t.like(truncated, { reason: 'malformed' });
  t.like(decodeFrame(new Uint8Array([0xc1])), { ok: false, reason: 'malformed' });
  t.like(decodeFrame(encodeValue([1, 2, 3])), { ok: false, reason: 'malformed', detail: 'frame is a array, not a map' });
  t.like(decodeFrame(encodeValue({ ...address, v: 2, type: 'X', payload: {} })), { ok: false, detail: 'frame version 2, expected 1' });
  t.like(decodeFrame(encodeValue({ ...address, v: 1, sequence: -1, type: 'X', payload: {} })), { ok: false, detail: 'envelope key "sequence" is -1' });
});

test('an oversize frame is rejected before it is decoded', (t) => {
  const result = decodeFrame(new Uint8Array(limits.frameBytesMax + 1));
  t.like(result, { ok: false, reason: 'oversize' });
});

test('an unknown message type, and a wrong-typed payload, are told apart', (t) => {
  const unknown = decodeFrame(encodeValue({ v: 1, ...address, type: 'FormatC', payload: { type: 'FormatC' } }));
  if (!unknown.ok) return t.fail(unknown.detail);
  t.like(decodeMessage('node', unknown.frame), { ok: false, reason: 'unknownType', detail: 'a node actor has no message "FormatC"' });
  const wrong = decodeFrame(encodeValue({ v: 1, ...address, type: 'HeartbeatRequest', payload: { type: 'HeartbeatRequest', sequence: 'three', incarnation: 0, sentAtMs: 0, hearsYou: false } }));
  if (!wrong.ok) return t.fail(wrong.detail);
  const result = decodeMessage('node', wrong.frame);
  t.like(result, { ok: false, reason: 'invalidPayload' });
  t.regex(result.ok ? '' : result.detail, /payload key "sequence"/);
});

test('a payload whose type differs from the envelope\'s is malformed', (t) => {
  const frame = decodeFrame(encodeValue({ v: 1, ...address, type: 'HeartbeatRequest', payload: { type: 'HeartbeatResponse', sequence: 1, incarnation: 0, sentAtMs: 0 } }));
  if (!frame.ok) return t.fail(frame.detail);
  t.like(decodeMessage('node', frame.frame), { ok: false, reason: 'malformed', detail: 'payload type "HeartbeatResponse" differs from envelope type "HeartbeatRequest"' });
});

test('a node message sent to the storage target is an unknown type there', (t) => {
  const decoded = decodeFrame(encodeFrame({ ...address, destination: 'host' }, { type: 'HeartbeatRequest', sequence: 1, incarnation: 0, sentAtMs: 0, hearsYou: false }));
  if (!decoded.ok) return t.fail(decoded.detail);
  t.like(decodeMessage('storage', decoded.frame), { ok: false, reason: 'unknownType' });
});
