// A small pure keyed hash for the lab's ticket signatures. It is NOT cryptography: four MurmurHash3
// (32-bit) lanes with different seeds over the text's UTF-16 code units, cross-mixed at the end,
// give a 128-bit digest, and `keyedHash` wraps it HMAC-style (inner and outer keyed passes). It is
// deterministic and free of I/O (no node:crypto: actor code stays sans-I/O) and it detects a
// changed field; it does not resist an attacker, which the lab's actors are not.

const laneSeeds = [0x243f6a88, 0x85a308d3, 0x13198a2e, 0x03707344] as const;

function rotl32(value: number, bits: number): number {
  return ((value << bits) | (value >>> (32 - bits))) >>> 0;
}

function fmix32(value: number): number {
  let h = value >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** MurmurHash3's 32-bit body over code units, one unit per block. */
function murmurLane(text: string, seed: number): number {
  let h = seed >>> 0;
  for (let i = 0; i < text.length; i++) {
    let k = Math.imul(text.charCodeAt(i), 0xcc9e2d51);
    k = Math.imul(rotl32(k >>> 0, 15), 0x1b873593);
    h ^= k >>> 0;
    h = (Math.imul(rotl32(h >>> 0, 13), 5) + 0xe6546b64) >>> 0;
  }
  return (h ^ text.length) >>> 0;
}

/** A 128-bit digest of `text`, as 32 lower-case hex digits. */
export function digest128(text: string): string {
  const lanes = laneSeeds.map((seed) => murmurLane(text, seed));
  const [a = 0, b = 0, c = 0, d = 0] = lanes;
  const mixed = [fmix32(a + b + c + d), fmix32(b ^ rotl32(a, 7)), fmix32(c + rotl32(b, 13)), fmix32(d ^ rotl32(c, 19))];
  return mixed.map((lane) => lane.toString(16).padStart(8, '0')).join('');
}

/** HMAC-style keyed digest: digest(key‖outer‖digest(key‖inner‖text)). */
export function keyedHash(key: string, text: string): string {
  const inner = digest128(`${key}\u0036${text}`);
  return digest128(`${key}\u005c${inner}`);
}
