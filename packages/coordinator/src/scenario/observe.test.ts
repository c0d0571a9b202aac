// The `group:`, `resource:`, `cluster:` and `node:` selectors read the cluster as an administrator
// would (a Get-Cluster* cmdlet to the node that answers), against a fake runtime that answers
// with the node actor's output contract.
import test from 'ava';
import type { Matcher } from '../config/mod.js';
import { clusterAnswers, fakeCluster, sampleDatabase } from './_fake-cluster.js';
import { observe, observeNow } from './observe.js';

const eq = (value: string | number): Matcher => ({ op: 'eq', value });

test('group: sends Get-ClusterGroup -Name to the spokesman and matches properties without regard to case', async (t) => {
  const ctx = fakeCluster(clusterAnswers(sampleDatabase));
  const seen = await observe({ kind: 'group', name: 'file server' }, { OwnerNode: eq('NODE01'), State: eq('Online'), Priority: { op: 'atLeast', n: 2000 } }, ctx);
  t.true(seen.ok, seen.detail);
  t.regex(seen.detail, /group "file server" OwnerNode = "node01", State = "Online", Priority = 2000/);
  t.deepEqual(ctx.runtime.sent.map((s) => s.actor), ['node01'], 'the first node Up in its own view answers');
  t.deepEqual(ctx.runtime.cmdlets(), ['Get-ClusterGroup {"Name":"file server"}']);
});

test('group: a property that does not hold says what it was and what was expected', async (t) => {
  const ctx = fakeCluster(clusterAnswers(sampleDatabase));
  const seen = await observe({ kind: 'group', name: 'File Server' }, { OwnerNode: eq('node02') }, ctx);
  t.false(seen.ok);
  t.is(seen.detail, 'group "File Server" OwnerNode is "node01", expected "node02"');
});

test('resource: reads Get-ClusterResource; an unknown resource names itself and the cluster\'s error', async (t) => {
  const ctx = fakeCluster(clusterAnswers(sampleDatabase));
  const held = await observe({ kind: 'resource', name: 'Cluster Disk 1' }, { OwnerGroup: eq('File Server'), ResourceType: eq('Physical Disk') }, ctx);
  t.true(held.ok, held.detail);
  const missing = await observe({ kind: 'resource', name: 'Cluster Disk 9' }, { State: eq('Online') }, ctx);
  t.false(missing.ok);
  t.regex(missing.detail, /^resource "Cluster Disk 9" does not exist in the cluster: The cluster resource 'Cluster Disk 9' was not found\.$/);
});

test('an object missing from an answer that is not an error is reported as not existing', async (t) => {
  const ctx = fakeCluster((_actor, command) => (command.type === 'Cmdlet' ? { ok: true, output: [] } : undefined));
  const seen = await observe({ kind: 'group', name: 'Ghost' }, { State: eq('Online') }, ctx);
  t.false(seen.ok);
  t.is(seen.detail, 'group "Ghost" does not exist in the cluster (Get-ClusterGroup answered 0 objects)');
});

test('with no node Up nothing is sent, and the detail names the object and the cmdlet', async (t) => {
  const ctx = fakeCluster(clusterAnswers(sampleDatabase), []);
  const group = await observe({ kind: 'group', name: 'File Server' }, { State: eq('Online') }, ctx);
  t.false(group.ok);
  t.is(group.detail, 'no node is up to answer Get-ClusterGroup -Name "File Server"');
  const cluster = await observe({ kind: 'cluster' }, { SameSubnetThreshold: eq(10) }, ctx);
  t.is(cluster.detail, 'no node is up to answer Get-Cluster');
  t.deepEqual(ctx.runtime.sent, []);
});

test('the spokesman dead since the view was written: the next node Up answers', async (t) => {
  const ctx = fakeCluster(clusterAnswers(sampleDatabase));
  await ctx.runtime.kill('node01');
  const seen = await observe({ kind: 'group', name: 'File Server' }, { State: eq('Online') }, ctx);
  t.true(seen.ok, seen.detail);
  t.deepEqual(ctx.runtime.sent.map((s) => s.actor), ['node02']);
});

test('a node that does not answer within the read timeout is named', async (t) => {
  const ctx = fakeCluster(() => undefined);
  const seen = await observe({ kind: 'resource', name: 'Cluster Disk 1' }, { State: eq('Online') }, ctx);
  t.is(seen.detail, 'node01 did not answer Get-ClusterResource -Name "Cluster Disk 1" within 5000 ms');
});

test('cluster: {} reads Get-Cluster, and Get-ClusterQuorum only when a quorum property is asked', async (t) => {
  const ctx = fakeCluster(clusterAnswers(sampleDatabase));
  const settings = await observe({ kind: 'cluster' }, { SameSubnetThreshold: eq(10), Domain: eq('WSFC.local') }, ctx);
  t.true(settings.ok, settings.detail);
  t.deepEqual(ctx.runtime.cmdlets(), ['Get-Cluster {}']);
  const quorum = await observe({ kind: 'cluster' }, { QuorumType: eq('NodeAndDiskMajority'), QuorumResource: eq('Witness') }, ctx);
  t.true(quorum.ok, quorum.detail);
  t.deepEqual(ctx.runtime.cmdlets().slice(1), ['Get-Cluster {}', 'Get-ClusterQuorum {}']);
  const wrong = await observe({ kind: 'cluster' }, { SameSubnetDelay: { op: 'atMost', n: 500 } }, ctx);
  t.is(wrong.detail, 'cluster SameSubnetDelay is 1000, expected at most 500');
});

test('node: Name and State come from the event-fed view at once; other properties from Get-ClusterNode', async (t) => {
  const ctx = fakeCluster(clusterAnswers(sampleDatabase));
  const now = observeNow({ kind: 'node', name: 'node02' }, { State: eq('Up') }, ctx);
  t.true(now?.ok);
  t.deepEqual(ctx.runtime.sent, [], 'no command for State');
  t.is(observeNow({ kind: 'node', name: 'node02' }, { DynamicWeight: eq(0) }, ctx), undefined);
  t.is(observeNow({ kind: 'group', name: 'File Server' }, {}, ctx), undefined);
  const weight = await observe({ kind: 'node', name: 'node02' }, { DynamicWeight: eq(0), NodeWeight: eq(1) }, ctx);
  t.true(weight.ok, weight.detail);
  t.deepEqual(ctx.runtime.cmdlets(), ['Get-ClusterNode {"Name":"node02"}']);
});

test('migrations: answers at once from the history; vm: reads Get-VM (vm-reads.test.ts)', async (t) => {
  const ctx = fakeCluster(clusterAnswers(sampleDatabase));
  const now = observeNow({ kind: 'migrations' }, { InFlight: eq(0), Completed: eq(0) }, ctx);
  t.true(now?.ok, now?.detail);
  t.is(observeNow({ kind: 'vm', name: 'vm01' }, { State: eq('Running') }, ctx), undefined);
  const seen = await observe({ kind: 'vm', name: 'vm01' }, { State: eq('Running') }, ctx);
  t.false(seen.ok);
  t.regex(seen.detail, /^vm "vm01" was found on no node/);
});
