import test from 'ava';
import { hourMs, minuteMs, nodes } from './_fixtures.js';
import { decideFailback, type FailbackInput } from './failback.js';
import { failbackWindowState } from './failback-window.js';
import { timeOfDayFrom } from './time-of-day.js';

const at = (hours: number, minutes = 0) => hours * hourMs + minutes * minuteMs;

const windowCases: { window: [number, number]; time: [number, number]; expected: string }[] = [
  { window: [-1, -1], time: [12, 0], expected: 'NoWindow' },
  { window: [22, -1], time: [12, 0], expected: 'NoWindow' },
  { window: [9, 17], time: [8, 59], expected: 'Closed in 1m' },
  { window: [9, 17], time: [9, 0], expected: 'Open' },
  { window: [9, 17], time: [16, 59], expected: 'Open' },
  { window: [9, 17], time: [17, 0], expected: 'Closed in 960m' },
  { window: [22, 6], time: [21, 30], expected: 'Closed in 30m' },
  { window: [22, 6], time: [23, 0], expected: 'Open' },
  { window: [22, 6], time: [0, 30], expected: 'Open' },
  { window: [22, 6], time: [5, 59], expected: 'Open' },
  { window: [22, 6], time: [6, 0], expected: 'Closed in 960m' },
  { window: [5, 5], time: [5, 30], expected: 'Empty' },
];

for (const c of windowCases) {
  test(`failback window ${c.window.join('–')} at ${c.time.join(':')} is ${c.expected}`, (t) => {
    const state = failbackWindowState({ FailbackWindowStart: c.window[0], FailbackWindowEnd: c.window[1] }, at(...c.time));
    t.is(state.kind === 'Closed' ? `Closed in ${state.opensInMs / minuteMs}m` : state.kind, c.expected);
  });
}

const input = (over: Partial<FailbackInput> & { window?: [number, number]; AutoFailbackType?: 0 | 1; owner?: string; startAt?: number }): FailbackInput => ({
  group: {
    name: 'FS1',
    ownerNode: over.owner ?? 'node02',
    preferredOwners: ['node01', 'node02'],
    properties: { AutoFailbackType: over.AutoFailbackType ?? 1, FailbackWindowStart: over.window?.[0] ?? -1, FailbackWindowEnd: over.window?.[1] ?? -1 },
  },
  resources: [],
  nodes: over.nodes ?? nodes(3),
  nowMs: over.nowMs ?? 0,
  timeOfDay: timeOfDayFrom({ startTimeOfDayMs: over.startAt ?? at(12) }),
});

test('AutoFailbackType 0 (the default) never fails back', (t) => {
  t.is(decideFailback(input({ AutoFailbackType: 0 })).kind, 'NoFailback');
});

test('AutoFailbackType 1 without a window fails back at once to the most preferred owner', (t) => {
  t.deepEqual(decideFailback(input({})), { kind: 'FailbackNow', target: 'node01' });
});

test('no failback while the most preferred owner is down, or when already on it', (t) => {
  const down = decideFailback(input({ nodes: nodes(3, { node01: 'Down' }) }));
  t.regex(down.kind === 'NoFailback' ? down.reason : '', /already on its most preferred available owner 'node02'/);
  t.is(decideFailback(input({ owner: 'node01' })).kind, 'NoFailback');
});

test('failback window 22–6: the group moves back only inside the window, which wraps midnight', (t) => {
  // The preferred owner node01 is back at 12:00 (simulated time 0). The window opens at 22:00.
  const noon = decideFailback(input({ window: [22, 6], nowMs: 0, startAt: at(12) }));
  t.deepEqual(noon, { kind: 'WaitForWindow', target: 'node01', opensInMs: 10 * hourMs, opensAtMs: 10 * hourMs });
  // The actor's timer fires at opensAtMs: 22:00, inside the window.
  t.deepEqual(decideFailback(input({ window: [22, 6], nowMs: 10 * hourMs, startAt: at(12) })), { kind: 'FailbackNow', target: 'node01' });
  // Just after midnight is still inside; 06:00 is outside again.
  t.is(decideFailback(input({ window: [22, 6], nowMs: 12 * hourMs + 30 * minuteMs, startAt: at(12) })).kind, 'FailbackNow');
  t.is(decideFailback(input({ window: [22, 6], nowMs: 18 * hourMs, startAt: at(12) })).kind, 'WaitForWindow');
});

test('an empty failback window (start = end) never fails back, and says why', (t) => {
  const decision = decideFailback(input({ window: [5, 5] }));
  t.regex(decision.kind === 'NoFailback' ? decision.reason : '', /empty failback window/);
});
