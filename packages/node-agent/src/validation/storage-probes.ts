// The command sequences of the storage tests (facts §3.1, §3.3), one builder per test. The
// cluster's reservation is Write Exclusive – Registrants Only held by the owner, with no other node
// registered, so a node that is not the owner cannot write; a challenger registers and preempts the
// owner's key to take a disk over. Every test ends with cleanup stages that release and unregister
// every key it made, so the disks are left as they were found.
import { formatReservationKey, zeroReservationKey, type ReservationKey } from '@wsfc-lab/protocol';
import type { ModelledTestName } from './catalog.js';
import type { ProbeCommand, ProbeStage, ProbeStep, StorageProbe, TestDisk, Expectation } from './probe.js';

export const clusterReservationType = 'WriteExclusiveRegistrantsOnly' as const;
/** A block in the gap GPT leaves before the first partition (LBA 34..2047), rewritten with its own bytes. */
export const probeBlockLba = 40;

/** The key node `nodeIndex` uses on disk `diskIndex`: a run's random salt, then node and disk, so no two collide (KB2488012). */
export function probeKey(o: { salt: number; nodeIndex: number; diskIndex: number }): ReservationKey {
  return formatReservationKey((BigInt(o.salt >>> 0) << 32n) | (BigInt(o.nodeIndex + 1) << 16n) | BigInt(o.diskIndex & 0xffff));
}

export interface ProbeContext {
  nodes: string[];
  disks: TestDisk[];
  salt: number;
}

const good: Expectation = { type: 'Good' };
const any: Expectation = { type: 'Any' };
const conflictWith = (holder: string): Expectation => ({ type: 'ReservationConflict', holder });

function keyOf(c: ProbeContext, node: string, disk: TestDisk): ReservationKey {
  return probeKey({ salt: c.salt, nodeIndex: c.nodes.indexOf(node), diskIndex: c.disks.indexOf(disk) });
}

const step = (node: string, disk: TestDisk, command: ProbeCommand, expect: Expectation): ProbeStep => ({ node, disk, command, expect });
const stage = (steps: ProbeStep[], cleanup = false): ProbeStage => ({ steps, rule: 'Each', cleanup });

function register(c: ProbeContext, node: string, disk: TestDisk): ProbeStep {
  return step(node, disk, { type: 'RegisterAndIgnoreExistingKey', newKey: keyOf(c, node, disk) }, good);
}

function reserve(c: ProbeContext, node: string, disk: TestDisk, expect: Expectation): ProbeStep {
  return step(node, disk, { type: 'Reserve', key: keyOf(c, node, disk), reservationType: clusterReservationType }, expect);
}

function holderIs(c: ProbeContext, reader: string, disk: TestDisk, holder: string | null): ProbeStep {
  const expect: Expectation = { type: 'Holder', key: holder === null ? null : keyOf(c, holder, disk), reservationType: holder === null ? null : clusterReservationType, holder };
  return step(reader, disk, { type: 'ReadReservation' }, expect);
}

/** Release by `holder` (if any), then every node unregisters (REGISTER AND IGNORE EXISTING KEY with key zero). */
function cleanup(c: ProbeContext, disks: TestDisk[], holder: string | null): ProbeStage[] {
  const stages: ProbeStage[] = [];
  if (holder !== null) stages.push(stage(disks.map((d) => step(holder, d, { type: 'Release', key: keyOf(c, holder, d), reservationType: clusterReservationType }, any)), true));
  stages.push(stage(disks.flatMap((d) => c.nodes.map((n) => step(n, d, { type: 'RegisterAndIgnoreExistingKey', newKey: zeroReservationKey }, any))), true));
  return stages;
}

/** Validate SCSI-3 Persistent Reservation: register, reserve, another node's write refused, release; each node holds in turn. */
export function persistentReservationProbe(c: ProbeContext, disk: TestDisk): StorageProbe {
  const stages: ProbeStage[] = [];
  c.nodes.forEach((holder, i) => {
    const other = c.nodes[(i + 1) % c.nodes.length]!;
    stages.push(stage([register(c, holder, disk)]), stage([reserve(c, holder, disk, good)]), stage([holderIs(c, holder, disk, holder)]));
    stages.push(stage([step(other, disk, { type: 'RewriteBlock', lba: probeBlockLba }, conflictWith(holder))]));
    stages.push(stage([register(c, other, disk)]), stage([reserve(c, other, disk, conflictWith(holder))]));
    stages.push(stage([step(holder, disk, { type: 'Release', key: keyOf(c, holder, disk), reservationType: clusterReservationType }, good)]), stage([holderIs(c, holder, disk, null)]));
    stages.push(...cleanup(c, [disk], null));
  });
  return { test: 'Validate SCSI-3 Persistent Reservation', disks: [disk], stages };
}

/** Validate Disk Arbitration: each node in turn wins the disk, and the others' arbitration fails while it owns it. */
export function diskArbitrationProbe(c: ProbeContext, disk: TestDisk): StorageProbe {
  const stages: ProbeStage[] = [];
  for (const owner of c.nodes) {
    const others = c.nodes.filter((n) => n !== owner);
    stages.push(stage([register(c, owner, disk)]), stage([reserve(c, owner, disk, good)]));
    stages.push(stage(others.map((n) => register(c, n, disk))), stage(others.map((n) => reserve(c, n, disk, conflictWith(owner)))));
    stages.push(stage([holderIs(c, owner, disk, owner)]), ...cleanup(c, [disk], owner));
  }
  return { test: 'Validate Disk Arbitration', disks: [disk], stages };
}

/** Validate Multiple Arbitration: every node reserves at once; exactly one must win. */
export function multipleArbitrationProbe(c: ProbeContext, disk: TestDisk): StorageProbe {
  const race: ProbeStage = { steps: c.nodes.map((n) => reserve(c, n, disk, good)), rule: 'ExactlyOneWins', cleanup: false };
  const releaseAll = stage(c.nodes.map((n) => step(n, disk, { type: 'Release', key: keyOf(c, n, disk), reservationType: clusterReservationType }, any)), true);
  return { test: 'Validate Multiple Arbitration', disks: [disk], stages: [stage(c.nodes.map((n) => register(c, n, disk))), race, releaseAll, ...cleanup(c, [disk], null)] };
}

/** One failover hop on `disks` at once: the next owner registers and preempts, the old owner's write is refused. */
function failoverHop(c: ProbeContext, disks: TestDisk[], from: string, to: string): ProbeStage[] {
  return [
    stage(disks.map((d) => register(c, to, d))),
    stage(disks.map((d) => step(to, d, { type: 'Preempt', key: keyOf(c, to, d), victimKey: keyOf(c, from, d), reservationType: clusterReservationType }, good))),
    stage(disks.map((d) => step(from, d, { type: 'RewriteBlock', lba: probeBlockLba }, conflictWith(to)))),
    stage(disks.map((d) => holderIs(c, to, d, to))),
  ];
}

function failoverProbe(c: ProbeContext, test: ModelledTestName, disks: TestDisk[], path: string[]): StorageProbe {
  const first = path[0]!;
  const stages = [stage(disks.map((d) => register(c, first, d))), stage(disks.map((d) => reserve(c, first, d, good)))];
  for (let i = 1; i < path.length; i++) stages.push(...failoverHop(c, disks, path[i - 1]!, path[i]!));
  stages.push(...cleanup(c, disks, path.at(-1)!));
  return { test, disks, stages };
}

/** Validate Disk Failover: the disk moves through every node in turn. */
export function diskFailoverProbe(c: ProbeContext, disk: TestDisk): StorageProbe {
  return failoverProbe(c, 'Validate Disk Failover', [disk], c.nodes);
}

/** Validate Simultaneous Failover: every disk moves from the first node to the second at the same time. */
export function simultaneousFailoverProbe(c: ProbeContext): StorageProbe {
  return failoverProbe(c, 'Validate Simultaneous Failover', c.disks, c.nodes.slice(0, 2));
}
