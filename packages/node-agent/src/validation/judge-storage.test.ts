import test from 'ava';
import { harnessDisk } from './_target-harness.js';
import { clusterDisk1, defaultHarnessDisks, detailText, outcomeOf, seed000Facts, validate, witnessDisk } from './_fixtures.js';

const storageTests = ['Validate SCSI-3 Persistent Reservation', 'Validate Disk Arbitration', 'Validate Multiple Arbitration', 'Validate Disk Failover', 'Validate Simultaneous Failover'];

test('seed 000: every storage test passes on both disks, and the probes leave no key or reservation behind', (t) => {
  const { report, disks } = validate({});
  for (const name of storageTests) t.is(outcomeOf(report, name).result, 'Success', name);
  t.regex(detailText(report, 'Validate SCSI-3 Persistent Reservation'), /Writing block 40 of Test Disk 0 \(Cluster Disk 1\) from node node02: RESERVATION CONFLICT/);
  for (const disk of disks) {
    t.deepEqual(disk.state.registrations, [], disk.serialNumber);
    t.is(disk.state.reservation, null);
  }
});

test('a disk not visible from every node: List Potential Cluster Disks warns, naming the node; the disk is not tested nor eligible', (t) => {
  const facts = seed000Facts();
  facts.disks[1]!.disks = facts.disks[1]!.disks.filter((d) => d.serialNumber !== witnessDisk.serialNumber);
  const { report } = validate({ facts });
  t.is(outcomeOf(report, 'List Potential Cluster Disks').result, 'Warning');
  t.regex(detailText(report, 'List Potential Cluster Disks'), /\[Warning\] Disk Witness \(serial number 6001405f5e6d7c8b\) is visible from node01 but not from node02; it is not a potential cluster disk/);
  t.deepEqual(report.eligibleDisks?.map((d) => d.name), ['Cluster Disk 1']);
  t.is(outcomeOf(report, 'Validate SCSI-3 Persistent Reservation').result, 'Success');
});

test('a disk without SCSI-3 PR support fails the PR test with the real failure text, and only that disk is ineligible', (t) => {
  const { report } = validate({ disks: (facts) => defaultHarnessDisks(facts).map((d) => (d.serialNumber === clusterDisk1.serialNumber ? harnessDisk(d.serialNumber, d.visibleFrom, { prSupported: false }) : d)) });
  t.is(outcomeOf(report, 'Validate SCSI-3 Persistent Reservation').result, 'Failed');
  t.regex(detailText(report, 'Validate SCSI-3 Persistent Reservation'), /\[Failed\] Test Disk 0 \(Cluster Disk 1\) does not support SCSI-3 Persistent Reservations: Issuing Persistent Reservation REGISTER AND IGNORE EXISTING KEY .* from node node01 was refused with CHECK CONDITION \(INVALID COMMAND OPERATION CODE\)/);
  t.regex(detailText(report, 'Validate SCSI-3 Persistent Reservation'), /Test Disk 1 \(Witness\): passed/);
  for (const name of ['Validate Disk Arbitration', 'Validate Multiple Arbitration', 'Validate Disk Failover', 'Validate Simultaneous Failover']) t.is(outcomeOf(report, name).result, 'Failed', name);
  t.deepEqual(report.eligibleDisks?.map((d) => d.name), ['Witness']);
  t.is(report.status.approval, 'ClusterNotApproved');
});

test('a disk that does not fence: the other node\'s write succeeds, and the PR and failover tests say so', (t) => {
  const { report } = validate({ disks: (facts) => defaultHarnessDisks(facts).map((d) => (d.serialNumber === witnessDisk.serialNumber ? harnessDisk(d.serialNumber, d.visibleFrom, { fencing: false }) : d)) });
  t.regex(
    detailText(report, 'Validate SCSI-3 Persistent Reservation'),
    /\[Failed\] Node node02 successfully wrote to Test Disk 1 \(Witness\) while node node01 holds a Write Exclusive – Registrants Only reservation on it\. This write is expected to fail/,
  );
  t.regex(detailText(report, 'Validate Disk Failover'), /\[Failed\] Node node01 successfully wrote to Test Disk 1 \(Witness\) while node node02 holds/);
  t.is(outcomeOf(report, 'Validate Disk Arbitration').result, 'Success');
});

test('a disk online in a clustered role is skipped with a warning telling how to test it', (t) => {
  const { report } = validate({ request: { nodes: ['node01', 'node02'], networks: [{ name: 'Management', subnet: '172.16.1.0/24', role: 'ClusterAndClient' }], disksInUse: [{ disk: 'Cluster Disk 1', group: 'File Server' }] } });
  t.regex(detailText(report, 'List Potential Cluster Disks'), /is online in clustered role 'File Server' and is not tested\. To test it, stop the role \(Stop-ClusterGroup 'File Server'\)/);
  t.deepEqual(report.eligibleDisks?.map((d) => d.name), ['Witness']);
});

test('with one server the arbitration tests cannot run and warn; with no shared disk every storage test warns', (t) => {
  const single = validate({ request: { nodes: ['node01'], networks: [{ name: 'Management', subnet: '172.16.1.0/24', role: 'ClusterAndClient' }] } }).report;
  t.regex(detailText(single, 'Validate Disk Arbitration'), /needs at least two servers/);
  const facts = seed000Facts();
  facts.disks = facts.disks.map((inv) => ({ ...inv, disks: inv.disks.filter((d) => d.isSystem) }));
  const none = validate({ facts }).report;
  for (const name of storageTests) t.regex(detailText(none, name), /No disks were found on which to perform cluster validation tests/);
});
