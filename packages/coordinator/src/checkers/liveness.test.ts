// "After healing, every role that can run is online within the bound", and the reason when not.
import test from 'ava';
import type { LabEvent } from '@wsfc-lab/protocol';
import { checkLiveness, livenessRule, type FinalGroup, type LivenessInput } from './liveness.js';
import { historyOf, keyOf, reserveOut } from './_test-history.js';

const group = (Name: string, State: string, OwnerNode: string, more: Partial<FinalGroup> = {}): FinalGroup => ({ Name, State, OwnerNode, ...more });
const nodes = [{ Name: 'node01', State: 'Down' }, { Name: 'node02', State: 'Up' }, { Name: 'node03', State: 'Up' }];
const input = (groups: FinalGroup[], more: Partial<LivenessInput> = {}): LivenessInput => ({ healAtMs: 60_000, boundMs: 30_000, groups, nodes, ...more });

test('every role Online is fine; Available Storage, a stopped role and a No Auto Start role need not be', (t) => {
  const groups = [
    group('Cluster Group', 'Online', 'node02'),
    group('vm07', 'Online', 'node03'),
    group('Available Storage', 'Offline', 'node02', { GroupType: 'AvailableStorage' }),
    group('stopped', 'Offline', 'node02', { PersistentState: 0 }),
    group('vm09', 'Offline', 'node02', { Priority: 0 }),
    group('lab-exempt', 'Offline', 'node02'),
  ];
  t.deepEqual(checkLiveness([], input(groups, { exempt: ['LAB-EXEMPT'] })), []);
});

test('a Failed VM role says so, with its failed resource and its VM, at the bound', (t) => {
  const history = historyOf([
    [70_000, 'node03', { type: 'ResourceFailed', resource: 'Virtual Machine vm07', group: 'vm07', resourceType: 'Virtual Machine', node: 'node03' }],
    [70_001, 'node03', { type: 'VmStateChanged', vm: 'vm07', node: 'node03', State: 'Off', previous: 'Starting', cause: 'HostStopped' }],
  ]);
  const violations = checkLiveness(history, input([group('vm07', 'Failed', 'node03')]));
  t.is(violations.length, 1);
  t.like(violations[0], { rule: livenessRule, atMs: 90_000, evidence: { group: 'vm07', State: 'Failed', OwnerNode: 'node03', healAtMs: 60_000, boundMs: 30_000 } });
  t.regex(violations[0]?.detail ?? '', /^role vm07 Failed on node03 30000 ms after the heal at 60000 ms: /);
  t.regex(violations[0]?.detail ?? '', /resource 'Virtual Machine vm07' \(Virtual Machine\) failed on node03 at 70000 ms \(1069\)/);
  t.regex(violations[0]?.detail ?? '', /VM 'vm07' went Off on node03 at 70001 ms \(HostStopped\)/);
});

test('a role its own failover policy left Failed (1254: past FailoverThreshold) is not expected back within the bound', (t) => {
  const history = historyOf([
    [70_000, 'node03', { type: 'ResourceFailed', resource: 'Virtual Machine vm07', group: 'vm07', resourceType: 'Virtual Machine', node: 'node03' }],
    [70_002, 'node03', { type: 'GroupTerminalFailure', group: 'vm07', node: 'node03', failoverThreshold: 1, failoverPeriodHours: 6 }],
  ]);
  t.deepEqual(checkLiveness(history, input([group('vm07', 'Failed', 'node03')])), []);
  t.is(checkLiveness(history, input([group('vm07', 'Failed', 'node03'), group('vm08', 'Failed', 'node03')])).length, 1, 'another failed role is still a violation');
});

test('a role whose disk is still reserved by a dead node\'s key says so, and that its owner is Down', (t) => {
  const history = historyOf([
    [2000, 'host', reserveOut({ node: 'node01', disk: 'Cluster Disk 2', serviceAction: 'Reserve', generation: 1, holder: 'node01' })],
    [4081, 'lab', { type: 'ActorKilled', actor: 'node01' } satisfies LabEvent],
  ]);
  const resources = [{ Name: 'Cluster Disk 2', OwnerGroup: 'File Server', ResourceType: 'Physical Disk', State: 'Offline' }];
  const violations = checkLiveness(history, input([group('File Server', 'Offline', 'node01')], { resources }));
  const reasons = violations[0]?.evidence?.reasons as string[];
  t.true(reasons.includes('its owner node node01 is Down'));
  t.true(reasons.includes("resource 'Cluster Disk 2' (Physical Disk) is Offline"));
  t.true(reasons.includes(`"Cluster Disk 2" reserved by a dead node's key (${keyOf(1)}, node01: its worker was killed at 4081 ms and not started again)`));
});

test('a role the history says nothing about still fails, and says so', (t) => {
  t.regex(checkLiveness([], input([group('vm08', 'Offline', 'node02')]))[0]?.detail ?? '', /role vm08 Offline on node02 .*: the history does not say why/);
});

test('a VM role still Unmonitored on an isolated owner at the bound is not back, though its last word was Online', (t) => {
  const violations = checkLiveness([], input([group('vm07', 'Online', 'node01', { StatusInformation: 'Unmonitored' }), group('vm08', 'Online', 'node02', { StatusInformation: 'Normal' })]));
  t.is(violations.length, 1);
  t.regex(violations[0]?.detail ?? '', /^role vm07 Unmonitored on node01 30000 ms after the heal/);
});
