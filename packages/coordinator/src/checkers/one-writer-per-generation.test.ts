// "At most one writer per disk per reservation generation", with the CSV exception: on a Cluster
// Shared Volume every registered member writes under the coordinator's WERO reservation.
import test from 'ava';
import type { LabEvent } from '@wsfc-lab/protocol';
import { checkOneWriterPerGeneration, oneWriterPerGenerationRule } from './one-writer-per-generation.js';
import { historyOf, reserveOut, scsiWrite } from './_test-history.js';

const failover: [number, string, LabEvent][] = [
  [2002, 'host', scsiWrite({ node: 'node01', generation: 1 })],
  [2003, 'host', scsiWrite({ node: 'node01', generation: 1, lba: 4096 })],
  [14001, 'host', reserveOut({ node: 'node02', serviceAction: 'Preempt', generation: 3, holder: 'node02', removed: ['node01'] })],
  [14002, 'host', scsiWrite({ node: 'node02', generation: 3, holder: 'node02' })],
  [14003, 'host', scsiWrite({ node: 'node01', generation: 3, holder: 'node02', registered: false, accepted: false })],
];

test('an owner, then after a preemption a new owner, each alone in its generation, is fine', (t) => {
  t.deepEqual(checkOneWriterPerGeneration(historyOf(failover)), []);
});

test('two nodes accepted in one generation of a disk that is not a CSV is a violation naming both writers', (t) => {
  const history = historyOf([...failover, [14004, 'host', scsiWrite({ node: 'node01', generation: 3, holder: 'node02' })]]);
  const violations = checkOneWriterPerGeneration(history);
  t.is(violations.length, 1);
  t.like(violations[0], { rule: oneWriterPerGenerationRule, atMs: 14004, evidence: { disk: 'Cluster Disk 1', generation: 3, targetIncarnation: 0, nodes: ['node02', 'node01'] } });
  t.regex(violations[0]?.detail ?? '', /"Cluster Disk 1" accepted WRITEs from 2 nodes in PRgeneration 3 .*node02 .*node01 .*not a Cluster Shared Volume/);
});

const csvWrites: [number, string, LabEvent][] = [
  [3000, 'host', scsiWrite({ node: 'node01', generation: 3, holder: 'node01' })],
  [3001, 'host', scsiWrite({ node: 'node02', generation: 3, holder: 'node01' })],
  [3002, 'host', scsiWrite({ node: 'node03', generation: 3, holder: 'node01' })],
];

test('a CSV: every registered member writing in one generation under WERO is fine, named by the caller or by a CSV event', (t) => {
  t.deepEqual(checkOneWriterPerGeneration(historyOf(csvWrites), { csvDisks: ['cluster disk 1'] }), []);
  const redirected: LabEvent = { type: 'CsvBlockRedirected', node: 'node02', disk: 'Cluster Disk 1', volume: 'Volume1', coordinator: 'node01', detail: 'path down' };
  t.deepEqual(checkOneWriterPerGeneration(historyOf([...csvWrites, [9000, 'node02', redirected]])), []);
  t.is(checkOneWriterPerGeneration(historyOf(csvWrites)).length, 1, 'the same writes on a disk nobody said is a CSV');
});

test('a CSV still refuses an unregistered writer, or writers under another kind of reservation; its registered members may write while the coordinator moves', (t) => {
  const unregistered = historyOf([...csvWrites.slice(0, 2), [3002, 'host', scsiWrite({ node: 'node03', generation: 3, holder: 'node01', registered: false })]]);
  t.regex(checkOneWriterPerGeneration(unregistered, { csvDisks: ['Cluster Disk 1'] })[0]?.detail ?? '', /node03 wrote without a registered key/);
  const unreservedOutsiders = historyOf([
    [0, 'host', scsiWrite({ node: 'node01', generation: 0, holder: null, reservationType: null, registered: false })],
    [1, 'host', scsiWrite({ node: 'node02', generation: 0, holder: null, reservationType: null, registered: false })],
  ]);
  t.regex(checkOneWriterPerGeneration(unreservedOutsiders, { csvDisks: ['Cluster Disk 1'] })[0]?.detail ?? '', /node01, node02 wrote without a registered key/);
  const exclusive = historyOf([
    [0, 'host', scsiWrite({ node: 'node01', generation: 2, holder: 'node01', reservationType: 'WriteExclusive' })],
    [1, 'host', scsiWrite({ node: 'node02', generation: 2, holder: 'node01', reservationType: 'WriteExclusive' })],
  ]);
  t.regex(checkOneWriterPerGeneration(exclusive, { csvDisks: ['Cluster Disk 1'] })[0]?.detail ?? '', /reservation was WriteExclusive, not WriteExclusiveRegistrantsOnly/);
  const moving = historyOf([
    [0, 'host', scsiWrite({ node: 'node02', generation: 4, holder: null, reservationType: null })],
    [1, 'host', scsiWrite({ node: 'node03', generation: 4, holder: null, reservationType: null })],
  ]);
  t.deepEqual(checkOneWriterPerGeneration(moving, { csvDisks: ['Cluster Disk 1'] }), []);
});

test('the same PRgeneration after a target restart is another generation', (t) => {
  const history = historyOf([
    [0, 'host', scsiWrite({ node: 'node01', generation: 1 })],
    [9000, 'host', scsiWrite({ node: 'node02', generation: 1, targetIncarnation: 1 })],
  ]);
  t.deepEqual(checkOneWriterPerGeneration(history), []);
});
