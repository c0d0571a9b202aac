import test from 'ava';
import {
  buildDependencyGraph,
  checkAddDependency,
  dependentsToTakeOffline,
  formatDependencyExpression,
  offlineOrder,
  unmetDependencies,
  type DependencyGraph,
  type DependencyInput,
} from './dependencies.js';
import type { ResourceState } from './states.js';

const r = (name: string, dependencies: string[][] = []): DependencyInput => ({ name, ownerGroup: 'FS1', dependencies });

// A multi-subnet File Server: the Network Name may come online on either IP Address.
const fileServer = [
  r('File Server (\\\\FS1)', [['Cluster Disk 1'], ['FS1']]),
  r('FS1', [['IP Address 10.0.1.50', 'IP Address 10.0.2.50']]),
  r('IP Address 10.0.1.50'),
  r('IP Address 10.0.2.50'),
  r('Cluster Disk 1'),
];

function graph(resources: DependencyInput[] = fileServer): DependencyGraph {
  const built = buildDependencyGraph({ group: 'FS1', resources });
  if (!built.ok) throw new Error(built.error.message);
  return built.value;
}

const states = (online: string[]) => (name: string): ResourceState => (online.includes(name) ? 'Online' : 'Offline');

test('resources come online providers first and go offline dependents first', (t) => {
  const g = graph();
  t.deepEqual(g.onlineOrder, ['IP Address 10.0.1.50', 'IP Address 10.0.2.50', 'FS1', 'Cluster Disk 1', 'File Server (\\\\FS1)']);
  t.deepEqual(offlineOrder(g), ['File Server (\\\\FS1)', 'Cluster Disk 1', 'FS1', 'IP Address 10.0.2.50', 'IP Address 10.0.1.50']);
});

test('a Network Name with OR-ed IP Addresses needs just one of them online', (t) => {
  const g = graph();
  t.deepEqual(unmetDependencies(g, 'FS1', states([])), [['IP Address 10.0.1.50', 'IP Address 10.0.2.50']]);
  t.deepEqual(unmetDependencies(g, 'FS1', states(['IP Address 10.0.2.50'])), []);
});

test('AND-ed providers must all be online', (t) => {
  const g = graph();
  t.deepEqual(unmetDependencies(g, 'File Server (\\\\FS1)', states(['FS1'])), [['Cluster Disk 1']]);
  t.deepEqual(unmetDependencies(g, 'File Server (\\\\FS1)', states(['FS1', 'Cluster Disk 1'])), []);
});

test('losing one of two OR-ed IPs keeps the Network Name; losing the last takes its dependents offline, dependents first', (t) => {
  const g = graph();
  const allOnline = states(g.names.slice());
  t.deepEqual(dependentsToTakeOffline(g, 'IP Address 10.0.1.50', allOnline), []);
  const oneIpLeft = states(g.names.filter((n) => n !== 'IP Address 10.0.1.50'));
  t.deepEqual(dependentsToTakeOffline(g, 'IP Address 10.0.2.50', oneIpLeft), ['File Server (\\\\FS1)', 'FS1']);
  t.deepEqual(dependentsToTakeOffline(g, 'Cluster Disk 1', allOnline), ['File Server (\\\\FS1)']);
});

test('a dependency cycle is refused, naming the role and the cycle', (t) => {
  const built = buildDependencyGraph({ group: 'FS1', resources: [r('A', [['B']]), r('B', [['C']]), r('C', [['A']])] });
  t.false(built.ok);
  const message = built.ok ? '' : built.error.message;
  t.true(message.includes("clustered role 'FS1'"), message);
  t.true(message.includes("'A' -> 'B' -> 'C' -> 'A'"), message);
});

test('adding a dependency that would close a cycle is refused; a harmless one is accepted', (t) => {
  const g = graph();
  const refused = checkAddDependency(g, { resource: 'IP Address 10.0.1.50', provider: 'File Server (\\\\FS1)' });
  const cycle = "'IP Address 10.0.1.50' -> 'File Server (\\\\FS1)' -> 'FS1' -> 'IP Address 10.0.1.50'";
  t.true((refused.ok ? '' : refused.error.message).includes(cycle), refused.ok ? 'accepted' : refused.error.message);
  const self = checkAddDependency(g, { resource: 'FS1', provider: 'FS1' });
  t.regex(self.ok ? '' : self.error.message, /'FS1' -> 'FS1'/);
  t.true(checkAddDependency(g, { resource: 'FS1', provider: 'Cluster Disk 1' }).ok);
});

test('a dependency on a resource of another role, or on no resource, is refused with both names', (t) => {
  const other = buildDependencyGraph({ group: 'FS1', resources: [r('FS1', [['Cluster Disk 2']])], ownerGroupOf: (n) => (n === 'Cluster Disk 2' ? 'Available Storage' : undefined) });
  t.regex(other.ok ? '' : other.error.message, /'FS1' in clustered role 'FS1' cannot depend on 'Cluster Disk 2': it is in clustered role 'Available Storage'/);
  const missing = buildDependencyGraph({ group: 'FS1', resources: [r('FS1', [['Cluster Disk 9']])] });
  t.regex(missing.ok ? '' : missing.error.message, /depends on 'Cluster Disk 9', which is not a cluster resource/);
});

test('dependency expressions read as Get-ClusterResourceDependency shows them', (t) => {
  t.is(formatDependencyExpression([]), '');
  t.is(formatDependencyExpression([['Cluster IP Address']]), '[Cluster IP Address]');
  t.is(formatDependencyExpression([['IP Address 10.0.1.50', 'IP Address 10.0.2.50']]), '[IP Address 10.0.1.50] or [IP Address 10.0.2.50]');
  t.is(formatDependencyExpression([['Cluster Disk 1'], ['A', 'B']]), '[Cluster Disk 1] and ([A] or [B])');
});
