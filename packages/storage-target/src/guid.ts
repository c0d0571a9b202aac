// GUIDs as Windows writes them on disk: the first three fields little-endian, the last eight
// bytes as they are (the "mixed-endian" layout of GPT and of Windows' GUID struct).

const guidPattern = /^[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}$/;

export function isGuid(text: string): boolean {
  return guidPattern.test(text);
}

/** A version-4 GUID from a seeded random source (`io.random`), upper case as Windows shows them. */
export function randomGuid(random: () => number): string {
  const bytes = new Uint8Array(16);
  for (let i = 0; i < bytes.length; i++) bytes[i] = Math.floor(random() * 256) & 0xff;
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x40;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('').toUpperCase();
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** Writes `guid` into 16 bytes at `offset`. */
export function encodeGuid(guid: string, out: Uint8Array, offset: number): void {
  if (!isGuid(guid)) throw new RangeError(`GUID ${JSON.stringify(guid)} is not of the form XXXXXXXX-XXXX-XXXX-XXXX-XXXXXXXXXXXX`);
  const hex = guid.replace(/-/g, '');
  const byte = (i: number) => parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  const order = [3, 2, 1, 0, 5, 4, 7, 6, 8, 9, 10, 11, 12, 13, 14, 15];
  order.forEach((source, i) => {
    out[offset + i] = byte(source);
  });
}

export function decodeGuid(bytes: Uint8Array, offset: number): string {
  const order = [3, 2, 1, 0, 5, 4, 7, 6, 8, 9, 10, 11, 12, 13, 14, 15];
  const hex = order.map((i) => (bytes[offset + i] ?? 0).toString(16).padStart(2, '0')).join('').toUpperCase();
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
