// Storage tests (facts §3.3, §15): the disks each server sees, which of them can be cluster disks
// and why the others cannot, and the verdict of each storage test from its command sequences.
import type { TestSpec } from './catalog.js';
import { testNames } from './catalog.js';
import { describeResult, describeStep, failureText } from './describe.js';
import type { GatheredFacts } from './facts.js';
import { stageVerdict, type StageResults, type StorageProbe } from './probe.js';
import { TestRecorder, type TestOutcome } from './result.js';
import type { DiskAssessment, StoragePlan } from './storage-plan.js';

const gb = (bytes: number): string => (bytes / 1000 ** 3).toFixed(2);
const noDisks = 'No disks were found on which to perform cluster validation tests. A disk is tested when every server sees it, it is not a system disk, and it is not online in a clustered role.';

export function judgeListDisks(facts: GatheredFacts): TestOutcome {
  const rows = facts.disks.flatMap((inv) => inv.disks.map((d) => [inv.node, d.name, d.serialNumber, gb(d.sizeBytes), d.busType, d.isSystem ? 'Yes' : 'No']));
  return new TestRecorder(testNames.listDisks).table('Disks', ['Node', 'Disk', 'Serial number', 'Size (GB)', 'Bus type', 'System disk'], rows).done();
}

function exclusionText(disk: DiskAssessment): { text: string; warn: boolean } | undefined {
  const x = disk.exclusion;
  const named = `Disk ${disk.name} (serial number ${disk.serialNumber})`;
  switch (x?.type) {
    case undefined:
    case 'NotSelected':
      return undefined;
    case 'System':
      return { text: `${named} is the system disk of ${x.node}; it is not a potential cluster disk.`, warn: false };
    case 'BusType':
      return { text: `${named} is on a ${x.busType} bus, which clustering does not support for shared disks; it is not tested.`, warn: true };
    case 'InUse':
      return { text: `${named} is online in clustered role '${x.group}' and is not tested. To test it, stop the role (Stop-ClusterGroup '${x.group}') and run Test-Cluster again.`, warn: true };
    case 'NotOnAllNodes':
      return {
        text: `${named} is visible from ${disk.seenBy.join(', ')} but not from ${x.missingFrom.join(', ')}; it is not a potential cluster disk and is not tested. Every node must see a cluster disk: check that the iSCSI target allows each node's initiator and that each node is logged in to it.`,
        warn: true,
      };
    case 'Reserved':
      return { text: `${named} has a persistent reservation on it (keys ${x.keys.join(', ')}, read from ${x.readBy}). The disk might be part of another cluster; it is removed from the validation set.`, warn: true };
  }
}

export function judgePotentialDisks(plan: StoragePlan): TestOutcome {
  const test = new TestRecorder(testNames.potentialDisks);
  test.table('Potential cluster disks', ['Test disk', 'Disk', 'Serial number', 'Size (GB)'], plan.testDisks.map((t) => [t.label, t.name, t.serialNumber, gb(plan.disks.find((d) => d.serialNumber === t.serialNumber)!.sizeBytes)]));
  for (const name of plan.unknownDiskNames) test.warn(`Disk '${name}' given with -Disk was not found on any of the servers.`);
  for (const disk of plan.disks) {
    const excluded = exclusionText(disk);
    if (excluded?.warn) test.warn(excluded.text);
    else if (excluded) test.info(excluded.text);
  }
  if (plan.testDisks.length === 0) test.warn(noDisks);
  return test.done();
}

/** Judges one probe's stages; true when none failed. */
function judgeStages(test: TestRecorder, probe: StorageProbe, results: StageResults[] | undefined): boolean {
  let passed = true;
  probe.stages.forEach((stage, i) => {
    if (stage.cleanup) return; // cleanup answers are not judged: any answer will do
    const answers = results?.[i];
    if (answers === null) {
      test.info(`Skipped after the failure above: ${stage.steps.map(describeStep).join('; ')}.`);
      return;
    }
    if (answers === undefined) {
      passed = false;
      test.fail(`${stage.steps.map(describeStep).join('; ')}: the test did not run this step.`);
      return;
    }
    const verdict = stageVerdict(stage, answers);
    if (verdict.ok) {
      stage.steps.forEach((step, j) => test.info(`${describeStep(step)}: ${describeResult(answers[j]!)}.`));
      return;
    }
    passed = false;
    const won = verdict.winners;
    if (won !== undefined && won.length !== 1) {
      test.fail(`${won.length === 0 ? 'No node' : `${won.length} nodes (${won.join(', ')})`} won the reservation of ${probe.disks[0]?.label} when all nodes arbitrated at once; exactly one must win.`);
    } else {
      for (const f of verdict.failures) test.fail(failureText(f.step, f.result));
    }
  });
  return passed;
}

/** One storage test, judged from the probes run for it (`results` aligned with `plan.probes`). */
export function judgeStorageTest(o: { spec: TestSpec; nodes: readonly string[]; plan: StoragePlan; results: readonly StageResults[][] }): TestOutcome {
  const test = new TestRecorder(o.spec.name);
  if (o.nodes.length < 2) return test.warn(`This test needs at least two servers to arbitrate for a disk; only ${o.nodes.join(', ')} was given.`).done();
  if (o.plan.testDisks.length === 0) return test.warn(noDisks).done();
  o.plan.probes.forEach((probe, i) => {
    if (probe.test !== o.spec.name) return;
    if (judgeStages(test, probe, o.results[i])) test.info(`${probe.disks.map((d) => `${d.label} (${d.name})`).join(', ')}: passed.`);
  });
  return test.done();
}
