// "A partition without quorum brings nothing online": the 2-1 partition of a three-node cluster.
// node01, alone, logs 1177; it may retry its regroup and arbitrate the witness, but it must not take
// a disk, start a VM or reserve a disk until it rejoins.
import test from 'ava';
import type { LabEvent } from '@wsfc-lab/protocol';
import { checkNoOnlineWithoutQuorum, noOnlineWithoutQuorumRule } from './no-online-without-quorum.js';
import { historyOf, reserveOut } from './_test-history.js';

const installed = (members: string[], viewNumber = 1): LabEvent => ({ type: 'RegroupViewInstalled', viewNumber, coordinator: members[0] ?? 'node01', members, added: [], removed: [] });
const quorumLost: LabEvent = { type: 'ClusterQuorumLost', node: 'node01', nodeId: 1, votesPresent: 1, votesNeeded: 2, votesTotal: 3, voterIds: [1], detail: '1 of 3 votes in play present (node01); 2 needed: no quorum' };
const won = (node: string, disk: string, purpose: 'Resource' | 'Witness' = 'Resource'): LabEvent => ({ type: 'DiskArbitrationEnded', node, disk, purpose, outcome: 'Won', reason: 'the reservation is held with this node’s key', durationMs: 7000 });
const vmStarted = (node: string): LabEvent => ({ type: 'VmStateChanged', vm: 'vm01', node, State: 'Starting', previous: 'Off', cause: 'ColdBoot' });

const partition: [number, string, LabEvent][] = [
  [0, 'node01', { type: 'ActorStarted', kind: 'node', incarnation: 0 }],
  [0, 'node02', { type: 'ActorStarted', kind: 'node', incarnation: 0 }],
  [1001, 'node01', installed(['node01', 'node02', 'node03'])],
  [1001, 'node02', installed(['node01', 'node02', 'node03'])],
  [2002, 'node01', won('node01', 'Cluster Disk 1')],
  [13000, 'node01', quorumLost],
  [13001, 'node02', installed(['node02', 'node03'], 2)],
  [21002, 'node02', won('node02', 'Cluster Disk 1')],
  [21100, 'node02', vmStarted('node02')],
];

test('the majority takes the disk and starts the VM; the isolated node only retries and arbitrates the witness: fine', (t) => {
  const witness: LabEvent = { type: 'DiskArbitrationStarted', node: 'node01', disk: 'Witness', purpose: 'Witness', members: ['node01'] };
  const history = historyOf([...partition, [18300, 'node01', witness], [18301, 'host', reserveOut({ node: 'node01', disk: 'Witness', serviceAction: 'Preempt', generation: 7, holder: 'node01', removed: ['node02'] })], [18302, 'node01', won('node01', 'Witness', 'Witness')]]);
  t.deepEqual(checkNoOnlineWithoutQuorum(history), []);
});

test('the isolated node winning a disk, starting a VM or reserving at the target after 1177 is a violation each', (t) => {
  const history = historyOf([
    ...partition,
    [20000, 'node01', won('node01', 'Cluster Disk 2')],
    [20100, 'node01', vmStarted('node01')],
    [20200, 'host', reserveOut({ node: 'node01', disk: 'Cluster Disk 3', serviceAction: 'Reserve', generation: 2, holder: 'node01' })],
  ]);
  const violations = checkNoOnlineWithoutQuorum(history);
  t.deepEqual(violations.map((v) => [v.rule, v.atMs, v.evidence?.node, v.evidence?.what]), [
    [noOnlineWithoutQuorumRule, 20000, 'node01', 'disk:cluster disk 2'],
    [noOnlineWithoutQuorumRule, 20100, 'node01', 'vm:vm01'],
    [noOnlineWithoutQuorumRule, 20200, 'node01', 'disk:cluster disk 3'],
  ]);
  t.regex(violations[0]?.detail ?? '', /node01 won the arbitration for "Cluster Disk 2" .* at 20000 ms after it lost quorum at 13000 ms \(1177: 1 of 3 votes/);
  t.like(violations[0]?.evidence, { sinceMs: 13000, eventType: 'DiskArbitrationEnded' });
});

test('after it rejoins (a view with itself in it) the node may bring things online again', (t) => {
  const history = historyOf([...partition, [43002, 'node01', installed(['node01', 'node02', 'node03'], 3)], [44000, 'node01', won('node01', 'Cluster Disk 2')]]);
  t.deepEqual(checkNoOnlineWithoutQuorum(history), []);
});

test('a node whose worker started takes nothing before its first view; a Test-Cluster run before the cluster may reserve', (t) => {
  const early = historyOf([[0, 'node01', { type: 'ActorStarted', kind: 'node', incarnation: 0 }], [500, 'node01', won('node01', 'Cluster Disk 1')]]);
  t.regex(checkNoOnlineWithoutQuorum(early)[0]?.detail ?? '', /since its worker started at 0 ms, before it formed or joined a view/);
  const validation = historyOf([
    [0, 'node01', { type: 'ActorStarted', kind: 'node', incarnation: 0 }],
    [2009, 'node01', { type: 'ValidationStarted', node: 'node01', nodes: ['node01', 'node02'], tests: 20 }],
    [2011, 'host', reserveOut({ node: 'node02', serviceAction: 'Reserve', generation: 1, holder: 'node02' })],
    [2100, 'node01', { type: 'ValidationCompleted', node: 'node01', nodes: ['node01', 'node02'], approval: 'ClusterApproved', hadUnselectedTests: false, failedTests: [], warningTests: [], reportPath: 'C:\\report.htm' }],
  ]);
  t.deepEqual(checkNoOnlineWithoutQuorum(validation), []);
});

test('a killed node ends its span; its restart opens a new one', (t) => {
  const history = historyOf([...partition, [15000, 'lab', { type: 'ActorKilled', actor: 'node01' }], [20000, 'node01', { type: 'ActorStarted', kind: 'node', incarnation: 1 }], [20500, 'node01', vmStarted('node01')]]);
  t.regex(checkNoOnlineWithoutQuorum(history)[0]?.detail ?? '', /node01 started VM 'vm01' \(Off -> Starting, ColdBoot\) at 20500 ms since its worker started at 20000 ms/);
});
