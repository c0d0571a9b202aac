// The disk witness: the regroup's ArbitrateWitness answered through the target, with the tag kept
// in the witness LUN's own block and the regroup's grant rule applied to it.
import test from 'ava';
import { ArbitrationWorld, clusterName, witnessDisk, witnessTagLba } from './_harness.js';
import { clusterTagOf, reservationKeyOf } from './keys.js';
import { decodeArbitrationTag } from './tag-block.js';
import { arbitrationDefaults } from './timing.js';

const keyOf = (nodeId: number) => reservationKeyOf({ clusterTag: clusterTagOf(clusterName), nodeId });
const iqnOf = (node: string) => `iqn.1991-05.com.microsoft:${node}.wsfc.local`;

function tagAt(world: ArbitrationWorld) {
  const decoded = decodeArbitrationTag(world.targetBlocks.read(witnessDisk, witnessTagLba, 1));
  if (!decoded.ok) throw new Error(decoded.why);
  return decoded.tag;
}

function answers(world: ArbitrationWorld, node: string): boolean[] {
  return world.outcomesOf(node, 'WitnessArbitrated').map((o) => o.won);
}

/** `leader` wins view `viewNumber` for `members` and installs it. */
function grant(world: ArbitrationWorld, o: { leader: string; arbitrationId: number; viewNumber: number; previousViewNumber: number; members: string[] }): void {
  world.witness(o.leader, o);
  world.runUntil(world.nowMs + 20_000, () => world.outcomesOf(o.leader, 'WitnessArbitrated').some((a) => a.arbitrationId === o.arbitrationId));
  world.input(o.leader, { type: 'MembershipChanged', members: world.members(o.members) });
  world.advance(100);
}

test('seed 000, two nodes cut apart, each alone arbitrates a free witness at once: exactly one wins', (t) => {
  for (const seed of [1, 2, 3, 4, 5]) {
    const world = new ArbitrationWorld({ seed, nodes: ['node01', 'node02'], latencyMsMin: 0.1, latencyMsMax: 2 });
    world.witness('node01', { arbitrationId: 1, viewNumber: 2, previousViewNumber: 1, members: ['node01'] });
    world.witness('node02', { arbitrationId: 1, viewNumber: 2, previousViewNumber: 1, members: ['node02'] });
    world.runUntil(20_000, () => answers(world, 'node01').length + answers(world, 'node02').length === 2);
    const results = [...answers(world, 'node01'), ...answers(world, 'node02')];
    t.is(results.filter(Boolean).length, 1, `seed ${seed}: ${results.join(', ')}`);
    const winner = answers(world, 'node01')[0] ? 'node01' : 'node02';
    world.input(winner, { type: 'MembershipChanged', members: world.members([winner]) });
    world.advance(20_000);
    t.is(world.holderAt(witnessDisk), iqnOf(winner), `seed ${seed}: the winner holds the witness`);
    t.like(tagAt(world), { viewNumber: 2, coordinator: winner, previousViewNumber: 1 });
    t.deepEqual(world.checkWitnessSafety(), []);
  }
});

test('seed 000 with node01 holding the witness: node01 keeps it (it fences or outlasts the challenger), node02 backs off', (t) => {
  const world = new ArbitrationWorld({ seed: 7, nodes: ['node01', 'node02'] });
  grant(world, { leader: 'node01', arbitrationId: 1, viewNumber: 1, previousViewNumber: 0, members: ['node01', 'node02'] });
  const startMs = world.nowMs;
  world.witness('node01', { arbitrationId: 2, viewNumber: 2, previousViewNumber: 1, members: ['node01'] });
  world.witness('node02', { arbitrationId: 1, viewNumber: 2, previousViewNumber: 1, members: ['node02'] });
  // node01 holds the witness: its answer comes at once, and it installs view 2 without node02.
  world.runUntil(startMs + 1000, () => answers(world, 'node01').length === 2);
  world.input('node01', { type: 'MembershipChanged', members: world.members(['node01']) });
  world.runUntil(startMs + 20_000, () => answers(world, 'node02').length === 1);
  world.advance(100);
  t.deepEqual(answers(world, 'node01'), [true, true]);
  t.deepEqual(answers(world, 'node02'), [false]);
  // node01's check after its view change fences node02's fresh registration, or node01 restores its key during node02's wait.
  t.regex(world.eventsOf('DiskArbitrationEnded', 'node02')[0]?.reason ?? '', /restored its key during the wait|PREEMPT failed|preempted during the wait/);
  t.is(world.holderAt(witnessDisk), iqnOf('node01'));
  t.deepEqual(world.keysAt(witnessDisk), [keyOf(1)]);
  t.deepEqual(world.checkWitnessSafety(), []);
});

test('the tag refuses a set with an older view, even with the holder dead; a set that knows the view gets it', (t) => {
  const world = new ArbitrationWorld({ seed: 3 });
  grant(world, { leader: 'node01', arbitrationId: 1, viewNumber: 5, previousViewNumber: 4, members: ['node01', 'node03'] });
  world.kill('node01');
  world.witness('node02', { arbitrationId: 1, viewNumber: 5, previousViewNumber: 3, members: ['node02'] });
  world.advance(arbitrationDefaults.challengerWaitMs + 500);
  t.deepEqual(answers(world, 'node02'), [false]);
  t.regex(world.eventsOf('DiskArbitrationEnded', 'node02')[0]?.reason ?? '', /last granted view 5 \(leader node01, after view 4\); a set that knows only view 3/);
  t.like(tagAt(world), { viewNumber: 5, coordinator: 'node01' }, 'the tag is unchanged');
  t.false(world.keysAt(witnessDisk).includes(keyOf(2)), 'the refused node gave the witness up');
  t.is(world.holderAt(witnessDisk), null);
  world.witness('node03', { arbitrationId: 1, viewNumber: 6, previousViewNumber: 5, members: ['node02', 'node03'] });
  world.advance(100);
  t.deepEqual(answers(world, 'node03'), [true], 'a free witness is taken at once');
  t.like(tagAt(world), { viewNumber: 6, coordinator: 'node03', previousViewNumber: 5 });
});

test('a node restarted with a stale view cannot take the witness from a running holder', (t) => {
  const world = new ArbitrationWorld({ seed: 4 });
  grant(world, { leader: 'node01', arbitrationId: 1, viewNumber: 5, previousViewNumber: 4, members: ['node01', 'node03'] });
  world.restart('node02');
  world.advance(1000);
  world.witness('node02', { arbitrationId: 1, viewNumber: 4, previousViewNumber: 3, members: ['node02'] });
  world.advance(arbitrationDefaults.challengerWaitMs + 500);
  t.deepEqual(answers(world, 'node02'), [false]);
  t.deepEqual(world.eventsOf('DiskReservationDefended', 'node01').map((e) => e.preemptor), ['node02']);
  t.like(world.eventsOf('DiskArbitrationEnded', 'node02')[0], { outcome: 'Lost' });
  t.is(world.holderAt(witnessDisk), iqnOf('node01'));
  t.like(tagAt(world), { viewNumber: 5, coordinator: 'node01', previousViewNumber: 4 });
  t.is(world.role('node01', witnessDisk), 'Online');
});

test('a set that holds the witness through a member: the leader writes the tag as a registrant and leaves the reservation alone', (t) => {
  const world = new ArbitrationWorld({ seed: 5 });
  grant(world, { leader: 'node03', arbitrationId: 1, viewNumber: 5, previousViewNumber: 4, members: all3() });
  world.witness('node01', { arbitrationId: 1, viewNumber: 6, previousViewNumber: 5, members: ['node01', 'node03'] });
  world.advance(100);
  t.deepEqual(answers(world, 'node01'), [true]);
  t.like(tagAt(world), { viewNumber: 6, coordinator: 'node01', previousViewNumber: 5 });
  t.is(world.holderAt(witnessDisk), iqnOf('node03'));
  t.deepEqual(world.keysAt(witnessDisk), [keyOf(3)], 'node01 unregistered again');
  t.is(world.role('node03', witnessDisk), 'Online');
});

test('an unreachable witness: the answer is "lost" within QuorumArbitrationTimeMax', (t) => {
  const world = new ArbitrationWorld({ seed: 6 });
  world.pathsDown.add('node02');
  const startMs = world.nowMs;
  world.witness('node02', { arbitrationId: 9, viewNumber: 2, previousViewNumber: 1, members: ['node02'], timeoutMs: 20_000 });
  world.runUntil(startMs + 60_000, () => answers(world, 'node02').length > 0);
  t.deepEqual(answers(world, 'node02'), [false]);
  t.true(world.nowMs - startMs < 20_000, `answered after ${world.nowMs - startMs} ms`);
});

function all3(): string[] {
  return ['node01', 'node02', 'node03'];
}
