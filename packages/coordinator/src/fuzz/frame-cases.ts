// The bad frames, by class, for one actor: random bytes, truncated and oversize frames, msgpack of
// the wrong shape, envelopes with a bad key, payloads nested past any decoder's stack, a payload
// type that differs from the envelope's, unknown message types, frames for another machine or
// with a forged source, and (most of them) valid messages of every type the actor accepts with
// one field mutated. Each case carries the verdict the receiver must reach: a rejection reason,
// or `accepted` for a frame the schema lets through (valid in shape, nonsense in content), which
// must then be handled without a crash.
import fc from 'fast-check';
import { acceptsByKind, decodeValue, encodeValue, frameVersion, limits, type ActorKind, type Frame, type FrameRejectReason } from '@wsfc-lab/protocol';
import { validMessageArbitrary, variantsByType } from './schema-arbitrary.js';
import { applyMutation, mutationArbitrary } from './wrong-values.js';

export const frameClasses = [
  'randomBytes',
  'truncated',
  'oversize',
  'notAnEnvelope',
  'badEnvelope',
  'deepNesting',
  'typeMismatch',
  'unknownType',
  'wrongDestination',
  'forgedSource',
  'wrongField',
  'valid',
] as const;
export type FrameClass = (typeof frameClasses)[number];

export type Verdict = FrameRejectReason | 'accepted';

export interface FrameCase {
  frameClass: FrameClass;
  bytes: Uint8Array;
  /** The machine the frame really comes from, as the transport knows it. */
  actualSource: string;
  /** The message type it carries (or "?"), for reports. */
  messageType: string;
  expected: Verdict;
}

/** The actor under fuzz and the lab around it. */
export interface FuzzTarget {
  id: string;
  kind: ActorKind;
  /** Other machines of the lab: the frames claim to come from them. */
  peers: string[];
  networks: string[];
}

/** A valid envelope, as the protocol's codec writes it. */
type Envelope = Frame;

const kinds: readonly ActorKind[] = ['node', 'storage', 'directory'];

/** What the schema says of a payload as the receiver decodes it (decodeMessage's rule). */
export function schemaVerdict(kind: ActorKind, payload: unknown): Verdict {
  const parsed = acceptsByKind[kind].safeParse(payload);
  if (parsed.success) return 'accepted';
  const issue = parsed.error.issues[0];
  return issue?.path.length === 1 && issue.path[0] === 'type' ? 'unknownType' : 'invalidPayload';
}

function envelopeArbitrary(target: FuzzTarget, message: fc.Arbitrary<Record<string, unknown>>): fc.Arbitrary<Envelope> {
  return fc.record({
    v: fc.constant(frameVersion),
    source: fc.constantFrom(...target.peers),
    destination: fc.constant(target.id),
    network: fc.constantFrom(...target.networks),
    sequence: fc.nat(),
    type: fc.constant(''),
    payload: message,
  }).map((e) => ({ ...e, type: String(e.payload.type) }));
}

function caseOf(frameClass: FrameClass, envelope: Envelope, expected: Verdict, bytes = encodeValue(envelope)): FrameCase {
  return { frameClass, bytes, actualSource: envelope.source, messageType: envelope.type, expected };
}

/** The valid messages an actor of `kind` accepts, one arbitrary per message type. */
export function validMessagesOf(kind: ActorKind): fc.Arbitrary<Record<string, unknown>> {
  const variants = [...variantsByType(acceptsByKind[kind]).values()];
  return fc.oneof(...variants.map(validMessageArbitrary));
}

function wrongFieldCases(target: FuzzTarget, valid: fc.Arbitrary<Envelope>): fc.Arbitrary<FrameCase> {
  return valid.chain((envelope) =>
    mutationArbitrary(envelope.payload).map((mutation) => {
      const mutated: Envelope = { ...envelope, payload: applyMutation(envelope.payload, mutation) };
      const bytes = encodeValue(mutated);
      const decoded = decodeValue(bytes) as Envelope;
      return caseOf('wrongField', mutated, schemaVerdict(target.kind, decoded.payload), bytes);
    }),
  );
}

function byteCases(valid: fc.Arbitrary<Envelope>): fc.Arbitrary<FrameCase>[] {
  const truncated = valid.chain((e) => {
    const bytes = encodeValue(e);
    return fc.nat(bytes.byteLength - 1).map((cut) => caseOf('truncated', e, 'malformed', bytes.slice(0, cut)));
  });
  const oversize = fc.tuple(valid, fc.nat(1024)).map(([e, extra]) => {
    const bytes = new Uint8Array(limits.frameBytesMax + 1 + extra);
    bytes.set(encodeValue(e));
    return caseOf('oversize', e, 'oversize', bytes);
  });
  const random = fc.tuple(valid, fc.uint8Array({ maxLength: 512 })).map(([e, bytes]) => ({ ...caseOf('randomBytes', e, 'malformed', bytes), messageType: '?' }));
  const deep = fc.tuple(valid, fc.constantFrom(200_000, 1_000_000)).map(([e, depth]) => caseOf('deepNesting', e, 'malformed', deeplyNestedFrame(e, depth)));
  return [random, truncated, oversize, deep];
}

/** A frame whose payload holds a list nested `depth` deep: built by hand, as no encoder will. */
function deeplyNestedFrame(envelope: Envelope, depth: number): Uint8Array {
  const { payload: _payload, ...rest } = envelope;
  const head = encodeValue(rest); // a fixmap of six keys: 0x86
  const tail = [encodeValue('payload'), Uint8Array.of(0x82), encodeValue('type'), encodeValue(envelope.type), encodeValue('deep')];
  const bytes = new Uint8Array(head.byteLength + tail.reduce((n, t) => n + t.byteLength, 0) + depth + 1);
  bytes.set(head);
  bytes[0] = 0x87;
  let at = head.byteLength;
  for (const t of tail) {
    bytes.set(t, at);
    at += t.byteLength;
  }
  bytes.fill(0x91, at, at + depth); // fixarray of one item, `depth` times
  bytes[at + depth] = 0x01;
  return bytes;
}

const badEnvelopeChanges: Record<string, unknown>[] = [
  { v: 2 },
  { v: '1' },
  { v: null },
  { source: '' },
  { source: 's'.repeat(65) },
  { source: 7 },
  { destination: undefined },
  { network: [] },
  { type: '' },
  { sequence: -1 },
  { sequence: 1.5 },
  { sequence: '3' },
  { sequence: 2 ** 53 },
  { payload: [] },
  { payload: null },
  { payload: 'x' },
];

function shapeCases(valid: fc.Arbitrary<Envelope>): fc.Arbitrary<FrameCase>[] {
  const notAnEnvelope = fc.tuple(valid, fc.jsonValue({ maxDepth: 3 })).map(([e, value]) => ({ ...caseOf('notAnEnvelope', e, 'malformed', encodeValue(value)), messageType: '?' }));
  const badEnvelope = fc.tuple(valid, fc.constantFrom(...badEnvelopeChanges)).map(([e, change]) => caseOf('badEnvelope', e, 'malformed', encodeValue({ ...e, ...change })));
  return [notAnEnvelope, badEnvelope];
}

function addressCases(target: FuzzTarget, valid: fc.Arbitrary<Envelope>): fc.Arbitrary<FrameCase>[] {
  const accepted = [...variantsByType(acceptsByKind[target.kind]).keys()];
  const foreign = kinds.flatMap((k) => [...variantsByType(acceptsByKind[k]).keys()]).filter((t) => !accepted.includes(t));
  const unknownName = fc.oneof(fc.constantFrom('FormatC', 'heartbeatrequest', 'Frame', '__proto__', ...foreign), fc.string({ minLength: 1, maxLength: 64 })).filter((t) => !accepted.includes(t));
  const unknownType = fc.tuple(valid, unknownName).map(([e, type]) => caseOf('unknownType', { ...e, type, payload: { ...e.payload, type } }, 'unknownType'));
  const mismatch = fc.tuple(valid, fc.constantFrom(...accepted)).filter(([e, type]) => type !== e.type).map(([e, type]) => caseOf('typeMismatch', { ...e, type }, 'malformed'));
  const elsewhere = fc.tuple(valid, fc.constantFrom('node09', 'dc02', ...target.peers)).map(([e, destination]) => caseOf('wrongDestination', { ...e, destination }, 'unknownDestination'));
  const forged = fc.tuple(valid, fc.constantFrom(...target.peers, 'node09')).filter(([e, actual]) => actual !== e.source).map(([e, actual]) => ({ ...caseOf('forgedSource', e, 'forgedSource'), actualSource: actual }));
  return [unknownType, mismatch, elsewhere, forged];
}

/** Every class of bad (and valid) frame for `target`, weighted towards one-field mutations. */
export function frameCaseArbitrary(target: FuzzTarget): fc.Arbitrary<FrameCase> {
  const valid = envelopeArbitrary(target, validMessagesOf(target.kind));
  const validCases = valid.map((e) => caseOf('valid', e, schemaVerdict(target.kind, (decodeValue(encodeValue(e)) as Envelope).payload)));
  const [random, truncated, oversize, deep] = byteCases(valid);
  const [notAnEnvelope, badEnvelope] = shapeCases(valid);
  const [unknownType, mismatch, elsewhere, forged] = addressCases(target, valid);
  return fc.oneof(
    { weight: 30, arbitrary: wrongFieldCases(target, valid) },
    { weight: 12, arbitrary: validCases },
    { weight: 4, arbitrary: random! },
    { weight: 4, arbitrary: truncated! },
    { weight: 1, arbitrary: oversize! },
    { weight: 1, arbitrary: deep! },
    { weight: 3, arbitrary: notAnEnvelope! },
    { weight: 4, arbitrary: badEnvelope! },
    { weight: 3, arbitrary: unknownType! },
    { weight: 2, arbitrary: mismatch! },
    { weight: 2, arbitrary: elsewhere! },
    { weight: 2, arbitrary: forged! },
  );
}
