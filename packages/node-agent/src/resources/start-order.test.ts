import test from 'ava';
import { groupPriority } from './group-properties.js';
import { autoStartOrder, type StartCandidate } from './start-order.js';

const group = (name: string, Priority: number, PersistentState: 0 | 1 = 1, isCoreGroup = false): StartCandidate => ({
  name,
  isCoreGroup,
  properties: { Priority, PersistentState },
});

const groups = [
  group('vm-low', groupPriority.Low),
  group('vm-medium-1', groupPriority.Medium),
  group('vm-manual', groupPriority.NoAutoStart),
  group('vm-high', groupPriority.High),
  group('vm-medium-2', groupPriority.Medium),
  group('Cluster Group', groupPriority.Medium, 1, true),
];

test('groups start by Priority: core groups, then High 3000, Medium 2000 (creation order), Low 1000', (t) => {
  t.deepEqual(autoStartOrder({ groups, cause: 'Failover' }).start, ['Cluster Group', 'vm-high', 'vm-medium-1', 'vm-medium-2', 'vm-low']);
});

test('Priority 0 (No Auto Start) is never started automatically, after a failover or a cluster start', (t) => {
  for (const cause of ['Failover', 'ClusterStart'] as const) {
    const plan = autoStartOrder({ groups, cause });
    t.false(plan.start.includes('vm-manual'));
    t.deepEqual(plan.notStarted.map((n) => n.group), ['vm-manual']);
    t.regex(plan.notStarted[0]?.reason ?? '', /No Auto Start/);
  }
});

test('after a full cluster start a group that was offline (PersistentState 0) stays offline; after a failover it starts', (t) => {
  const withOffline = [...groups, group('vm-was-off', groupPriority.High, 0)];
  t.false(autoStartOrder({ groups: withOffline, cause: 'ClusterStart' }).start.includes('vm-was-off'));
  t.deepEqual(autoStartOrder({ groups: withOffline, cause: 'Failover' }).start.slice(0, 3), ['Cluster Group', 'vm-high', 'vm-was-off']);
});
