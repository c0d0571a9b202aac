// The regroup state machine stepped by hand (STYLE 18, unit tier): promises, acceptance and
// installation at one node, with the time moved by hand.
import test from 'ava';
import { quorumConfigFor } from './_harness.js';
import type { RegroupMessage } from './messages.js';
import { initRegroupNode, nodeStatesOf, persistedOf, stepRegroupNode } from './regroup-node.js';
import { regroupDefaults } from './settings.js';
import type { Ballot, RegroupInput, RegroupState, RegroupStepResult, View } from './types.js';

const quorum = quorumConfigFor({ nodeCount: 3 });

function node(self: string, persisted: ReturnType<typeof persistedOf> | null = null): { s: RegroupState; step: (input: RegroupInput) => RegroupStepResult } {
  const box = { s: initRegroupNode({ self, quorum, settings: regroupDefaults }, persisted) };
  return {
    get s() {
      return box.s;
    },
    step(input) {
      const result = stepRegroupNode(box.s, input);
      box.s = result.state;
      return result;
    },
  };
}

const msg = (nowMs: number, from: string, message: RegroupMessage): RegroupInput => ({ type: 'Message', nowMs, from, message });
const ballot = (viewNumber: number, attempt: number, coordinatorId: number): Ballot => ({ viewNumber, attempt, coordinatorId });

function viewOf(number: number, coordinator: string, names: string[]): View {
  const members = names.map((name) => ({ name, nodeId: Number(name.slice(4)) }));
  const DynamicWeight = Object.fromEntries(quorum.nodes.map((n) => [n.name, names.includes(n.name) ? 1 : 0])) as Record<string, 0 | 1>;
  return { number, coordinator, members, votes: { DynamicWeight, WitnessDynamicWeight: 0 }, witnessHeld: false };
}

function reply<T extends RegroupMessage['type']>(result: RegroupStepResult, type: T): Extract<RegroupMessage, { type: T }> | undefined {
  return result.outbox.find((o) => o.message.type === type)?.message as Extract<RegroupMessage, { type: T }> | undefined;
}

test('a node promises only a higher round: the competing lower round cannot close at it', (t) => {
  const n = node('node02');
  n.step({ type: 'ClusterServiceStarted', nowMs: 0 });
  // node03 opens round 1.1@3, then node01 opens 1.1@1, which is higher (the lower leader ID wins a tie).
  t.true(reply(n.step(msg(10, 'node03', { type: 'RegroupOpen', ballot: ballot(1, 1, 3) })), 'RegroupReport')?.promised);
  const second = n.step(msg(20, 'node01', { type: 'RegroupOpen', ballot: ballot(1, 1, 1) }));
  t.true(reply(second, 'RegroupReport')?.promised);
  t.true(second.persist, 'the promise is persisted');
  t.false(reply(n.step(msg(30, 'node03', { type: 'RegroupOpen', ballot: ballot(1, 1, 3) })), 'RegroupReport')?.promised);
  // node03's proposal is refused; node01's is accepted.
  const refused = reply(n.step(msg(40, 'node03', { type: 'RegroupPropose', ballot: ballot(1, 1, 3), view: viewOf(1, 'node03', ['node02', 'node03']) })), 'RegroupAccept');
  t.like(refused, { accepted: false, promise: ballot(1, 1, 1) });
  const accepted = n.step(msg(50, 'node01', { type: 'RegroupPropose', ballot: ballot(1, 1, 1), view: viewOf(1, 'node01', ['node01', 'node02']) }));
  t.like(reply(accepted, 'RegroupAccept'), { accepted: true });
  t.true(accepted.persist);
});

test('a view is installed once, never an older one, and Get-ClusterNode follows it', (t) => {
  const n = node('node02');
  t.deepEqual(nodeStatesOf(n.s), { node01: 'Down', node02: 'Down', node03: 'Down' }, 'service not started');
  n.step({ type: 'ClusterServiceStarted', nowMs: 0 });
  t.deepEqual(nodeStatesOf(n.s), { node01: 'Down', node02: 'Joining', node03: 'Down' });
  const first = n.step(msg(10, 'node01', { type: 'RegroupInstall', view: viewOf(2, 'node01', ['node01', 'node02']) }));
  t.deepEqual(first.decisions.map((d) => d.type), ['ViewInstalled']);
  t.like(reply(first, 'RegroupAck'), { viewNumber: 2 });
  t.deepEqual(nodeStatesOf(n.s), { node01: 'Up', node02: 'Up', node03: 'Down' });
  const again = n.step(msg(20, 'node01', { type: 'RegroupInstall', view: viewOf(2, 'node01', ['node01', 'node02']) }));
  t.deepEqual(again.decisions, [], 'the same view again is only acknowledged');
  t.like(reply(again, 'RegroupAck'), { viewNumber: 2 });
  const older = n.step(msg(30, 'node03', { type: 'RegroupInstall', view: viewOf(1, 'node03', ['node02', 'node03']) }));
  t.deepEqual(older.decisions, []);
  t.is(older.events[0]?.type, 'RegroupMessageIgnored');
  const newer = n.step(msg(40, 'node01', { type: 'RegroupInstall', view: viewOf(3, 'node01', ['node02', 'node03']) }));
  t.deepEqual(newer.decisions.map((d) => d.type), ['ViewInstalled']);
  t.deepEqual(
    newer.events.filter((e) => e.type === 'ClusterNodeRemoved').map((e) => e.type === 'ClusterNodeRemoved' && e.node),
    ['node01'],
    '1135 for the node the new view removed',
  );
});

test('a restarted node keeps its promise: it still refuses the lower round', (t) => {
  const before = node('node03');
  before.step({ type: 'ClusterServiceStarted', nowMs: 0 });
  before.step(msg(10, 'node01', { type: 'RegroupOpen', ballot: ballot(4, 2, 1) }));
  const after = node('node03', persistedOf(before.s));
  after.step({ type: 'ClusterServiceStarted', nowMs: 100 });
  const report = reply(after.step(msg(110, 'node02', { type: 'RegroupOpen', ballot: ballot(4, 1, 2) })), 'RegroupReport');
  t.like(report, { promised: false, promise: ballot(4, 2, 1) });
});

test('a node whose view is newer refuses a round for an older view, and says which view it has', (t) => {
  const n = node('node02');
  n.step({ type: 'ClusterServiceStarted', nowMs: 0 });
  n.step(msg(10, 'node01', { type: 'RegroupInstall', view: viewOf(5, 'node01', ['node01', 'node02']) }));
  const report = reply(n.step(msg(20, 'node03', { type: 'RegroupOpen', ballot: ballot(5, 9, 3) })), 'RegroupReport');
  t.like(report, { promised: false, running: true });
  t.is(report?.view?.number, 5);
});

test('a running node told that a newer view leaves it out stops its cluster service (1006) and is Joining', (t) => {
  const n = node('node03');
  n.step({ type: 'ClusterServiceStarted', nowMs: 0 });
  n.step(msg(10, 'node01', { type: 'RegroupInstall', view: viewOf(2, 'node01', ['node01', 'node02', 'node03']) }));
  const result = n.step(msg(20, 'node01', { type: 'RegroupExcluded', viewNumber: 3, members: ['node01', 'node02'] }));
  t.like(result.decisions[0], { type: 'StopClusterService', reason: 'RemovedFromMembership' });
  t.true(result.events.some((e) => e.type === 'ClusterMembershipHalted'));
  t.is(n.s.role.role, 'Joining');
  t.true(result.timers.some((timer) => timer.timer.type === 'RegroupRetry' && timer.delayMs >= 5000), 'it tries to join again after JoinRetryInterval');
  // An older notice does not stop a node that has moved on.
  const m = node('node03');
  m.step({ type: 'ClusterServiceStarted', nowMs: 0 });
  m.step(msg(10, 'node01', { type: 'RegroupInstall', view: viewOf(4, 'node01', ['node01', 'node03']) }));
  t.deepEqual(m.step(msg(20, 'node02', { type: 'RegroupExcluded', viewNumber: 3, members: ['node01', 'node02'] })).decisions, []);
});

test('a lone node of three cannot form: no quorum, 1653, and it tries again', (t) => {
  const n = node('node01');
  n.step({ type: 'ClusterServiceStarted', nowMs: 0 });
  const retry = n.step({ type: 'Timer', nowMs: 7000, timer: { type: 'RegroupRetry', generation: n.s.retryGeneration } });
  t.true(retry.events.some((e) => e.type === 'ClusterJoinNoConnectivity'));
  t.deepEqual(retry.decisions, [], 'no view, and nothing to stop: it was not running');
  t.is(n.s.role.role, 'Joining');
  t.true(retry.timers.some((timer) => timer.timer.type === 'RegroupRetry'));
});

test('stale timers are ignored', (t) => {
  const n = node('node01');
  n.step({ type: 'ClusterServiceStarted', nowMs: 0 });
  const stale = n.step({ type: 'Timer', nowMs: 7000, timer: { type: 'RegroupRetry', generation: n.s.retryGeneration - 1 } });
  t.deepEqual([stale.outbox, stale.events, stale.decisions], [[], [], []]);
});
