import test from 'ava';
import type { HistoryEntry, LabEvent } from '@wsfc-lab/protocol';
import { pseudoProcessId, pseudoThreadId } from './ids.js';
import { clusterLogLinePattern, formatClusterLogLine, linesOfEvent } from './line.js';

// 2014/06/10-07:54:34.000 UTC, the time of the real samples (facts §16.2).
const clock = { labEpochMs: Date.UTC(2014, 5, 10, 7, 54, 34, 0) };
const routeDown: LabEvent = { type: 'RouteDown', peer: 'node02', network: 'Management', localAddress: '172.16.1.5', remoteAddress: '172.16.1.10', missedHeartbeats: 10 };
const entry = (event: LabEvent, atMs: number, seq = 1): HistoryEntry => ({ atMs, source: 'node01', seq, event });

test('a route-down event is one line in the real format: pid.tid::UTC time, level padded to 5, [IM]', (t) => {
  const [line] = linesOfEvent(entry(routeDown, 99), { clock });
  t.truthy(line);
  const text = formatClusterLogLine({ node: 'node01', line: line!, clock });
  t.regex(text, clusterLogLinePattern);
  t.true(text.includes('::2014/06/10-07:54:34.099 WARN  [IM] Marking Route from 172.16.1.5:~3343~ to 172.16.1.10:~3343~ as down'), text);
});

test('levels are padded to five characters: INFO, WARN, ERR, each followed by one space', (t) => {
  const events: [LabEvent, string][] = [
    [{ type: 'NodeStateChanged', node: 'node02', State: 'Up', previous: 'Joining' }, 'INFO  [NODE] '],
    [routeDown, 'WARN  [IM] '],
    [{ type: 'ClusterQuorumLost', node: 'node01', nodeId: 1, votesPresent: 1, votesNeeded: 2, votesTotal: 3, voterIds: [1], detail: 'one of three votes' }, 'ERR   [QUORUM] '],
  ];
  for (const [event, expected] of events) {
    const text = formatClusterLogLine({ node: 'node01', line: linesOfEvent(entry(event, 0), { clock })[0]!, clock });
    t.regex(text, clusterLogLinePattern);
    t.is(text.slice(43, 43 + expected.length), expected, text);
  }
});

test('the process ID is stable per node and the thread ID per component, both multiples of 4', (t) => {
  t.is(pseudoProcessId('node01'), pseudoProcessId('NODE01'));
  t.not(pseudoProcessId('node01'), pseudoProcessId('node02'));
  t.is(pseudoProcessId('node01') % 4, 0);
  t.not(pseudoThreadId('node01', 'IM'), pseudoThreadId('node01', 'QUORUM'));
  t.is(pseudoThreadId('node01', 'RCM') % 4, 0);
  const [a, b] = [entry(routeDown, 10, 1), entry({ ...routeDown, network: 'Cluster' } as LabEvent, 20, 2)].map((e) => formatClusterLogLine({ node: 'node01', line: linesOfEvent(e, { clock })[0]!, clock }));
  t.is(a!.slice(0, 17), b!.slice(0, 17), 'same node, same component: same pid.tid');
});

test('a message with line breaks becomes one line per text line, each with the full prefix', (t) => {
  const event: LabEvent = { type: 'CommandRejected', detail: 'first\nsecond\r\nthird' };
  const lines = linesOfEvent(entry(event, 5), { clock }).map((line) => formatClusterLogLine({ node: 'node01', line, clock }));
  t.is(lines.length, 3);
  for (const line of lines) t.regex(line, clusterLogLinePattern);
  t.true(lines[2]!.endsWith('third'));
});

test('an expander turns an event into the lines it computes from the event and the clock', (t) => {
  const lines = linesOfEvent(entry(routeDown, 0), { clock, expanders: { RouteDown: (e, c) => [`history of ${e.peer}`, `epoch ${c.clock.labEpochMs} at ${c.atMs}`] } });
  t.deepEqual(
    lines.map((l) => [l.component, l.level, l.message]),
    [
      ['IM', 'WARN', 'history of node02'],
      ['IM', 'WARN', `epoch ${clock.labEpochMs} at 0`],
    ],
  );
});

test('a very long message is cut and marked', (t) => {
  const [line] = linesOfEvent(entry({ type: 'CommandRejected', detail: 'x'.repeat(10_000) }, 0), { clock });
  t.true(line!.message.length <= 4096);
  t.true(line!.message.endsWith('…'));
});
