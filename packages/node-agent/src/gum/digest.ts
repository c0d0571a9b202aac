// The digest chain of a database copy. Each update's digest hashes the previous digest with the
// update itself, so two copies with the same sequence and digest went through the same updates in
// the same order (up to a 64-bit hash collision). It lets the locker tell a member that is one
// update behind on the same history from one that diverged, without shipping the whole copy.
import type { DbChange, DbValue } from './database.js';

const fnvPrime = 0x01000193;

function fnv1a(text: string, basis: number): number {
  let h = basis >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, fnvPrime) >>> 0;
  }
  return h >>> 0;
}

/** 64 bits as 16 hex characters: two FNV-1a hashes with different offset bases. */
export function hash64(text: string): string {
  const high = fnv1a(text, 0x811c9dc5).toString(16).padStart(8, '0');
  const low = fnv1a(text, 0x050c5d1f).toString(16).padStart(8, '0');
  return high + low;
}

export const emptyDigest = '0000000000000000';

/** A canonical text of a value: arrays and scalars only, so JSON.stringify is already canonical. */
function canonicalValue(value: DbValue): string {
  return JSON.stringify(value);
}

export function canonicalChanges(changes: readonly DbChange[]): string {
  return changes.map((c) => (c.op === 'SetValue' ? `S ${JSON.stringify(c.path)} ${canonicalValue(c.value)}` : `${c.op === 'DeleteValue' ? 'V' : 'K'} ${JSON.stringify(c.path)}`)).join('\n');
}

export interface DigestInput {
  previousDigest: string;
  epoch: number;
  sequence: number;
  origin: string;
  incarnation: number;
  requestNumber: number;
  changes: readonly DbChange[];
}

export function updateDigest(u: DigestInput): string {
  return hash64(`${u.previousDigest}|${u.epoch}|${u.sequence}|${u.origin}|${u.incarnation}|${u.requestNumber}|${canonicalChanges(u.changes)}`);
}
