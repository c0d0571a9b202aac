// The seed-000 lab as validation facts (seed 000: two domain-joined nodes, node01 172.16.1.5 and
// node02 172.16.1.10 on one network 172.16.1.0/24, an iSCSI target on the host with Cluster Disk 1
// and a witness disk), and a helper that runs a whole validation: plan, gather (given), storage
// plan, probes against the harness target, judge.
import { assert } from '@wsfc-lab/protocol';
import type { DiskSeen, GatheredFacts, NodeInventory, ValidationNetwork } from './facts.js';
import { judgeValidation, type ValidationReport } from './judge.js';
import { planValidation, type TestClusterRequest, type ValidationPlan } from './plan.js';
import { planStorage, type StoragePlan } from './storage-plan.js';
import { harnessDisk, runProbes, type HarnessDisk } from './_target-harness.js';

export const gib = 1024 ** 3;
export const labClock = { labEpochMs: Date.UTC(2024, 1, 7, 1, 15, 0, 0), utcOffsetMinutes: 540 };

export const management: ValidationNetwork = { name: 'Management', subnet: '172.16.1.0/24', role: 'ClusterAndClient' };
export const clusterNetwork: ValidationNetwork = { name: 'Cluster', subnet: '10.0.1.0/24', role: 'ClusterOnly' };

export function nodeInventory(node: string, addresses: Record<string, string>, over: Partial<NodeInventory> = {}): NodeInventory {
  return {
    node,
    domain: 'wsfc.local',
    osRelease: 2022,
    installationOption: 'Server with Desktop Experience',
    architecture: 'x64',
    processor: { manufacturer: 'Intel', logicalProcessors: 16, slat: true },
    memoryBytes: 64 * gib,
    hyperVInstalled: true,
    addresses,
    ...over,
  };
}

export const clusterDisk1: DiskSeen = { name: 'Cluster Disk 1', serialNumber: '6001405a1b2c3d4e', sizeBytes: 20 * gib, busType: 'iSCSI', isSystem: false, reservationKeys: [] };
export const witnessDisk: DiskSeen = { name: 'Witness', serialNumber: '6001405f5e6d7c8b', sizeBytes: 1 * gib, busType: 'iSCSI', isSystem: false, reservationKeys: [] };
const systemDisk = (node: string): DiskSeen => ({ name: `${node} system`, serialNumber: `vhd-${node}`, sizeBytes: 127 * gib, busType: 'Virtual', isSystem: true, reservationKeys: [] });

export function seed000Facts(): GatheredFacts {
  const nodes = [nodeInventory('node01', { Management: '172.16.1.5' }), nodeInventory('node02', { Management: '172.16.1.10' })];
  return {
    nodes,
    disks: nodes.map((n) => ({ node: n.node, disks: [systemDisk(n.node), { ...clusterDisk1 }, { ...witnessDisk }] })),
    reachability: reachableEverywhere(nodes, [management]),
  };
}

export function reachableEverywhere(nodes: readonly NodeInventory[], networks: readonly ValidationNetwork[]): GatheredFacts['reachability'] {
  return networks.flatMap((network) => nodes.flatMap((a) => nodes.filter((b) => b !== a).map((b) => ({ network: network.name, from: a.node, to: b.node, reachable: true, roundTripMs: 0.4 }))));
}

export function seed000Request(over: Partial<TestClusterRequest> = {}): TestClusterRequest {
  return { nodes: ['node01', 'node02'], networks: [management], ...over };
}

export interface Validated {
  plan: ValidationPlan;
  storagePlan: StoragePlan;
  disks: HarnessDisk[];
  report: ValidationReport;
}

/** The whole run; `disks` default to one harness disk per shared disk, visible where the facts say. */
export function validate(o: { request?: TestClusterRequest; facts?: GatheredFacts; disks?: (facts: GatheredFacts) => HarnessDisk[] }): Validated {
  const facts = o.facts ?? seed000Facts();
  const planned = planValidation(o.request ?? seed000Request());
  assert(planned.ok, `plan refused: ${planned.ok ? '' : planned.error.message}`);
  const plan = planned.value;
  const storagePlan = planStorage({ plan, facts, salt: 0x5eed0000 });
  const disks = o.disks?.(facts) ?? defaultHarnessDisks(facts);
  const results = runProbes(storagePlan.probes, disks);
  const report = judgeValidation({ plan, facts, storage: { plan: storagePlan, results }, startedAtMs: 0, completedAtMs: 42_000 });
  return { plan, storagePlan, disks, report };
}

export function defaultHarnessDisks(facts: GatheredFacts): HarnessDisk[] {
  const serials = [...new Set(facts.disks.flatMap((inv) => inv.disks.filter((d) => !d.isSystem).map((d) => d.serialNumber)))];
  return serials.map((serial) => harnessDisk(serial, facts.disks.filter((inv) => inv.disks.some((d) => d.serialNumber === serial)).map((inv) => inv.node)));
}

export function outcomeOf(report: ValidationReport, name: string) {
  const outcome = report.tests.find((t) => t.name === name);
  assert(outcome !== undefined, `test "${name}" did not run; ran: ${report.tests.map((t) => t.name).join(', ')}`);
  return outcome;
}

export function detailText(report: ValidationReport, name: string): string {
  return outcomeOf(report, name)
    .details.filter((d) => d.type === 'Text')
    .map((d) => (d.type === 'Text' ? `[${d.severity}] ${d.text}` : ''))
    .join('\n');
}
