import test from 'ava';
import type { RouteHistoryEntry } from '../membership/route.js';
import { routeHistoryDumpLines } from './route-history.js';

const clock = { labEpochMs: Date.UTC(2014, 5, 10, 7, 54, 0, 0) };

// A healthy route (requests answered) that then went silent: 1 s heartbeats, threshold 5.
function history(): RouteHistoryEntry[] {
  const entries: RouteHistoryEntry[] = [];
  for (let seq = 1; seq <= 3; seq++) {
    entries.push({ atMs: seq * 1000, message: 'Request', sequence: seq });
    entries.push({ atMs: seq * 1000 + 4, message: 'Response', sequence: seq });
  }
  for (let seq = 4; seq <= 9; seq++) entries.push({ atMs: seq * 1000, message: 'Request', sequence: seq });
  return entries;
}

const samplePattern =
  /^Route history \d+: Old: \d{2,}\.\d{3}, Message: (Request|Response), Route sequence: \d+, Received sequence: \d+, Heartbeats counter\/threshold: \d+\/\d+, Error: Success, NtStatus: 0 Timestamp: \d{4}\/\d{2}\/\d{2}-\d{2}:\d{2}:\d{2}\.\d{3}, Ticks since last sending: \d+$/;

test('the dump has one line per entry, newest first, in the shape of the real IM lines', (t) => {
  const lines = routeHistoryDumpLines({ history: history(), threshold: 5, nowMs: 9500, clock });
  t.is(lines.length, 12);
  for (const line of lines) t.regex(line, samplePattern);
  t.is(
    lines[0],
    'Route history 1: Old: 00.500, Message: Request, Route sequence: 9, Received sequence: 3, Heartbeats counter/threshold: 0/5, Error: Success, NtStatus: 0 Timestamp: 2014/06/10-07:54:09.000, Ticks since last sending: 1000',
  );
});

test('an answered request shows a full counter and the few ms the answer took', (t) => {
  const lines = routeHistoryDumpLines({ history: history(), threshold: 5, nowMs: 9500, clock });
  const answer = lines.find((l) => l.includes('Message: Response, Route sequence: 3,'));
  t.truthy(answer);
  t.true(answer!.includes('Received sequence: 3, Heartbeats counter/threshold: 5/5'));
  t.true(answer!.endsWith('Ticks since last sending: 4'));
  t.true(answer!.includes('Old: 06.496'));
});

test('an empty history dumps nothing', (t) => {
  t.deepEqual(routeHistoryDumpLines({ history: [], threshold: 5, nowMs: 0, clock }), []);
});

test('wired as an expander, the dump becomes [IM] lines of the node\'s cluster.log, each in the real format', async (t) => {
  const { newClusterLogStore, recordHistoryEntry, ringOf, linesOf } = await import('./buffer.js');
  const { formatClusterLogLine, clusterLogLinePattern } = await import('./line.js');
  // RouteDown stands in for the dump event protocol will carry (it has no history of its own).
  const store = newClusterLogStore({
    nodes: ['node01'],
    clock,
    expanders: { RouteDown: (_event, c) => routeHistoryDumpLines({ history: history(), threshold: 5, nowMs: c.atMs, clock: c.clock }) },
  });
  const event = { type: 'RouteDown' as const, peer: 'node02', network: 'Management', localAddress: '172.16.1.5', remoteAddress: '172.16.1.10', missedHeartbeats: 5 };
  recordHistoryEntry(store, { atMs: 9500, source: 'node01', seq: 1, event });
  const lines = linesOf(ringOf(store, 'node01')!).map((line) => formatClusterLogLine({ node: 'node01', line, clock }));
  t.is(lines.length, 12);
  for (const line of lines) t.regex(line, clusterLogLinePattern);
  t.regex(lines[0]!, /::2014\/06\/10-07:54:09\.500 WARN  \[IM\] Route history 1: Old: 00\.500, Message: Request/);
});
