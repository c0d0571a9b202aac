// The checker of "no acknowledged write is lost" (issue 7): the chaos runner's workload writes
// numbered blocks to the disks through their owners; after healing it reads every block it wrote
// back. Each LBA's sequence numbers only grow (the runner numbers the writes), so the block must
// hold the highest sequence acknowledged there, or a later one (a write that landed but whose answer
// was lost). An older one, an unreadable block, or none at all, is a lost write.
//
// The history says what happened to the block: the WRITEs the target accepted at that LBA after the
// acknowledgement (who overwrote it, with which key and PRgeneration: a deposed owner, say) and the
// target's restarts. It also checks the acknowledgement itself: a write answered Good must have been
// accepted by the target (a ScsiWrite with status Good covering that LBA, at or before the answer),
// or a node acknowledged a write that never reached the disk.
//
// [lab gap] ScsiWrite carries no content, so the history alone cannot say which sequence a WRITE
// carried; the runner's acknowledgement log supplies it. A CRC-32 of the data in ScsiWrite would let
// the checker match each acknowledgement to its WRITE exactly.
import type { HistoryEntry } from '@wsfc-lab/protocol';
import type { Violation } from '../scenario/report.js';
import { entriesOf, nameKey, wholeMs, type EntryOf } from './_history.js';

export const noLostWritesRule = 'no-acknowledged-write-lost';

/** One WRITE of the workload that its node answered with GOOD. */
export interface AcknowledgedWrite {
  disk: string;
  lba: number;
  /** The number the workload wrote into the block; grows with every write to one LBA. */
  sequence: number;
  /** The node the workload wrote through (the disk's owner, or a CSV member). */
  node: string;
  /** When the answer came, in the history's simulated ms (runtime.nowMs()). */
  atMs: number;
}

/** After healing: disk → LBA → the sequence read back, or null when the block does not decode. */
export type FinalReads = Readonly<Record<string, Readonly<Record<number, number | null>>>>;

export interface LostWriteInput {
  acknowledged: readonly AcknowledgedWrite[];
  finalReads: FinalReads;
}

type Write = EntryOf<'ScsiWrite'>;

const covers = (w: Write['event'], disk: string, lba: number): boolean => w.status === 'Good' && nameKey(w.disk) === disk && w.lba <= lba && lba < w.lba + Math.max(1, w.blockCount);

function readBack(reads: FinalReads, disk: string, lba: number): number | null | undefined {
  const byDisk = Object.entries(reads).find(([name]) => nameKey(name) === nameKey(disk))?.[1];
  return byDisk?.[lba];
}

/** The highest acknowledged sequence per (disk, LBA). */
function latestAcknowledged(acknowledged: readonly AcknowledgedWrite[]): AcknowledgedWrite[] {
  const latest = new Map<string, AcknowledgedWrite>();
  for (const ack of acknowledged) {
    const id = `${nameKey(ack.disk)}\u0000${ack.lba}`;
    const known = latest.get(id);
    if (!known || ack.sequence > known.sequence) latest.set(id, ack);
  }
  return [...latest.values()];
}

/** What the history says happened to the block after the acknowledgement. */
function afterwards(ack: AcknowledgedWrite, writes: readonly Write[], targetStarts: readonly EntryOf<'ActorStarted'>[]): string[] {
  const disk = nameKey(ack.disk);
  const later = writes.filter((w) => w.atMs > ack.atMs && covers(w.event, disk, ack.lba));
  const overwrites = later.map((w) => `overwritten by ${w.event.node} (key ${w.event.key ?? 'none'}, PRgeneration ${w.event.generation}) at ${wholeMs(w.atMs)} ms`);
  const restarts = targetStarts.filter((s) => s.atMs > ack.atMs).map((s) => `the target restarted at ${wholeMs(s.atMs)} ms (incarnation ${s.event.incarnation})`);
  return [...overwrites, ...restarts];
}

function lost(o: { ack: AcknowledgedWrite; found: number | null | undefined; story: string[] }): Violation {
  const { ack, found } = o;
  const what = found === undefined ? 'was not read back' : found === null ? 'reads back as an unreadable block' : `reads back sequence ${found}`;
  const story = o.story.length === 0 ? 'the history shows no later WRITE there' : o.story.join('; ');
  return {
    rule: noLostWritesRule,
    detail: `"${ack.disk}" LBA ${ack.lba} ${what}, but sequence ${ack.sequence} was acknowledged through ${ack.node} at ${wholeMs(ack.atMs)} ms: ${story}`,
    atMs: wholeMs(ack.atMs),
    evidence: { disk: ack.disk, lba: ack.lba, acknowledged: ack.sequence, node: ack.node, acknowledgedAtMs: wholeMs(ack.atMs), found: found ?? null, history: o.story },
  };
}

/** Every acknowledged write missing from the read-back, and every acknowledgement the target never accepted. */
export function checkNoLostWrites(history: readonly HistoryEntry[], input: LostWriteInput): Violation[] {
  const writes = entriesOf(history, ['ScsiWrite']);
  const targetStarts = entriesOf(history, ['ActorStarted']).filter((s) => s.event.kind === 'storage' && s.event.incarnation > 0);
  const violations: Violation[] = [];
  for (const ack of input.acknowledged) {
    if (writes.some((w) => w.atMs <= ack.atMs && covers(w.event, nameKey(ack.disk), ack.lba))) continue;
    violations.push({
      rule: noLostWritesRule,
      detail: `sequence ${ack.sequence} at "${ack.disk}" LBA ${ack.lba} was acknowledged through ${ack.node} at ${wholeMs(ack.atMs)} ms, but the target accepted no WRITE there by then`,
      atMs: wholeMs(ack.atMs),
      evidence: { disk: ack.disk, lba: ack.lba, acknowledged: ack.sequence, node: ack.node, acknowledgedAtMs: wholeMs(ack.atMs) },
    });
  }
  for (const ack of latestAcknowledged(input.acknowledged)) {
    const found = readBack(input.finalReads, ack.disk, ack.lba);
    if (typeof found === 'number' && found >= ack.sequence) continue;
    violations.push(lost({ ack, found, story: afterwards(ack, writes, targetStarts) }));
  }
  return violations.sort((a, b) => a.atMs - b.atMs);
}
