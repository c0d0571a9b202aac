// Issue 4, threads: the target's worker is killed and started again. With APTPL the registrations
// and the reservation come back from the target's own files (SPC-3: the PRgeneration restarts at
// 0 after power on); without APTPL they are gone, as a real target loses them at power off.
import test from 'ava';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CommandReply } from '@wsfc-lab/protocol';
import { storageInitiatorCommands } from '../bench/storage-initiator-actor.js';
import { storageLab } from '../bench/storage-lab.js';
import { storageBenchNames as names } from '../bench/storage-workload.js';
import { ThreadsRuntime } from '../runtime/threads/threads-runtime.js';

interface DiskView {
  Name: string;
  ReservationHolder: string | null;
  ReservationType: string | null;
  ReservationKey: string | null;
  RegisteredKeys: number;
  Generation: number;
}

const disksOf = (reply: CommandReply | undefined): DiskView[] => {
  if (!reply?.ok) throw new Error(`Inspect failed: ${JSON.stringify(reply)}`);
  return (reply.output as { disks: DiskView[] }).disks;
};

for (const aptpl of [true, false]) {
  test.serial(`threads: a target restart ${aptpl ? 'keeps' : 'loses'} the registrations and reservation when APTPL is ${aptpl ? 'set' : 'clear'}`, async (t) => {
    const lab = storageLab({ measuredDiskBytes: 64 * 1024 * 1024, warmupDiskBytes: 1024 * 1024, aptpl });
    const runtime = new ThreadsRuntime({ ...lab, seed: 3, timeScale: 1, dataDirectory: mkdtempSync(join(tmpdir(), 'wsfc-lab-target-')) });
    await runtime.start();
    try {
      const setup = await runtime.command(names.initiator, { type: 'Cmdlet', name: storageInitiatorCommands.setup, parameters: {} });
      t.true(setup?.ok, JSON.stringify(setup));
      const before = disksOf(await runtime.command(names.target, { type: 'Inspect' })).find((d) => d.Name === names.measuredDisk);
      t.like(before, { ReservationHolder: names.initiator, ReservationType: 'WriteExclusiveRegistrantsOnly', ReservationKey: names.key, RegisteredKeys: 1 });
      t.true((before?.Generation ?? 0) > 0);

      await runtime.kill(names.target);
      await runtime.restart(names.target);

      const after = disksOf(await runtime.command(names.target, { type: 'Inspect' })).find((d) => d.Name === names.measuredDisk);
      if (aptpl) t.like(after, { ReservationHolder: names.initiator, ReservationType: 'WriteExclusiveRegistrantsOnly', ReservationKey: names.key, RegisteredKeys: 1, Generation: 0 });
      else t.like(after, { ReservationHolder: null, ReservationType: null, RegisteredKeys: 0 });
    } finally {
      await runtime.stop();
    }
  });
}
