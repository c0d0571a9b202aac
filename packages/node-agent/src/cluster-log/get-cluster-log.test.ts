import test from 'ava';
import type { LabEvent, NodeState } from '@wsfc-lab/protocol';
import { newClusterLogStore, recordHistoryEntry } from './buffer.js';
import { getClusterLog, type GetClusterLogContext } from './get-cluster-log.js';
import { clusterLogLinePattern } from './line.js';

const clock = { labEpochMs: Date.UTC(2024, 1, 7, 1, 0, 0, 0) };
const minute = 60_000;

function context(states: Record<string, NodeState> = { node01: 'Up', node02: 'Up' }): GetClusterLogContext {
  const store = newClusterLogStore({ nodes: Object.keys(states), clock });
  let seq = 0;
  for (const node of Object.keys(states)) {
    for (const atMs of [1 * minute, 5 * minute, 9 * minute]) {
      const event: LabEvent = { type: 'NodeStateChanged', node: `${node}-at-${atMs / minute}`, State: 'Up', previous: 'Joining' };
      recordHistoryEntry(store, { atMs, source: node, seq: ++seq, event });
    }
  }
  return { store, clusterNodes: Object.entries(states).map(([name, State]) => ({ name, State })), nowMs: 10 * minute, localUtcOffsetMinutes: 540 };
}

test('Get-ClusterLog -Destination writes <node>_cluster.log per node, every line in the real format', (t) => {
  const result = getClusterLog({ destination: 'C:\\Logs\\' }, context());
  if (!result.ok) return t.fail(result.error.message);
  t.deepEqual(
    result.value.files.map((f) => f.path),
    ['C:\\Logs\\node01_cluster.log', 'C:\\Logs\\node02_cluster.log'],
  );
  const lines = result.value.files[0]!.text.trimEnd().split('\n');
  t.is(lines.length, 3);
  for (const line of lines) t.regex(line, clusterLogLinePattern);
  t.true(lines[0]!.includes('::2024/02/07-01:01:00.000 INFO  [NODE] Node node01-at-1'));
});

test('without -Destination each node writes Cluster.log under C:\\Windows\\Cluster\\Reports', (t) => {
  const result = getClusterLog({ nodes: ['NODE02'] }, context());
  if (!result.ok) return t.fail(result.error.message);
  t.is(result.value.files.length, 1);
  t.is(result.value.files[0]!.fileName, 'Cluster.log');
  t.is(result.value.files[0]!.directory, 'C:\\Windows\\Cluster\\Reports');
  t.true(result.value.files[0]!.text.includes('node02-at-9'));
});

test('-TimeSpan keeps only the last N minutes', (t) => {
  const result = getClusterLog({ nodes: ['node01'], timeSpanMinutes: 6 }, context());
  if (!result.ok) return t.fail(result.error.message);
  const text = result.value.files[0]!.text;
  t.false(text.includes('node01-at-1'));
  t.true(text.includes('node01-at-5'));
  t.true(text.includes('node01-at-9'));
  t.is(result.value.files[0]!.lineCount, 2);
});

test('-UseLocalTime prints the nodes\' local time instead of UTC', (t) => {
  const result = getClusterLog({ nodes: ['node01'], useLocalTime: true }, context());
  if (!result.ok) return t.fail(result.error.message);
  t.true(result.value.files[0]!.text.includes('::2024/02/07-10:01:00.000 '), result.value.files[0]!.text);
});

test('a node that does not exist is refused by name; a bad -TimeSpan is refused with its value', (t) => {
  const missing = getClusterLog({ nodes: ['node01', 'node09'] }, context());
  t.false(missing.ok);
  if (!missing.ok) t.regex(missing.error.message, /'node09' was not found/);
  const span = getClusterLog({ timeSpanMinutes: 0 }, context());
  t.false(span.ok);
  if (!span.ok) t.regex(span.error.message, /TimeSpan.*value 0/);
});

test('a Down node is skipped with a warning naming it; the others still get their log', (t) => {
  const result = getClusterLog({}, context({ node01: 'Down', node02: 'Up' }));
  if (!result.ok) return t.fail(result.error.message);
  t.deepEqual(result.value.files.map((f) => f.node), ['node02']);
  t.is(result.value.warnings.length, 1);
  t.regex(result.value.warnings[0]!, /'node01'.*Down/);
});
