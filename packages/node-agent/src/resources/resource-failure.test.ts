import test from 'ava';
import { minuteMs, nodes, replay } from './_fixtures.js';
import { resourceManagerEventIds } from './events.js';
import { groupDefaults } from './group-properties.js';
import { resourceDefaults } from './resource-properties.js';
import { planResourceFailure, type ResourceFailureInput, type ResourceFailurePlan } from './resource-failure.js';

const resource = { name: 'File Server (\\\\FS1)', resourceType: 'File Server' as const, properties: resourceDefaults };

function input(over: Partial<ResourceFailureInput> & { owner: string; nowMs: number }): ResourceFailureInput {
  return {
    resource,
    group: { name: 'FS1', ownerNode: over.owner, preferredOwners: [], properties: groupDefaults },
    groupResources: [{ name: resource.name }],
    node: over.owner,
    nodes: nodes(3),
    clusterNodeCount: 3,
    failureTimesMs: [],
    failoverTimesMs: [],
    random: replay(0),
    ...over,
  };
}

test('a resource that keeps failing: restarted 3 times, the group fails over, twice, then FailoverThreshold stops it (1254)', (t) => {
  // Three nodes, so FailoverThreshold 0xFFFFFFFF allows nodes − 1 = 2 failovers in 6 h. The
  // resource fails every minute wherever it runs. The actor clears the restart history on a move.
  let owner = 'node01';
  let failureTimesMs: number[] = [];
  let failoverTimesMs: number[] = [];
  const story: string[] = [];
  const eventIds: number[] = [];
  let plan: ResourceFailurePlan | undefined;
  for (let minute = 0; minute < 20 && plan?.kind !== 'Terminal'; minute++) {
    plan = planResourceFailure(input({ owner, nowMs: minute * minuteMs, failureTimesMs, failoverTimesMs }));
    eventIds.push(...plan.events.map((e) => resourceManagerEventIds[e.type]));
    switch (plan.kind) {
      case 'RestartHere':
        failureTimesMs = plan.failureTimesMs;
        story.push(`restart on ${owner}`);
        break;
      case 'FailOver':
        story.push(`fail over ${owner} -> ${plan.target}`);
        owner = plan.target;
        failureTimesMs = [];
        failoverTimesMs = plan.failoverTimesMs;
        break;
      default:
        story.push(plan.kind);
    }
  }
  t.deepEqual(story, [
    'restart on node01', 'restart on node01', 'restart on node01', 'fail over node01 -> node02',
    'restart on node02', 'restart on node02', 'restart on node02', 'fail over node02 -> node03',
    'restart on node03', 'restart on node03', 'restart on node03', 'Terminal',
  ]);
  t.deepEqual(eventIds, [...Array(11).fill(1069), 1069, 1205, 1254]);
  t.true(plan?.kind === 'Terminal' && plan.retryAfterMs === 3_600_000, 'retried after RetryPeriodOnFailure');
});

test('over the restart threshold with no other node able to host the group, it fails over onto the same node', (t) => {
  const plan = planResourceFailure(input({ owner: 'node01', nowMs: 3 * minuteMs, failureTimesMs: [0, minuteMs, 2 * minuteMs], nodes: nodes(3, { node02: 'Down', node03: 'Paused' }) }));
  t.true(plan.kind === 'FailOver' && plan.target === 'node01');
});

test('a failover allowed by the threshold but refused by every node leaves the group Failed with the reason (1205)', (t) => {
  const plan = planResourceFailure(
    input({ owner: 'node01', nowMs: 3 * minuteMs, failureTimesMs: [0, minuteMs, 2 * minuteMs], groupResources: [{ name: resource.name, possibleOwners: ['node09'] }] }),
  );
  t.is(plan.kind, 'NoTarget');
  t.regex(plan.kind === 'NoTarget' ? plan.reason : '', /node01 is not a possible owner of resource 'File Server/);
  t.deepEqual(plan.events.map((e) => resourceManagerEventIds[e.type]), [1069, 1205]);
});

test('RestartAction 1 over the threshold leaves the resource and its group Failed (1069, 1205), without a failover', (t) => {
  const plan = planResourceFailure(
    input({ owner: 'node01', nowMs: 3 * minuteMs, failureTimesMs: [0, minuteMs, 2 * minuteMs], resource: { ...resource, properties: { ...resourceDefaults, RestartAction: 1 } } }),
  );
  t.is(plan.kind, 'StayFailed');
  t.deepEqual(plan.events.map((e) => e.type), ['ResourceFailed', 'GroupFailedOnlineOffline']);
});
