// Page-like sample data for measuring live-migration compression (issue 6; wsfc-facts.md §6.3).
// A guest's memory is not uniform: some pages are zeroed (free or freshly allocated), many hold
// repeated small structures (kernel and heap objects, page tables, arrays of records) or
// text-like low-entropy data (strings, code, logs), and some are incompressible (a file cache of
// already-compressed media, encrypted buffers, random data). This file draws 4 KiB pages of those
// kinds from the protocol's seeded PRNG, so the same seed always gives the same bytes.
//
// `defaultPageMix` is the lab's documented rule, not a measurement of a real guest: 20 % zero,
// 25 % structured, 25 % text-like and 30 % random pages, a mildly busy general-purpose server.
import { Prng, assertNever } from '@wsfc-lab/protocol';

export const pageSizeBytes = 4096;

export type PageKind = 'Zero' | 'Structured' | 'Text' | 'Random';

/** Integer weights per page kind; a page's kind is drawn with probability weight ÷ Σweights. */
export type PageMix = Readonly<Record<PageKind, number>>;

/** The lab's rule for a typical guest (see the file comment). */
export const defaultPageMix: PageMix = { Zero: 20, Structured: 25, Text: 25, Random: 30 };

const pageKinds: readonly PageKind[] = ['Zero', 'Structured', 'Text', 'Random'];

/** Record sizes of the repeated structures on a Structured page, bytes. */
const recordSizesBytes: readonly number[] = [16, 24, 32, 48, 64];

/** A small vocabulary, as a string table or log buffer would repeat it. */
const words: readonly string[] = [
  'the', 'cluster', 'node', 'resource', 'online', 'offline', 'group', 'virtual', 'machine', 'disk',
  'error', 'warning', 'info', 'heartbeat', 'network', 'quorum', 'witness', 'owner', 'state', 'failed',
  'succeeded', 'System32', 'Windows', 'Microsoft', 'service', 'registry', 'HKLM', 'SOFTWARE', '0x0000',
  'return', 'if', 'else', 'for', 'while', 'function', 'const', 'int', 'void', 'NULL', 'true', 'false',
];

function requireMix(mix: PageMix): number {
  let total = 0;
  for (const kind of pageKinds) {
    const weight = mix[kind];
    if (!Number.isSafeInteger(weight) || weight < 0) throw new RangeError(`page mix weight ${kind} must be a non-negative integer, got ${weight}`);
    total += weight;
  }
  if (total === 0) throw new RangeError(`page mix must have a positive total weight, got ${JSON.stringify(mix)}`);
  return total;
}

function drawKind(prng: Prng, mix: PageMix, total: number): PageKind {
  let draw = prng.int(total);
  for (const kind of pageKinds) {
    if (draw < mix[kind]) return kind;
    draw -= mix[kind];
  }
  throw new RangeError(`page mix draw out of range: ${draw} of ${total}`);
}

/** Repeated records: a fixed template with an incrementing index and a pointer-like field. */
function fillStructured(page: Buffer, prng: Prng): void {
  const recordBytes = prng.pick(recordSizesBytes);
  const template = prng.fillBytes(new Uint8Array(recordBytes));
  const pointerBase = prng.nextUint32() & 0xfffff000;
  for (let offset = 0, index = 0; offset + recordBytes <= page.length; offset += recordBytes, index++) {
    page.set(template, offset);
    page.writeUInt32LE(index, offset);
    page.writeUInt32LE((pointerBase + index * recordBytes) >>> 0, offset + 8);
  }
}

function fillText(page: Buffer, prng: Prng): void {
  let offset = 0;
  while (offset < page.length) {
    const separator = prng.chance(1, 12) ? '\n' : ' ';
    offset += page.write(prng.pick(words) + separator, offset, 'latin1');
  }
}

function fillRandom(page: Buffer, prng: Prng): void {
  for (let offset = 0; offset < page.length; offset += 4) page.writeUInt32LE(prng.nextUint32(), offset);
}

/** `pages` 4 KiB pages drawn from `mix`; the same seed and mix give the same bytes. */
export function pageLikeSample(seed: number, pages: number, mix: PageMix = defaultPageMix): Buffer {
  if (!Number.isSafeInteger(pages) || pages < 0) throw new RangeError(`pages must be a non-negative integer, got ${pages}`);
  const total = requireMix(mix);
  const prng = new Prng(seed, 'page-sample');
  const sample = Buffer.alloc(pages * pageSizeBytes);
  for (let i = 0; i < pages; i++) {
    const page = sample.subarray(i * pageSizeBytes, (i + 1) * pageSizeBytes);
    const kind = drawKind(prng, mix, total);
    switch (kind) {
      case 'Zero':
        break;
      case 'Structured':
        fillStructured(page, prng);
        break;
      case 'Text':
        fillText(page, prng);
        break;
      case 'Random':
        fillRandom(page, prng);
        break;
      default:
        return assertNever(kind, 'page kind');
    }
  }
  return sample;
}
