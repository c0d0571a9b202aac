// New-Cluster over a validation report. The real New-Cluster does not read the report: its help
// says validation "must be run" before creating a cluster, Microsoft supports a cluster only when it
// passes all validation tests, and the Create Cluster Wizard warns (its Validation Warning page)
// when validation was skipped (WS:failover-clustering/create-failover-cluster, PS-FC:new-cluster).
// The lab turns that support rule into a gate [lab rule], as issue 5 asks:
// - no report for these servers: the cluster is created, with a warning to run Test-Cluster;
// - failed tests outside Storage: refused unless -Force;
// - failed Storage tests: refused even with -Force, because the cluster could not arbitrate those
//   disks; -NoStorage (the cluster takes no disks) lifts this;
// - otherwise created, and the disks added as eligible storage are those that passed every storage
//   test (all potential disks, when the report has no storage test).
import type { CmdletError } from '@wsfc-lab/protocol';
import { validationErrors } from './errors.js';
import type { ValidationReport } from './judge.js';
import type { TestDisk } from './probe.js';

export interface NewClusterValidation {
  report: ValidationReport;
  reportPath: string;
}

export type NewClusterGate = { ok: true; value: { warnings: string[]; eligibleDisks: TestDisk[] | null } } | { ok: false; error: CmdletError };

function covers(report: ValidationReport, nodes: readonly string[]): boolean {
  return nodes.every((node) => report.nodes.some((n) => n.name.toLowerCase() === node.toLowerCase()));
}

export function checkNewClusterValidation(o: { nodes: readonly string[]; validation: NewClusterValidation | undefined; force: boolean; noStorage: boolean }): NewClusterGate {
  const { validation } = o;
  if (!validation || !covers(validation.report, o.nodes)) {
    const warning = `No validation report covers the servers ${o.nodes.join(', ')}. Microsoft supports a failover cluster only if its configuration passes all validation tests; run Test-Cluster -Node ${o.nodes.join(',')}.`;
    return { ok: true, value: { warnings: [warning], eligibleDisks: o.noStorage ? [] : null } };
  }
  const failed = validation.report.tests.filter((t) => t.result === 'Failed');
  const storageFailed = failed.filter((t) => t.category === 'Storage').map((t) => t.name);
  const otherFailed = failed.filter((t) => t.category !== 'Storage').map((t) => `${t.category} - ${t.name}`);
  if (storageFailed.length > 0 && !o.noStorage) {
    const { testedDisks, eligibleDisks } = validation.report;
    const failedDisks = (testedDisks ?? []).filter((d) => !(eligibleDisks ?? []).some((e) => e.serialNumber === d.serialNumber)).map((d) => d.name);
    return { ok: false, error: validationErrors.newClusterStorageFailed({ reportPath: validation.reportPath, failedTests: storageFailed, failedDisks }) };
  }
  if (otherFailed.length > 0 && !o.force) return { ok: false, error: validationErrors.newClusterValidationFailed({ reportPath: validation.reportPath, failedTests: otherFailed }) };
  const warnings = failed.length > 0 ? [`Creating the cluster although validation reported failures (${[...otherFailed, ...storageFailed].join('; ')}); see '${validation.reportPath}'.`] : [];
  return { ok: true, value: { warnings, eligibleDisks: o.noStorage ? [] : validation.report.eligibleDisks } };
}
