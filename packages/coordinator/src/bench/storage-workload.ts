// What the storage benchmark does, shared by the lab side (the initiator actor) and the one-thread
// baselines so both do the same work: the persistent-reservation command mix, the 4 KiB write
// payload, the LBA plans, and the names the lab uses (seed 000's "host" target, node01 as the
// initiator, its reservation key).
import { Prng, blockSizeBytes, formatReservationKey, type PrInServiceAction, type PrOutServiceAction, type ReservationKey, type ReservationType } from '@wsfc-lab/protocol';
import { microsoftInitiatorIqn, targetIqnFor } from '@wsfc-lab/storage-target';

/** One write: 4 KiB, 8 blocks of 512 bytes. */
export const writeSizeBytes = 4096;
export const blocksPerWrite = writeSizeBytes / blockSizeBytes;

/** The reservation type Windows clustering holds (facts §3.1). */
export const benchReservationType: ReservationType = 'WriteExclusiveRegistrantsOnly';

export const storageBenchNames = {
  /** The storage target actor (seed 000's iSCSI Target Server host). */
  target: 'host',
  targetAddress: '172.16.1.1',
  targetName: 'wsfc',
  targetIqn: targetIqnFor('host', 'wsfc'),
  /** The initiator stand-in: a node's name, so the target's access list admits it as a machine. */
  initiator: 'node01',
  initiatorIqn: microsoftInitiatorIqn('node01.wsfc.local'),
  network: 'iSCSI',
  /** LUN 0 is measured; LUN 1 takes the warm-up, so the measured file starts as sparse as the baseline's. */
  measuredDisk: 'Bench Disk',
  warmupDisk: 'Warmup Disk',
  /** The key node01 registers, in the form the cluster uses (a node ID in the low bytes). */
  key: formatReservationKey(0x0000_0001_0000_0001n) as ReservationKey,
} as const;

export const measuredLun = 0;
export const warmupLun = 1;

/** The persistent reservation commands the mix cycles through, in order. */
export type PrMixCommand = { direction: 'In'; serviceAction: PrInServiceAction } | { direction: 'Out'; serviceAction: PrOutServiceAction };

export const prMix: readonly PrMixCommand[] = [
  { direction: 'In', serviceAction: 'ReadKeys' },
  { direction: 'Out', serviceAction: 'RegisterAndIgnoreExistingKey' },
  { direction: 'In', serviceAction: 'ReadReservation' },
];

export function prMixCommand(index: number): PrMixCommand {
  return prMix[index % prMix.length] as PrMixCommand;
}

export const prMixLabel = 'READ KEYS / REGISTER AND IGNORE EXISTING KEY / READ RESERVATION';

/**
 * The 4 KiB a write carries: its LBA and its index in the run in the first 16 bytes (little
 * endian), then a byte pattern, so a read-back can tell which write landed last.
 */
export function writePayload(lba: number, index: number): Uint8Array {
  const data = new Uint8Array(writeSizeBytes);
  const view = new DataView(data.buffer);
  view.setFloat64(0, lba, true);
  view.setFloat64(8, index, true);
  for (let i = 16; i < writeSizeBytes; i += 64) data[i] = (index + i) & 0xff;
  return data;
}

export type LbaPattern = 'sequential' | 'random';

/**
 * `count` 4 KiB-aligned LBAs on a disk of `diskBlocks`: sequential from LBA 0 (wrapping), or
 * uniformly random from the seeded stream `storage-bench/<pattern>`.
 */
export function lbaPlan(o: { pattern: LbaPattern; count: number; diskBlocks: number; seed: number }): number[] {
  const slots = Math.floor(o.diskBlocks / blocksPerWrite);
  if (slots < 1) throw new RangeError(`a disk of ${o.diskBlocks} blocks holds no ${writeSizeBytes}-byte write`);
  if (o.pattern === 'sequential') return Array.from({ length: o.count }, (_, i) => (i % slots) * blocksPerWrite);
  const prng = new Prng(o.seed, `storage-bench/${o.pattern}`);
  return Array.from({ length: o.count }, () => prng.int(slots) * blocksPerWrite);
}
