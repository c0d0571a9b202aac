import test from 'ava';
import type { ClusterCmdlet } from './cmdlet-support.js';
import { clusterPropertyChanges, withAssignment } from './cmdlets-properties.js';
import { commonPropertyDefaults } from './identity.js';
import type { ClusterHost, ClusterState } from './types.js';

test('withAssignment: a call with $assignment goes to the setter, any other to the read cmdlet', (t) => {
  const seen: string[] = [];
  const read: ClusterCmdlet = () => void seen.push('read');
  const assign: ClusterCmdlet = () => void seen.push('assign');
  const handler = withAssignment(read, assign);
  const state = {} as ClusterState;
  const host = {} as ClusterHost;
  handler(state, { requestId: 'a', parameters: {} }, host);
  handler(state, { requestId: 'b', parameters: { $assignment: { property: 'SameSubnetThreshold', value: 20 } } }, host);
  handler(state, { requestId: 'c', parameters: { Name: 'File Server' } }, host);
  t.deepEqual(seen, ['read', 'assign', 'read']);
});

test('a cluster property is stored only while it differs from its default, and an unchanged value proposes nothing', (t) => {
  const current = { ...commonPropertyDefaults, CrossSubnetThreshold: 40 };
  t.deepEqual(clusterPropertyChanges(current, 'SameSubnetThreshold', 20), [{ op: 'SetValue', path: 'Cluster/SameSubnetThreshold', value: 20 }]);
  t.deepEqual(clusterPropertyChanges(current, 'CrossSubnetThreshold', commonPropertyDefaults.CrossSubnetThreshold), [{ op: 'DeleteValue', path: 'Cluster/CrossSubnetThreshold' }]);
  t.deepEqual(clusterPropertyChanges(current, 'SameSubnetThreshold', commonPropertyDefaults.SameSubnetThreshold), []);
});
