import test from 'ava';
import { MemoryBlockStore, MemoryDurableStore, Prng, RecordingIo, type LabEvent, type NodeState } from '@wsfc-lab/protocol';
import { clusterLogLinePattern } from '../cluster-log/mod.js';
import { clusterLogIo, clusterLogStoreKey, getClusterLogCmdlet, type ClusterLogHolder } from './cmdlets-log.js';
import { commonPropertyDefaults } from './identity.js';
import type { ClusterHost, ClusterState } from './types.js';

const minute = 60_000;
const event = (node: string): LabEvent => ({ type: 'NodeStateChanged', node, State: 'Up', previous: 'Joining' });

/** node01's cluster service as Get-ClusterLog reads it, and its io with the log hook. */
function node01(states: Record<string, NodeState> = { node01: 'Up', node02: 'Up' }) {
  const clock = { nowMs: 0 };
  const io = new RecordingIo({ self: 'node01', incarnation: 0, prng: new Prng(1), now: () => clock.nowMs, store: new MemoryDurableStore(), blocks: new MemoryBlockStore() });
  const identity = { name: 'wsfc-cluster', domain: 'wsfc.local', nodes: Object.keys(states).map((name, i) => ({ name, id: i + 1, NodeWeight: 1 })), witness: { type: 'None' }, properties: commonPropertyDefaults };
  // The lab's startTime 2024-02-07T10:15:00+09:00 (seed 000's date, in Tokyo).
  const config = { name: 'node01', clock: { labEpochMs: Date.UTC(2024, 1, 7, 1, 15), utcOffsetMinutes: 540 } };
  const state = { config, identity, gum: { copy: { entries: {} } }, nodeStates: states, view: null } as unknown as ClusterState & ClusterLogHolder;
  const logged = clusterLogIo(state, io);
  for (const atMs of [1 * minute, 5 * minute, 9 * minute]) {
    clock.nowMs = atMs;
    logged.emit(event(`seen-at-${atMs / minute}`));
  }
  clock.nowMs = 10 * minute;
  const run = (parameters: Record<string, unknown>) => {
    io.drain();
    getClusterLogCmdlet(state, { requestId: 'r', parameters }, { io } as unknown as ClusterHost);
    const reply = io.drain().find((e) => e.type === 'Reply');
    if (reply?.type !== 'Reply') throw new Error('Get-ClusterLog did not answer');
    return reply.reply;
  };
  return { io, state, logged, run };
}

test('the wrapped io passes every effect through and files each emitted event in the node\'s ring once, even wrapped twice', (t) => {
  const { io, state, logged } = node01();
  t.is(state.clusterLog?.size, 3);
  const twice = clusterLogIo(state, logged);
  twice.emit(event('once'));
  t.is(state.clusterLog?.size, 4);
  t.true(io.drain().some((e) => e.type === 'Emit' && e.event.type === 'NodeStateChanged' && e.event.node === 'once'));
  t.is(twice.self, 'node01');
  t.is(twice.store, io.store);
  t.is(twice.now(), 10 * minute);
});

test('Get-ClusterLog -Destination writes <node>_cluster.log in the real line format and lists it as PowerShell does', (t) => {
  const { io, run } = node01();
  const reply = run({ Destination: 'C:\\Logs' });
  if (!reply.ok) return t.fail(reply.error.message);
  const text = io.store.get(clusterLogStoreKey('node01'));
  if (typeof text !== 'string') return t.fail('no log in the store');
  const lines = text.trimEnd().split('\n');
  t.is(lines.length, 3);
  for (const line of lines) t.regex(line, clusterLogLinePattern);
  t.true(lines[0]!.includes('::2024/02/07-01:16:00.000 INFO  [NODE] '), lines[0]);
  const output = String(reply.output);
  t.true(output.includes('    Directory: C:\\Logs'), output);
  t.regex(output, /^Mode +LastWriteTime +Length Name$/m);
  t.regex(output, new RegExp(`^-a---- +2/7/2024 +10:25 AM +${new TextEncoder().encode(text).byteLength} node01_cluster\\.log$`, 'm'));
  t.regex(output, /^WARNING: wsfc-lab: the cluster\.log of 'node02' is kept on node02/m);
});

test('-TimeSpan keeps the last minutes; -UseLocalTime prints Tokyo time; without -Destination the file is Cluster.log', (t) => {
  const { io, run } = node01();
  const reply = run({ Node: 'node01', TimeSpan: 6, UseLocalTime: true });
  if (!reply.ok) return t.fail(reply.error.message);
  const text = String(io.store.get(clusterLogStoreKey('node01')));
  t.false(text.includes('seen-at-1'));
  t.true(text.includes('seen-at-5') && text.includes('seen-at-9'));
  t.true(text.includes('::2024/02/07-10:20:00.000 '), text);
  t.regex(String(reply.output), /Directory: C:\\Windows\\Cluster\\Reports[\s\S]* Cluster\.log$/m);
  t.false(String(reply.output).includes('WARNING'), 'only node01 was asked for');
});

test('a node not in the cluster and a bad -TimeSpan are refused by name; a Down node is skipped with a warning', (t) => {
  const missing = node01().run({ Node: ['node01', 'node09'] });
  t.false(missing.ok);
  if (!missing.ok) t.regex(missing.error.message, /'node09' was not found/);
  const span = node01().run({ TimeSpan: 0 });
  if (!span.ok) t.regex(span.error.message, /TimeSpan.*value 0/);
  else t.fail('-TimeSpan 0 is refused');
  const down = node01({ node01: 'Up', node02: 'Down' }).run({});
  if (!down.ok) return t.fail(down.error.message);
  t.regex(String(down.output), /^WARNING: Unable to generate the cluster log on node 'node02': the node is Down/m);
});

test('the timestamps follow the lab\'s clock (its startTime); without one, 2026-01-05 00:00 UTC at simulated 0', (t) => {
  const { io, state, run } = node01();
  (state.config as { clock?: unknown }).clock = undefined;
  const reply = run({ Node: 'node01' });
  if (!reply.ok) return t.fail(reply.error.message);
  t.true(String(io.store.get(clusterLogStoreKey('node01'))).includes('::2026/01/05-00:01:00.000 INFO  [NODE] '));
  t.regex(String(reply.output), /1\/5\/2026 +12:10 AM/);
});
