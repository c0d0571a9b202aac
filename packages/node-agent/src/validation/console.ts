// What Test-Cluster prints (facts §15). From real output: one warning per test that reported
// warnings, "WARNING: Network - Validate Network Communication: The test reported some warnings..",
// then one warning with the overall result, its flags ("HadUnselectedTests,
// ClusterConditionallyApproved"), a sentence and the report's path, then the report file as
// PowerShell lists a file. The sentences for the conditionally approved results are the product's;
// the wording for failed tests and for ClusterNotApproved was not found in a source and follows the
// same pattern [inferred]. A run in which every test succeeded prints only the file.
import { wallTimeOf, type WallClock } from '../cluster-log/wall-clock.js';
import type { ValidationReport } from './judge.js';
import type { ValidationStatus } from './result.js';

const supportSentence = 'A cluster solution is supported by Microsoft only if you run all cluster validation tests, and all tests succeed (with or without warnings).';

export function statusFlags(status: ValidationStatus): string {
  return [...(status.hadUnselectedTests ? ['HadUnselectedTests'] : []), status.approval].join(', ');
}

/** The sentence under "Test Result:", as the console and the report's summary say it. */
export function statusSentence(status: ValidationStatus): string {
  switch (status.approval) {
    case 'ClusterNotApproved':
      return `Testing has completed for the tests you selected. One or more tests failed, so the configuration is not suitable for clustering: review the failures in the Report and correct them.  ${supportSentence}`;
    case 'ClusterConditionallyApproved':
      return status.hadUnselectedTests
        ? `Testing has completed for the tests you selected. You should review the warnings in the Report.  ${supportSentence}`
        : 'Testing has completed successfully. The configuration appears to be suitable for clustering. However, you should review the report because it may contain warnings which you should address to attain the highest availability.';
    case 'ClusterApproved':
      return status.hadUnselectedTests ? `Testing has completed for the tests you selected.  ${supportSentence}` : 'Testing has completed successfully. The configuration appears to be suitable for clustering.';
  }
}

/** A US-English date and time as Windows PowerShell shows it: `2/7/2024  10:15 AM` (seconds optional). */
export function usDateTime(clock: WallClock, atMs: number, o: { seconds: boolean } = { seconds: false }): string {
  const t = wallTimeOf(clock, atMs);
  const hour12 = t.hour % 12 === 0 ? 12 : t.hour % 12;
  const seconds = o.seconds ? `:${String(t.second).padStart(2, '0')}` : '';
  return `${t.month}/${t.day}/${t.year} ${String(hour12).padStart(3)}:${String(t.minute).padStart(2, '0')}${seconds} ${t.hour < 12 ? 'AM' : 'PM'}`;
}

/** The report file as `Get-Item` would list it. */
export function fileListing(o: { path: string; lengthBytes: number; clock: WallClock; writtenAtMs: number }): string[] {
  const cut = o.path.lastIndexOf('\\');
  const [directory, name] = cut < 0 ? ['', o.path] : [o.path.slice(0, cut), o.path.slice(cut + 1)];
  return [
    '',
    `    Directory: ${directory}`,
    '',
    '',
    `${'Mode'.padEnd(6)} ${'LastWriteTime'.padStart(20)} ${'Length'.padStart(14)} Name`,
    `${'----'.padEnd(6)} ${'-------------'.padStart(20)} ${'------'.padStart(14)} ----`,
    `${'-a----'.padEnd(6)} ${usDateTime(o.clock, o.writtenAtMs).padStart(20)} ${String(o.lengthBytes).padStart(14)} ${name}`,
    '',
  ];
}

/** Everything Test-Cluster prints for `report`, one string per line. */
export function renderTestClusterConsole(o: { report: ValidationReport; reportPath: string; reportLengthBytes: number; clock: WallClock }): string[] {
  const { report } = o;
  const lines: string[] = [];
  for (const test of report.tests) {
    if (test.result === 'Warning') lines.push(`WARNING: ${test.category} - ${test.name}: The test reported some warnings..`);
    if (test.result === 'Failed') lines.push(`WARNING: ${test.category} - ${test.name}: The test failed..`);
  }
  const status = report.status;
  if (status.hasWarnings || status.hasFailures || status.hadUnselectedTests) {
    lines.push('WARNING:', 'Test Result:', statusFlags(status), statusSentence(status), `Test report file path: ${o.reportPath}`);
  }
  return [...lines, ...fileListing({ path: o.reportPath, lengthBytes: o.reportLengthBytes, clock: o.clock, writtenAtMs: report.completedAtMs })];
}
