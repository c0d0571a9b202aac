// Ids come from nanoid with the actor's own random stream, so ids are seeded in `sim`.
import { customRandom, urlAlphabet } from 'nanoid';
import type { Prng } from './prng.js';

export const idLengthChars = 12;

export function seededIds(prng: Prng, size = idLengthChars): () => string {
  return customRandom(urlAlphabet, size, (bytes) => prng.fillBytes(new Uint8Array(bytes)));
}
