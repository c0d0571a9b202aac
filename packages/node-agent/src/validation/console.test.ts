import test from 'ava';
import { renderTestClusterConsole } from './console.js';
import { validationTests } from './catalog.js';
import { renderTestList } from './list.js';
import { validationReportPath } from './report-path.js';
import { harnessDisk } from './_target-harness.js';
import { clusterDisk1, defaultHarnessDisks, labClock, validate } from './_fixtures.js';

// The lab epoch is 2024-02-07 01:15 UTC; the console runs in Tokyo (UTC+9), so the report is
// named after 10:15 local time.
test('the report is named after the local start time, under C:\\Windows\\Cluster\\Reports; -ReportName gets .htm added', (t) => {
  t.is(validationReportPath({ clock: labClock, startedAtMs: 22_000 }), 'C:\\Windows\\Cluster\\Reports\\Validation Report 2024.02.07 At 10.15.22.htm');
  t.is(validationReportPath({ clock: labClock, startedAtMs: 0, reportName: 'c:\\cluster-test' }), 'c:\\cluster-test.htm');
});

test('seed 000 prints one warning for the single network path, the result flags, the sentence and the report path', (t) => {
  const { report } = validate({});
  const reportPath = validationReportPath({ clock: labClock, startedAtMs: 22_000 });
  const lines = renderTestClusterConsole({ report, reportPath, reportLengthBytes: 123_456, clock: labClock });
  t.deepEqual(lines.slice(0, 6), [
    'WARNING: Network - Validate Network Communication: The test reported some warnings..',
    'WARNING:',
    'Test Result:',
    'HadUnselectedTests, ClusterConditionallyApproved',
    'Testing has completed for the tests you selected. You should review the warnings in the Report.  A cluster solution is supported by Microsoft only if you run all cluster validation tests, and all tests succeed (with or without warnings).',
    'Test report file path: C:\\Windows\\Cluster\\Reports\\Validation Report 2024.02.07 At 10.15.22.htm',
  ]);
  t.true(lines.includes('    Directory: C:\\Windows\\Cluster\\Reports'));
  t.regex(lines.at(-2)!, /^-a---- +2\/7\/2024 +10:15 AM +123456 Validation Report 2024\.02\.07 At 10\.15\.22\.htm$/);
});

test('a failed run names each failed test and says ClusterNotApproved', (t) => {
  const { report } = validate({ disks: (facts) => defaultHarnessDisks(facts).map((d) => (d.serialNumber === clusterDisk1.serialNumber ? harnessDisk(d.serialNumber, d.visibleFrom, { prSupported: false }) : d)) });
  const lines = renderTestClusterConsole({ report, reportPath: 'c:\\r.htm', reportLengthBytes: 1, clock: labClock });
  t.true(lines.includes('WARNING: Storage - Validate SCSI-3 Persistent Reservation: The test failed..'));
  t.true(lines.includes('HadUnselectedTests, ClusterNotApproved'));
});

test('Test-Cluster -List prints category, name and description, cut to the column with "..."', (t) => {
  const lines = renderTestList();
  t.regex(lines[0]!, /^Category {32}DisplayName {29}Description$/);
  t.true(lines.some((l) => l.startsWith('Storage                                 Validate SCSI-3 Persistent Reservation  ')));
  t.true(lines.some((l) => l.includes('List Information About Servers Runni... ')));
  t.is(lines.length, 2 + validationTests.length);
  t.is(validationTests.length, 66, 'the 66 tests of Test-Cluster -List on Windows Server 2022');
});
