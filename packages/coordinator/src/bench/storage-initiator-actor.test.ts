// The initiator driver against the real storage target actor, in one thread: every frame goes
// through the codec and the receiver's schema, as between workers, on a hand-stepped clock.
import test from 'ava';
import {
  MemoryBlockStore,
  MemoryDurableStore,
  Prng,
  RecordingIo,
  decodeFrame,
  decodeMessage,
  encodeFrame,
  type CommandReply,
  type Effect,
  type LabCommand,
  type WireMessage,
} from '@wsfc-lab/protocol';
import { storageTargetActor, type StorageTargetState } from '@wsfc-lab/storage-target';
import { storageLab } from './storage-lab.js';
import { storageInitiatorActor, storageInitiatorCommands, type RunOutput, type SetupOutput, type StorageInitiatorConfig, type StorageInitiatorState } from './storage-initiator-actor.js';
import { blocksPerWrite, storageBenchNames as names, writePayload } from './storage-workload.js';

const mib = 1024 * 1024;

function pair() {
  let nowMs = 0;
  const lab = storageLab({ measuredDiskBytes: 4 * mib, warmupDiskBytes: mib, aptpl: false });
  const [targetSpec, initiatorSpec] = lab.actors;
  const blocks = new MemoryBlockStore();
  const ioFor = (self: string, store = new MemoryDurableStore(), blockStore = new MemoryBlockStore()) =>
    new RecordingIo<never>({ self, incarnation: 0, prng: new Prng(1, self), now: () => nowMs, store, blocks: blockStore });
  const targetIo = ioFor(names.target, new MemoryDurableStore(), blocks);
  const initiatorIo = ioFor(names.initiator);
  const target: StorageTargetState = storageTargetActor.init(targetSpec?.config as never, targetIo as never);
  const initiator: StorageInitiatorState = storageInitiatorActor.init(initiatorSpec?.config as StorageInitiatorConfig, initiatorIo);
  targetIo.drain();
  const queue: { to: 'target' | 'initiator'; bytes: Uint8Array }[] = [];
  const replies: CommandReply[] = [];
  let outstandingMax = 0;
  const route = (from: string, effects: Effect[]) => {
    for (const effect of effects) {
      if (effect.type === 'Reply') replies.push(effect.reply);
      if (effect.type !== 'Send') continue;
      const bytes = encodeFrame({ source: from, destination: effect.destination, network: effect.network, sequence: 0 }, effect.message as WireMessage);
      queue.push({ to: effect.destination === names.target ? 'target' : 'initiator', bytes });
    }
    outstandingMax = Math.max(outstandingMax, queue.filter((f) => f.to === 'target').length);
  };
  /** Hands the initiator a command without delivering any frame. */
  const start = (name: string, parameters: Record<string, unknown> = {}) => {
    storageInitiatorActor.step(initiator, { type: 'Command', requestId: 'c1', command: { type: 'Cmdlet', name, parameters } satisfies LabCommand }, initiatorIo);
    route(names.initiator, initiatorIo.drain());
  };
  /** Runs the command on the initiator and delivers frames until none are left; returns its first reply. */
  const command = (name: string, parameters: Record<string, unknown> = {}): CommandReply | undefined => {
    replies.length = 0;
    outstandingMax = 0;
    start(name, parameters);
    for (let frame = queue.shift(); frame; frame = queue.shift()) {
      nowMs += 0.25;
      const decoded = decodeFrame(frame.bytes);
      if (!decoded.ok) throw new Error(decoded.detail);
      const kind = frame.to === 'target' ? 'storage' : 'node';
      const message = decodeMessage(kind, decoded.frame);
      if (!message.ok) throw new Error(`${kind} rejected ${decoded.frame.type}: ${message.detail}`);
      const input = { type: 'Frame' as const, source: decoded.frame.source, network: decoded.frame.network, message: message.message as never };
      if (frame.to === 'target') {
        storageTargetActor.step(target, input, targetIo as never);
        route(names.target, targetIo.drain());
      } else {
        storageInitiatorActor.step(initiator, input, initiatorIo);
        storageInitiatorActor.checkInvariants?.(initiator);
        route(names.initiator, initiatorIo.drain());
      }
    }
    return replies[0];
  };
  return { start, command, target, blocks, initiator, outstandingMax: () => outstandingMax };
}

const output = <T>(reply: CommandReply | undefined): T => {
  if (!reply?.ok) throw new Error(`no good reply: ${JSON.stringify(reply)}`);
  return reply.output as T;
};

test('setup logs in, registers and reserves Write Exclusive – Registrants Only on both LUNs', (t) => {
  const p = pair();
  const setup = output<SetupOutput>(p.command(storageInitiatorCommands.setup));
  t.true(setup.sessionId >= 1);
  t.deepEqual(setup.reservation, { key: names.key, type: 'WriteExclusiveRegistrantsOnly' });
  for (const disk of [names.measuredDisk, names.warmupDisk]) {
    const reservations = p.target.disks.get(disk)?.reservations;
    t.deepEqual(reservations?.registrations, [{ initiator: names.initiatorIqn, key: names.key }], disk);
    t.is(reservations?.reservation?.holder, names.initiatorIqn, disk);
  }
});

test('a reservation flood keeps the window and every command answers GOOD', (t) => {
  const p = pair();
  p.command(storageInitiatorCommands.setup);
  const run = output<RunOutput>(p.command(storageInitiatorCommands.reservations, { lun: 0, count: 30, window: 4 }));
  t.like(run, { operations: 30, good: 30, failed: 0, firstFailure: null, readBackMatches: null });
  t.is(run.latencyMs.length, 30);
  t.true(run.elapsedMs > 0 && run.latencyMs.every((ms) => ms > 0));
  t.is(p.outstandingMax(), 4, 'never more than the window in flight');
  // REGISTER AND IGNORE EXISTING KEY is every third command and raises PRgeneration by one.
  t.is(p.target.disks.get(names.measuredDisk)?.reservations.generation, 1 + 10);
});

test('a write flood puts each payload at its LBA and reads the last one back', (t) => {
  const p = pair();
  p.command(storageInitiatorCommands.setup);
  const lbas = [0, 8, 800, 16, 800];
  const run = output<RunOutput>(p.command(storageInitiatorCommands.writes, { lun: 0, lbas, firstIndex: 100, window: 2 }));
  t.like(run, { operations: 5, good: 5, failed: 0, readBackMatches: true });
  t.deepEqual(p.blocks.read(names.measuredDisk, 8, blocksPerWrite), writePayload(8, 101));
  t.deepEqual(p.blocks.read(names.measuredDisk, 800, blocksPerWrite), writePayload(800, 104), 'the later write to LBA 800 wins');
  t.is(p.target.counters.writesAccepted, 5);
});

test('the initiator refuses runs before setup, bad parameters and a second run at once', (t) => {
  const p = pair();
  t.like(p.command(storageInitiatorCommands.writes, { lun: 0, lbas: [0], window: 1 }), { ok: false, error: { errorId: 'StorageBenchNotLoggedIn' } });
  p.command(storageInitiatorCommands.setup);
  t.like(p.command(storageInitiatorCommands.writes, { lun: 0, lbas: [-8], window: 1 }), { ok: false, error: { errorId: 'InvalidStorageBenchParameter' } });
  t.like(p.command(storageInitiatorCommands.reservations, { lun: 5, count: 1, window: 1 }), { ok: false, error: { errorId: 'InvalidStorageBenchParameter' } });
  const badWindow = p.command(storageInitiatorCommands.reservations, { lun: 0, count: 1, window: 0 });
  t.regex(badWindow?.ok === false ? badWindow.error.message : '', /"window".*got 0/);
  t.like(p.command('Start-Nothing'), { ok: false, error: { errorId: 'UnknownStorageBenchCommand' } });
  p.start(storageInitiatorCommands.reservations, { lun: 0, count: 5, window: 1 });
  t.like(p.command(storageInitiatorCommands.reservations, { lun: 0, count: 5, window: 1 }), { ok: false, error: { errorId: 'StorageBenchBusy' } });
  t.is(p.initiator.run, undefined, 'the first run still finished');
});

test('a write outside the LUN fails the run with the target\'s sense, not silently', (t) => {
  const p = pair();
  p.command(storageInitiatorCommands.setup);
  const run = output<RunOutput>(p.command(storageInitiatorCommands.writes, { lun: 0, lbas: [0, 4 * 2048], window: 2 }));
  t.like(run, { operations: 2, good: 1, failed: 1, readBackMatches: null });
  t.regex(run.firstFailure ?? '', /CheckCondition \(IllegalRequest 33\/0\)/);
});
