import test from 'ava';
import { nodes } from './_fixtures.js';
import type { PlacedResource } from './model.js';
import { checkMoveTarget } from './move-check.js';

const resources: PlacedResource[] = [{ name: 'FS1' }, { name: 'Cluster Disk 2', possibleOwners: ['node01', 'node02'] }];
const move = (target: string, states = {}) =>
  checkMoveTarget({ group: { name: 'FS1', ownerNode: 'node01' }, resources, nodes: nodes(3, states), target });

test('a move to a node that is not a possible owner is refused, naming the role, the node and the resource', (t) => {
  const result = move('node03');
  t.false(result.ok);
  if (result.ok) return;
  t.is(result.error.errorId, 'HostNodeNotGroupOwner');
  t.regex(result.error.message, /clustered role 'FS1' to node 'node03'/);
  t.regex(result.error.message, /not a possible owner of resource 'Cluster Disk 2'/);
});

test('a move to a node that does not exist is refused, naming the node', (t) => {
  const result = move('node09');
  t.deepEqual(result.ok ? undefined : [result.error.category, result.error.message], ['ObjectNotFound', "The cluster node 'node09' was not found."]);
});

test('a move to a Paused or Down node is refused with its state', (t) => {
  for (const State of ['Paused', 'Down'] as const) {
    const result = move('node02', { node02: State });
    t.regex(result.ok ? '' : result.error.message, new RegExp(`node 'node02' is ${State}`));
  }
});

test('a move to a possible owner that is Up is allowed; node names match case-insensitively', (t) => {
  t.deepEqual(move('NODE02'), { ok: true, value: { alreadyOwner: false } });
  t.deepEqual(move('node01'), { ok: true, value: { alreadyOwner: true } });
});
