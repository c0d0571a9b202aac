// The second half of Test-Cluster: from the gathered facts and the storage tests' answers, each
// test's result and the report. One judge function per test, in a table keyed by the test's real
// name; the tests run in catalog order. Hyper-V tests run when a server has the Hyper-V role or
// when they were asked for by name (validating Hyper-V); otherwise they are not applicable.
import { assert } from '@wsfc-lab/protocol';
import { categoryOrder, type ModelledTestName, type TestSpec } from './catalog.js';
import { fullNameOf, type GatheredFacts, type NodeInventory } from './facts.js';
import { judgeHyperVRole, judgeHyperVServers, judgeMemoryInformation, judgeOsInformation, judgeProcessorManufacturers, judgeSystemInformation } from './judge-inventory.js';
import { judgeClusterNetworks, judgeIpConfiguration, judgeNetworkCommunication } from './judge-network.js';
import { judgeListDisks, judgePotentialDisks, judgeStorageTest } from './judge-storage.js';
import { judgeActiveDirectory, judgeArchitecture, judgeInstallationOption, judgeOsVersion } from './judge-system.js';
import type { NotRunReason, ValidationPlan } from './plan.js';
import { stageVerdict, type StageResults, type TestDisk } from './probe.js';
import { categorySummaries, statusOf, type CategorySummary, type TestOutcome, type ValidationStatus } from './result.js';
import type { StoragePlan } from './storage-plan.js';

export interface JudgeInput {
  plan: ValidationPlan;
  facts: GatheredFacts;
  /** Required when a Storage test is selected: the storage plan and its probes' answers. */
  storage?: { plan: StoragePlan; results: StageResults[][] };
  startedAtMs: number;
  completedAtMs: number;
}

export interface ValidationReport {
  nodes: { name: string; fullName: string }[];
  startedAtMs: number;
  completedAtMs: number;
  tests: TestOutcome[];
  categories: CategorySummary[];
  notRun: { name: string; category: string; reason: NotRunReason }[];
  status: ValidationStatus;
  /** Potential cluster disks the storage tests ran on; null when no storage test ran. */
  testedDisks: TestDisk[] | null;
  /** Those of them that passed every storage test run on them; null when no storage test ran. */
  eligibleDisks: TestDisk[] | null;
}

interface JudgeContext {
  spec: TestSpec;
  plan: ValidationPlan;
  nodes: NodeInventory[];
  facts: GatheredFacts;
  storage: { plan: StoragePlan; results: StageResults[][] };
}

type Judge = (c: JudgeContext) => TestOutcome;
const storageTest: Judge = (c) => judgeStorageTest({ spec: c.spec, nodes: c.plan.nodes, plan: c.storage.plan, results: c.storage.results });

const judges = {
  'List Information About Servers Running Hyper-V': (c) => judgeHyperVServers(c.nodes),
  'Validate Hyper-V Role Installed': (c) => judgeHyperVRole(c.nodes),
  'Validate Matching Processor Manufacturers': (c) => judgeProcessorManufacturers(c.nodes),
  'List Memory Information': (c) => judgeMemoryInformation(c.nodes),
  'List Operating System Information': (c) => judgeOsInformation(c.nodes),
  'List System Information': (c) => judgeSystemInformation(c.nodes),
  'Validate Cluster Network Configuration': (c) => judgeClusterNetworks(c.plan.networks, c.nodes),
  'Validate IP Configuration': (c) => judgeIpConfiguration(c.plan.networks, c.nodes),
  'Validate Network Communication': (c) => judgeNetworkCommunication(c.plan.networks, c.nodes, c.facts.reachability),
  'List Disks': (c) => judgeListDisks(c.facts),
  'List Potential Cluster Disks': (c) => judgePotentialDisks(c.storage.plan),
  'Validate Disk Arbitration': storageTest,
  'Validate Disk Failover': storageTest,
  'Validate Multiple Arbitration': storageTest,
  'Validate SCSI-3 Persistent Reservation': storageTest,
  'Validate Simultaneous Failover': storageTest,
  'Validate Active Directory Configuration': (c) => judgeActiveDirectory(c.nodes),
  'Validate Operating System Installation Option': (c) => judgeInstallationOption(c.nodes),
  'Validate Operating System Version': (c) => judgeOsVersion(c.nodes),
  'Validate Same Processor Architecture': (c) => judgeArchitecture(c.nodes),
} satisfies Record<ModelledTestName, Judge>;

const emptyStoragePlan: StoragePlan = { disks: [], testDisks: [], probes: [], unknownDiskNames: [] };

function inventoriesOf(plan: ValidationPlan, facts: GatheredFacts): NodeInventory[] {
  return plan.nodes.map((node) => {
    const inventory = facts.nodes.find((n) => n.node.toLowerCase() === node.toLowerCase());
    assert(inventory !== undefined, `Test-Cluster: no inventory was gathered for ${node}; the integration must refuse the run (unableToConnect) before judging`);
    return inventory;
  });
}

/** Disks none of whose steps failed, among those the storage tests ran on (a step names its disk). */
function disksOf(storage: JudgeContext['storage'], ran: boolean): { testedDisks: TestDisk[] | null; eligibleDisks: TestDisk[] | null } {
  if (!ran) return { testedDisks: null, eligibleDisks: null };
  const failed = new Set<string>();
  storage.plan.probes.forEach((probe, p) =>
    probe.stages.forEach((stage, s) => {
      const answers = storage.results[p]?.[s];
      if (stage.cleanup || answers === null) return;
      if (answers === undefined) for (const step of stage.steps) failed.add(step.disk.serialNumber);
      else {
        const verdict = stageVerdict(stage, answers);
        if (!verdict.ok) for (const f of verdict.failures) failed.add(f.step.disk.serialNumber);
      }
    }),
  );
  return { testedDisks: storage.plan.testDisks, eligibleDisks: storage.plan.testDisks.filter((d) => !failed.has(d.serialNumber)) };
}

export function judgeValidation(input: JudgeInput): ValidationReport {
  const { plan, facts } = input;
  const nodes = inventoriesOf(plan, facts);
  const hyperVApplies = plan.hyperVRequested || nodes.some((n) => n.hyperVInstalled);
  const runs = plan.selected.filter((t) => t.category !== 'Hyper-V Configuration' || hyperVApplies);
  const notRun = [
    ...plan.notRun.map((n) => ({ name: n.spec.name, category: n.spec.category, reason: n.reason })),
    ...plan.selected.filter((t) => !runs.includes(t)).map((t) => ({ name: t.name, category: t.category, reason: 'NotApplicable' as const })),
  ];
  const storageRan = runs.some((t) => t.category === 'Storage');
  assert(!storageRan || input.storage !== undefined, 'Test-Cluster: Storage tests are selected but no storage plan and results were given');
  const storage = input.storage ?? { plan: emptyStoragePlan, results: [] };
  const tests = runs.map((spec) => judges[spec.name as ModelledTestName]({ spec, plan, nodes, facts, storage }));
  return {
    nodes: nodes.map((n) => ({ name: n.node, fullName: fullNameOf(n) })),
    startedAtMs: input.startedAtMs,
    completedAtMs: input.completedAtMs,
    tests,
    categories: categorySummaries(tests, categoryOrder),
    notRun,
    status: statusOf(tests, notRun.length),
    ...disksOf(storage, storageRan && runs.some((t) => t.name !== 'List Disks' && t.category === 'Storage')),
  };
}
