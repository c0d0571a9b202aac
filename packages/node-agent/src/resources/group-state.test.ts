import test from 'ava';
import { groupStateOf } from './group-state.js';
import { groupStateCodes, resourceStateCodes, type GroupState, type ResourceState } from './states.js';

const cases: [ResourceState[], GroupState][] = [
  [['Online', 'Online'], 'Online'],
  [['Offline', 'Offline'], 'Offline'],
  [[], 'Offline'],
  [['Online', 'Offline'], 'PartialOnline'],
  [['Online', 'OnlinePending'], 'Pending'],
  [['Failed', 'OnlinePending', 'Online'], 'Failed'],
];

for (const [states, expected] of cases) {
  test(`a group whose resources are [${states.join(', ')}] is ${expected}`, (t) => {
    t.is(groupStateOf(states), expected);
  });
}

test('groups and resources number their states differently (Online is 0 for a group, 2 for a resource)', (t) => {
  t.is(groupStateCodes.Online, 0);
  t.is(resourceStateCodes.Online, 2);
  t.is(groupStateCodes.Failed, 2);
  t.is(resourceStateCodes.Failed, 4);
  t.is(resourceStateCodes.OnlinePending, 129);
});
