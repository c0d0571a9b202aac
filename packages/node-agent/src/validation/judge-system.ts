// System Configuration tests (facts §15): same domain, same OS version (adjacent versions are the
// mixed-OS mode of a rolling upgrade, facts §10: a warning, not a failure), same installation
// option, same architecture.
import { testNames } from './catalog.js';
import { fullNameOf, osReleaseInfo, osReleases, type NodeInventory } from './facts.js';
import { TestRecorder, type TestOutcome } from './result.js';

function describeDomains(nodes: readonly NodeInventory[]): string {
  return nodes.map((n) => `${n.node} (${n.domain ?? 'workgroup'})`).join(', ');
}

export function judgeActiveDirectory(nodes: readonly NodeInventory[]): TestOutcome {
  const test = new TestRecorder(testNames.activeDirectory);
  test.table('Domain membership', ['Node', 'Domain', 'Full name'], nodes.map((n) => [n.node, n.domain ?? '(workgroup)', fullNameOf(n)]));
  const domains = [...new Set(nodes.map((n) => n.domain?.toLowerCase() ?? null))];
  if (domains.length === 1 && domains[0] === null) {
    return test
      .warn('None of the servers is joined to a domain. They can form a workgroup cluster only (Windows Server 2016 and later): the same local administrator account on every node, a primary DNS suffix on each, and New-Cluster -AdministrativeAccessPoint DNS.')
      .done();
  }
  for (const node of nodes.filter((n) => n.domain === null)) {
    test.fail(`The server ${node.node} is not joined to a domain, while ${nodes.find((n) => n.domain !== null)!.node} is a member of ${nodes.find((n) => n.domain !== null)!.domain}. All nodes of a cluster must be members of the same domain.`);
  }
  const joined = nodes.filter((n) => n.domain !== null);
  if (new Set(joined.map((n) => n.domain!.toLowerCase())).size > 1) {
    test.fail(`The servers are members of different domains: ${describeDomains(joined)}. All nodes of a cluster must be members of the same domain.`);
  }
  if (test.resultSoFar() === 'Success') test.info(`All servers are members of the domain ${joined[0]?.domain}.`);
  return test.done();
}

export function judgeOsVersion(nodes: readonly NodeInventory[]): TestOutcome {
  const test = new TestRecorder(testNames.osVersion);
  test.table('Operating system versions', ['Node', 'Operating system', 'Version'], nodes.map((n) => [n.node, osReleaseInfo[n.osRelease].caption, osReleaseInfo[n.osRelease].version]));
  const releases = [...new Set(nodes.map((n) => n.osRelease))].sort((a, b) => a - b);
  if (releases.length === 1) return test.info(`All servers run ${osReleaseInfo[releases[0]!].caption} (${osReleaseInfo[releases[0]!].version}).`).done();
  const listed = nodes.map((n) => `${n.node} runs ${osReleaseInfo[n.osRelease].caption} (${osReleaseInfo[n.osRelease].version})`).join('; ');
  const adjacent = releases.length === 2 && osReleases.indexOf(releases[1]!) - osReleases.indexOf(releases[0]!) === 1;
  if (adjacent) {
    return test
      .warn(`The servers run different versions of Windows Server: ${listed}. A cluster may run two adjacent versions only in mixed-OS mode, while its nodes are upgraded one at a time (cluster OS rolling upgrade); finish the upgrade and run Update-ClusterFunctionalLevel.`)
      .done();
  }
  return test.fail(`The servers run versions of Windows Server that cannot be in one cluster: ${listed}. All nodes must run the same version (or, during a rolling upgrade, two adjacent versions).`).done();
}

export function judgeInstallationOption(nodes: readonly NodeInventory[]): TestOutcome {
  const test = new TestRecorder(testNames.installationOption);
  test.table('Installation options', ['Node', 'Installation option'], nodes.map((n) => [n.node, n.installationOption]));
  const options = new Set(nodes.map((n) => n.installationOption));
  if (options.size === 1) return test.info(`All servers have the installation option ${nodes[0]!.installationOption}.`).done();
  const listed = nodes.map((n) => `${n.node}: ${n.installationOption}`).join(', ');
  return test.warn(`The servers have different installation options (${listed}). A cluster can mix them, but it is easier to manage when all nodes are installed the same way.`).done();
}

export function judgeArchitecture(nodes: readonly NodeInventory[]): TestOutcome {
  const test = new TestRecorder(testNames.architecture);
  test.table('Processor architecture', ['Node', 'Architecture'], nodes.map((n) => [n.node, n.architecture]));
  const architectures = new Set(nodes.map((n) => n.architecture));
  if (architectures.size === 1) return test.info(`All servers have the processor architecture ${nodes[0]!.architecture}.`).done();
  return test.fail(`The servers have different processor architectures: ${nodes.map((n) => `${n.node} ${n.architecture}`).join(', ')}.`).done();
}
