import test from 'ava';
import { checkNewClusterValidation } from './new-cluster-gate.js';
import { harnessDisk } from './_target-harness.js';
import { clusterDisk1, defaultHarnessDisks, seed000Facts, validate } from './_fixtures.js';

const nodes = ['node01', 'node02'];
const reportPath = 'C:\\Windows\\Cluster\\Reports\\Validation Report 2024.02.07 At 10.15.22.htm';

test('a passed (or conditionally passed) validation lets New-Cluster add the disks that passed as eligible storage', (t) => {
  const gate = checkNewClusterValidation({ nodes, validation: { report: validate({}).report, reportPath }, force: false, noStorage: false });
  if (!gate.ok) return t.fail(gate.error.message);
  t.deepEqual(gate.value.eligibleDisks?.map((d) => d.name), ['Cluster Disk 1', 'Witness']);
  t.deepEqual(gate.value.warnings, []);
});

test('without a validation report for these servers the cluster is created, with a warning to run Test-Cluster', (t) => {
  const gate = checkNewClusterValidation({ nodes: ['node01', 'node03'], validation: { report: validate({}).report, reportPath }, force: false, noStorage: false });
  if (!gate.ok) return t.fail(gate.error.message);
  t.regex(gate.value.warnings[0]!, /No validation report covers the servers node01, node03.*Test-Cluster -Node node01,node03/);
  t.is(gate.value.eligibleDisks, null);
});

test('failed tests outside Storage refuse New-Cluster unless -Force', (t) => {
  const facts = seed000Facts();
  facts.nodes[1] = { ...facts.nodes[1]!, domain: 'contoso.local' };
  const validation = { report: validate({ facts }).report, reportPath };
  const refused = checkNewClusterValidation({ nodes, validation, force: false, noStorage: false });
  t.false(refused.ok);
  if (!refused.ok) t.regex(refused.error.message, /has failed tests: System Configuration - Validate Active Directory Configuration.*-Force/);
  const forced = checkNewClusterValidation({ nodes, validation, force: true, noStorage: false });
  t.true(forced.ok && forced.value.warnings.length === 1);
});

test('failed Storage tests refuse New-Cluster even with -Force; -NoStorage creates it without disks', (t) => {
  const report = validate({ disks: (facts) => defaultHarnessDisks(facts).map((d) => (d.serialNumber === clusterDisk1.serialNumber ? harnessDisk(d.serialNumber, d.visibleFrom, { prSupported: false }) : d)) }).report;
  const refused = checkNewClusterValidation({ nodes, validation: { report, reportPath }, force: true, noStorage: false });
  t.false(refused.ok);
  if (!refused.ok) t.regex(refused.error.message, /shared storage failed: .*Validate SCSI-3 Persistent Reservation.*Disks that failed: Cluster Disk 1\..*not created even with -Force/);
  const noStorage = checkNewClusterValidation({ nodes, validation: { report, reportPath }, force: false, noStorage: true });
  if (!noStorage.ok) return t.fail(noStorage.error.message);
  t.deepEqual(noStorage.value.eligibleDisks, []);
});
