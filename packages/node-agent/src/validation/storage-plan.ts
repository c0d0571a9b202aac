// The second half of the plan: once every server has said which disks it sees, decide which are
// potential cluster disks and build the storage tests' command sequences for them. A disk is a
// potential cluster disk when every server sees it (matched by serial number), it is on a bus that
// clustering supports, it is not a server's system disk, it is not online in a clustered role (the
// real product skips those, facts §3.3), and no one holds persistent-reservation keys on it (it may
// belong to another cluster). The others are listed with the reason, and not touched.
import type { ReservationKey } from '@wsfc-lab/protocol';
import type { DiskSeen, GatheredFacts } from './facts.js';
import type { ValidationPlan } from './plan.js';
import type { StorageProbe, TestDisk } from './probe.js';
import { validationLimits } from './limits.js';
import {
  diskArbitrationProbe,
  diskFailoverProbe,
  multipleArbitrationProbe,
  persistentReservationProbe,
  simultaneousFailoverProbe,
  type ProbeContext,
} from './storage-probes.js';

export type DiskExclusion =
  | { type: 'NotSelected' }
  | { type: 'System'; node: string }
  | { type: 'BusType'; busType: DiskSeen['busType'] }
  | { type: 'InUse'; group: string }
  | { type: 'NotOnAllNodes'; missingFrom: string[] }
  | { type: 'Reserved'; keys: ReservationKey[]; readBy: string };

export interface DiskAssessment {
  name: string;
  serialNumber: string;
  sizeBytes: number;
  busType: DiskSeen['busType'];
  seenBy: string[];
  exclusion: DiskExclusion | null;
}

export interface StoragePlan {
  disks: DiskAssessment[];
  /** Potential cluster disks, numbered as the report names them. */
  testDisks: TestDisk[];
  probes: StorageProbe[];
  /** Names given to -Disk that no server sees. */
  unknownDiskNames: string[];
}

const clusterBusTypes: ReadonlySet<DiskSeen['busType']> = new Set(['iSCSI', 'SAS', 'Fibre Channel']);

function sightings(facts: GatheredFacts): Map<string, { disk: DiskSeen; seenBy: { node: string; disk: DiskSeen }[] }> {
  const bySerial = new Map<string, { disk: DiskSeen; seenBy: { node: string; disk: DiskSeen }[] }>();
  for (const inventory of facts.disks) {
    for (const disk of inventory.disks) {
      const entry = bySerial.get(disk.serialNumber);
      if (entry) entry.seenBy.push({ node: inventory.node, disk });
      else if (bySerial.size < validationLimits.disksMax) bySerial.set(disk.serialNumber, { disk, seenBy: [{ node: inventory.node, disk }] });
    }
  }
  return bySerial;
}

function exclusionOf(plan: ValidationPlan, disk: DiskSeen, seenBy: { node: string; disk: DiskSeen }[]): DiskExclusion | null {
  const named = (names: readonly string[]) => names.some((n) => n.toLowerCase() === disk.name.toLowerCase() || n.toLowerCase() === disk.serialNumber.toLowerCase());
  if (plan.diskFilter && !named(plan.diskFilter)) return { type: 'NotSelected' };
  const system = seenBy.find((s) => s.disk.isSystem);
  if (system) return { type: 'System', node: system.node };
  if (!clusterBusTypes.has(disk.busType)) return { type: 'BusType', busType: disk.busType };
  const inUse = plan.disksInUse.find((u) => u.disk.toLowerCase() === disk.name.toLowerCase());
  if (inUse) return { type: 'InUse', group: inUse.group };
  const missingFrom = plan.nodes.filter((n) => !seenBy.some((s) => s.node === n));
  if (missingFrom.length > 0) return { type: 'NotOnAllNodes', missingFrom };
  const reserved = seenBy.find((s) => s.disk.reservationKeys.length > 0);
  if (reserved) return { type: 'Reserved', keys: reserved.disk.reservationKeys, readBy: reserved.node };
  return null;
}

function probesFor(plan: ValidationPlan, context: ProbeContext): StorageProbe[] {
  const selected = new Set(plan.selected.map((t) => t.name));
  if (context.nodes.length < 2 || context.disks.length === 0) return [];
  const probes: StorageProbe[] = [];
  const perDisk = [
    ['Validate SCSI-3 Persistent Reservation', persistentReservationProbe],
    ['Validate Disk Arbitration', diskArbitrationProbe],
    ['Validate Multiple Arbitration', multipleArbitrationProbe],
    ['Validate Disk Failover', diskFailoverProbe],
  ] as const;
  for (const [test, build] of perDisk) if (selected.has(test)) for (const disk of context.disks) probes.push(build(context, disk));
  if (selected.has('Validate Simultaneous Failover')) probes.push(simultaneousFailoverProbe(context));
  return probes;
}

/** `salt` is a random 32-bit value the integration draws (io.random) for this run's keys. */
export function planStorage(o: { plan: ValidationPlan; facts: GatheredFacts; salt: number }): StoragePlan {
  const disks: DiskAssessment[] = [];
  for (const { disk, seenBy } of sightings(o.facts).values()) {
    disks.push({ name: disk.name, serialNumber: disk.serialNumber, sizeBytes: disk.sizeBytes, busType: disk.busType, seenBy: seenBy.map((s) => s.node), exclusion: exclusionOf(o.plan, disk, seenBy) });
  }
  const testDisks = disks.filter((d) => d.exclusion === null).map((d, i) => ({ label: `Test Disk ${i}`, name: d.name, serialNumber: d.serialNumber }));
  const unknownDiskNames = (o.plan.diskFilter ?? []).filter((n) => !disks.some((d) => d.name.toLowerCase() === n.toLowerCase() || d.serialNumber.toLowerCase() === n.toLowerCase()));
  return { disks, testDisks, probes: probesFor(o.plan, { nodes: o.plan.nodes, disks: testDisks, salt: o.salt }), unknownDiskNames };
}
