// The checker of "at most one node's writes are accepted on a disk for any reservation generation"
// (DESIGN "What the lab checks"). A generation is the target's PRgeneration on the disk, within one
// incarnation of the target (SPC-3 resets the counter at power on, so the incarnation is part of it).
// Every REGISTER, PREEMPT and CLEAR moves it, so every change of who may write starts a new one: two
// writers accepted within one generation means two nodes believed they owned the disk at once and the
// target let both write (a challenger writing before it fenced the owner, or an owner that released
// but stayed registered).
//
// The exception is a Cluster Shared Volume (facts §3.2, §13): its coordinator holds a Write
// Exclusive – Registrants Only reservation and every member registers a key and writes directly,
// all within one generation. There, several writers are fine as long as each was registered and the
// reservation was WERO; an unregistered writer, or another type, is still a violation.
//
// It reads the target's ScsiWrite events (status Good); which disks are CSVs comes from the caller
// (the lab's `cluster.csv` and the scenario's Add-ClusterSharedVolume, csv-disks.ts) and from the
// history's CSV events (5120, 5121, …), which only a CSV's disk has.
import type { HistoryEntry } from '@wsfc-lab/protocol';
import type { Violation } from '../scenario/report.js';
import { entriesOf, nameKey, wholeMs, type EntryOf } from './_history.js';

export const oneWriterPerGenerationRule = 'one-writer-per-generation';

export interface OneWriterOptions {
  /** Disks that are (or became) Cluster Shared Volumes during the run. */
  csvDisks?: readonly string[];
}

interface Writer {
  node: string;
  initiator: string;
  key: string | null;
  firstAtMs: number;
}

interface GenerationWrites {
  disk: string;
  generation: number;
  targetIncarnation: number;
  writers: Map<string, Writer>;
  reported: boolean;
}

/** The CSV disks the caller named, and every disk the history's CSV events name. */
export function csvDisksIn(history: readonly HistoryEntry[], named: readonly string[] = []): Set<string> {
  const disks = new Set(named.map(nameKey));
  for (const { event } of entriesOf(history, ['CsvPaused', 'CsvBlockRedirected', 'CsvDirectIoResumed', 'CsvResumed'])) disks.add(nameKey(event.disk));
  return disks;
}

/** Why a second writer in one generation is a violation, or undefined when the CSV exception covers it. */
function whyNotShared(o: { csv: boolean; write: EntryOf<'ScsiWrite'>['event']; writers: Iterable<Writer> }): string | undefined {
  if (!o.csv) return 'the disk is not a Cluster Shared Volume';
  // While the coordinator role moves, the LUN is briefly without a reservation; its registrants (the
  // cluster members) may still write, as SCSI lets them. A fenced writer is rule 1's to catch.
  const type = o.write.reservationType;
  if (type !== 'WriteExclusiveRegistrantsOnly' && type !== null && type !== undefined) return `the reservation was ${type}, not WriteExclusiveRegistrantsOnly`;
  const unregistered = [...o.writers].filter((w) => w.key === null).map((w) => w.node);
  return unregistered.length === 0 ? undefined : `${unregistered.join(', ')} wrote without a registered key`;
}

function breach(group: GenerationWrites, why: string, atMs: number): Violation {
  const writers = [...group.writers.values()];
  const who = writers.map((w) => `${w.node} (key ${w.key ?? 'none'}, from ${wholeMs(w.firstAtMs)} ms)`).join(', ');
  return {
    rule: oneWriterPerGenerationRule,
    detail: `"${group.disk}" accepted WRITEs from ${writers.length} nodes in PRgeneration ${group.generation} (target incarnation ${group.targetIncarnation}): ${who}; ${why}`,
    atMs: wholeMs(atMs),
    evidence: { disk: group.disk, generation: group.generation, targetIncarnation: group.targetIncarnation, nodes: writers.map((w) => w.node), writers: writers.map((w) => ({ ...w, firstAtMs: wholeMs(w.firstAtMs) })) },
  };
}

/** Every (disk, generation) in which the target accepted WRITEs of more than one initiator, CSVs aside. */
export function checkOneWriterPerGeneration(history: readonly HistoryEntry[], options: OneWriterOptions = {}): Violation[] {
  const csv = csvDisksIn(history, options.csvDisks);
  const groups = new Map<string, GenerationWrites>();
  const violations: Violation[] = [];
  for (const entry of entriesOf(history, ['ScsiWrite'])) {
    const w = entry.event;
    if (w.status !== 'Good') continue;
    const id = `${nameKey(w.disk)}\u0000${w.targetIncarnation}\u0000${w.generation}`;
    const group = groups.get(id) ?? { disk: w.disk, generation: w.generation, targetIncarnation: w.targetIncarnation, writers: new Map<string, Writer>(), reported: false };
    groups.set(id, group);
    if (group.writers.has(w.initiator)) continue;
    group.writers.set(w.initiator, { node: w.node, initiator: w.initiator, key: w.key, firstAtMs: entry.atMs });
    if (group.writers.size < 2 || group.reported) continue;
    const why = whyNotShared({ csv: csv.has(nameKey(w.disk)), write: w, writers: group.writers.values() });
    if (why === undefined) continue;
    group.reported = true;
    violations.push(breach(group, why, entry.atMs));
  }
  return violations;
}
