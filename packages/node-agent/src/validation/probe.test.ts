import test from 'ava';
import type { StorageResult } from '../storage/commands.js';
import { stageVerdict, type ProbeStage, type StorageProbe } from './probe.js';
import { nextStage, recordStage, startProbeRun } from './probe-runner.js';

const disk = { label: 'Test Disk 0', name: 'Cluster Disk 1', serialNumber: 's1' };
const key = (n: number) => `0x${n.toString(16).padStart(16, '0')}`;
const reserveBy = (node: string, n: number) => ({ node, disk, command: { type: 'Reserve' as const, key: key(n), reservationType: 'WriteExclusiveRegistrantsOnly' as const }, expect: { type: 'Good' as const } });
const race: ProbeStage = { steps: [reserveBy('node01', 1), reserveBy('node02', 2), reserveBy('node03', 3)], rule: 'ExactlyOneWins', cleanup: false };
const done: StorageResult = { type: 'Done' };
const conflict: StorageResult = { type: 'ReservationConflict' };

test('multiple arbitration: exactly one winner passes; two winners or none fail, naming the winners', (t) => {
  t.true(stageVerdict(race, [conflict, done, conflict]).ok);
  const two = stageVerdict(race, [done, done, conflict]);
  t.false(two.ok);
  if (!two.ok) t.deepEqual(two.winners, ['node01', 'node02']);
  const none = stageVerdict(race, [conflict, conflict, conflict]);
  t.false(none.ok);
  if (!none.ok) t.deepEqual(none.winners, []);
});

test('after a failed stage the rest of the probe is skipped, but its cleanup stages still run', (t) => {
  const stage = (cleanup: boolean): ProbeStage => ({ steps: [reserveBy('node01', 1)], rule: 'Each', cleanup });
  const probe: StorageProbe = { test: 'Validate Disk Arbitration', disks: [disk], stages: [stage(false), stage(false), stage(true), stage(false), stage(true)] };
  const run = startProbeRun([probe, probe]);
  const issued: string[] = [];
  for (let next = nextStage(run); next !== undefined; next = nextStage(run)) {
    issued.push(`${next.probe}.${next.stage}`);
    recordStage(run, [next.probe === 0 && next.stage === 0 ? conflict : done]);
  }
  t.deepEqual(issued, ['0.0', '0.2', '0.4', '1.0', '1.1', '1.2', '1.3', '1.4']);
  t.deepEqual(run.results[0]!.map((r) => (r === null ? 'skipped' : r[0]!.type)), ['ReservationConflict', 'skipped', 'Done', 'skipped', 'Done']);
});

test('recording answers that do not match the stage is a programmer error', (t) => {
  const run = startProbeRun([{ test: 'Validate Disk Arbitration', disks: [disk], stages: [race] }]);
  nextStage(run);
  t.throws(() => recordStage(run, [done]), { message: /has 3 steps but 1 results/ });
});
