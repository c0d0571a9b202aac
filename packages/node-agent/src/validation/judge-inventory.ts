// Inventory and Hyper-V Configuration tests (facts §15). The List tests report what was found and
// always succeed. Hyper-V needs its role on every node and, from Windows Server 2016, a processor
// with Second Level Address Translation; processors of different manufacturers cannot exchange
// running virtual machines (facts §9), which is a warning.
import { testNames } from './catalog.js';
import { fullNameOf, osReleaseInfo, type NodeInventory } from './facts.js';
import { TestRecorder, type TestOutcome } from './result.js';

const gib = (bytes: number): string => (bytes / 1024 ** 3).toFixed(1);

export function judgeOsInformation(nodes: readonly NodeInventory[]): TestOutcome {
  const rows = nodes.map((n) => [n.node, osReleaseInfo[n.osRelease].caption, osReleaseInfo[n.osRelease].version, n.installationOption]);
  return new TestRecorder(testNames.osInfo).table('Operating system information', ['Node', 'Name', 'Version', 'Installation option'], rows).done();
}

export function judgeSystemInformation(nodes: readonly NodeInventory[]): TestOutcome {
  const rows = nodes.map((n) => [n.node, fullNameOf(n), n.domain ?? '(workgroup)', n.processor.manufacturer, String(n.processor.logicalProcessors), n.architecture]);
  return new TestRecorder(testNames.systemInfo).table('System information', ['Node', 'Full name', 'Domain', 'Processor manufacturer', 'Logical processors', 'Architecture'], rows).done();
}

export function judgeMemoryInformation(nodes: readonly NodeInventory[]): TestOutcome {
  return new TestRecorder(testNames.memory).table('Physical memory', ['Node', 'Total physical memory (GB)'], nodes.map((n) => [n.node, gib(n.memoryBytes)])).done();
}

export function judgeHyperVServers(nodes: readonly NodeInventory[]): TestOutcome {
  const rows = nodes.map((n) => [n.node, n.hyperVInstalled ? 'Installed' : 'Not installed', n.processor.manufacturer, n.processor.slat ? 'Yes' : 'No']);
  return new TestRecorder(testNames.hyperVServers).table('Servers running Hyper-V', ['Node', 'Hyper-V role', 'Processor manufacturer', 'Second Level Address Translation'], rows).done();
}

export function judgeHyperVRole(nodes: readonly NodeInventory[]): TestOutcome {
  const test = new TestRecorder(testNames.hyperVRole);
  for (const node of nodes) {
    if (!node.hyperVInstalled) test.fail(`The Hyper-V role is not installed on ${node.node}. Install it on every node that is to run virtual machines (Install-WindowsFeature Hyper-V).`);
    if (!node.processor.slat && node.osRelease >= 2016) {
      test.fail(`The processor of ${node.node} does not support Second Level Address Translation (SLAT), which Hyper-V on ${osReleaseInfo[node.osRelease].caption} requires.`);
    }
  }
  if (test.resultSoFar() === 'Success') test.info('The Hyper-V role is installed on every server, and every processor supports it.');
  return test.done();
}

export function judgeProcessorManufacturers(nodes: readonly NodeInventory[]): TestOutcome {
  const test = new TestRecorder(testNames.processorManufacturers);
  test.table('Processor manufacturers', ['Node', 'Manufacturer'], nodes.map((n) => [n.node, n.processor.manufacturer]));
  if (new Set(nodes.map((n) => n.processor.manufacturer)).size === 1) return test.info(`All servers have ${nodes[0]!.processor.manufacturer} processors.`).done();
  const listed = nodes.map((n) => `${n.node}: ${n.processor.manufacturer}`).join(', ');
  return test.warn(`The servers have processors of different manufacturers (${listed}). Virtual machines cannot be live-migrated between them; they must be shut down to move to a node of the other manufacturer.`).done();
}
