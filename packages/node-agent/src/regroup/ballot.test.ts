// Ballots order rounds: view number, then attempt, then the lower coordinator ID; a new round beats
// everything its coordinator has seen.
import test from 'ava';
import { compareBallots, nextBallot, sameBallot } from './ballot.js';

test('a higher view number wins, then a higher attempt, then the lower coordinator ID', (t) => {
  t.true(compareBallots({ viewNumber: 4, attempt: 1, coordinatorId: 9 }, { viewNumber: 3, attempt: 7, coordinatorId: 1 }) > 0);
  t.true(compareBallots({ viewNumber: 3, attempt: 2, coordinatorId: 9 }, { viewNumber: 3, attempt: 1, coordinatorId: 1 }) > 0);
  t.true(compareBallots({ viewNumber: 3, attempt: 1, coordinatorId: 1 }, { viewNumber: 3, attempt: 1, coordinatorId: 2 }) > 0);
  t.is(compareBallots({ viewNumber: 3, attempt: 1, coordinatorId: 2 }, { viewNumber: 3, attempt: 1, coordinatorId: 2 }), 0);
  t.true(sameBallot({ viewNumber: 3, attempt: 1, coordinatorId: 2 }, { viewNumber: 3, attempt: 1, coordinatorId: 2 }));
  t.false(sameBallot(null, { viewNumber: 3, attempt: 1, coordinatorId: 2 }));
});

test('the next ballot follows the newest view known, and beats every promise seen', (t) => {
  const view = (number: number) => ({ number, coordinator: 'node01', members: [{ name: 'node01', nodeId: 1 }], votes: { DynamicWeight: { node01: 1 as const }, WitnessDynamicWeight: 0 as const }, witnessHeld: false });
  const fresh = { lastView: null, promise: null, accepted: null };
  t.deepEqual(nextBallot({ selfId: 3, persisted: fresh, hints: { viewNumber: 0, promise: null } }), { viewNumber: 1, attempt: 1, coordinatorId: 3 });
  t.deepEqual(nextBallot({ selfId: 3, persisted: { ...fresh, lastView: view(5) }, hints: { viewNumber: 0, promise: null } }), { viewNumber: 6, attempt: 1, coordinatorId: 3 });
  // A refusal told it of view 8: the next round is for view 9.
  t.deepEqual(nextBallot({ selfId: 3, persisted: { ...fresh, lastView: view(5) }, hints: { viewNumber: 8, promise: null } }), { viewNumber: 9, attempt: 1, coordinatorId: 3 });
  // It promised 6.2@1 itself: the next round is 6.3, which beats it.
  const next = nextBallot({ selfId: 3, persisted: { ...fresh, lastView: view(5), promise: { viewNumber: 6, attempt: 2, coordinatorId: 1 } }, hints: { viewNumber: 0, promise: null } });
  t.deepEqual(next, { viewNumber: 6, attempt: 3, coordinatorId: 3 });
  t.true(compareBallots(next, { viewNumber: 6, attempt: 2, coordinatorId: 1 }) > 0);
  // An accepted proposal for view 6 that was never installed: the next round is for view 7.
  const accepted = { ballot: { viewNumber: 6, attempt: 1, coordinatorId: 2 }, view: view(6) };
  t.is(nextBallot({ selfId: 3, persisted: { lastView: view(5), promise: accepted.ballot, accepted }, hints: { viewNumber: 0, promise: null } }).viewNumber, 7);
});
