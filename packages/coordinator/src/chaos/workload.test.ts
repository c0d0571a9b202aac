// The workload's block format: a numbered block decodes to its number; a block the workload never
// wrote (zeros, or someone else's data) decodes to none, which the lost-writes checker reports.
import test from 'ava';
import { decodeBlock, encodeBlock } from './workload.js';
import { workloadDisks } from './run.js';
import { defaultLab } from '../config/mod.js';

test('a numbered block reads back as its sequence; zeros and foreign data read as none', (t) => {
  const block = encodeBlock({ disk: 'Cluster Disk 2', lba: 2049, sequence: 417 });
  t.is(block.length, 512);
  t.is(decodeBlock(block), 417);
  t.is(decodeBlock(new Uint8Array(512)), null);
  t.is(decodeBlock(new TextEncoder().encode('NTFS    seq=5 '.padEnd(512, '\0'))), null);
});

test('the workload writes the roles’ clustered disks, never a CSV or the disk witness', (t) => {
  const lab = defaultLab();
  const disks = workloadDisks(lab);
  t.true(disks.length > 0);
  const witness = lab.cluster?.witness.type === 'Disk' ? lab.cluster.witness.disk : undefined;
  t.false(disks.includes(witness ?? ''));
  t.true(disks.every((d) => !(lab.cluster?.csv ?? []).includes(d)));
  t.deepEqual(workloadDisks({ ...lab, cluster: { ...lab.cluster!, csv: disks } }), []);
});
