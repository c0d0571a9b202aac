// Disk arbitration in the `sim` runtime on the seed 000 lab (two nodes, the host's iSCSI target
// with Cluster Disk 1 and the Witness): frames through the codec and the fabric, workers killed
// and restarted by the runtime. The nodes run the arbitration driver (node-agent's
// arbitration/_lab-actor.ts: the storage stack and the arbitration machine, wired as node.ts will
// wire them) until node.ts takes the subsystem in; the storage target is the real actor.
import test from 'ava';
import type { HistoryEntry } from '@wsfc-lab/protocol';
import { defaultLab } from '../config/mod.js';
import { SimRuntime } from '../runtime/sim/sim-runtime.js';
import { buildLab } from './build-lab.js';

const driver = { url: new URL('../../../node-agent/dist/arbitration/_lab-actor.js', import.meta.url).href, exportName: 'arbitrationLabActor' };
const dataDisk = 'Cluster Disk 1';
const witnessSizeBlocks = (1024 * 1024 * 1024) / 512;
const challengerWaitMs = 7000;
const members = (...names: string[]) => names.map((name) => ({ name, nodeId: Number(name.slice(-2)) }));

type Outcome = { type: string; disk?: string; won?: boolean; reason?: string; result?: string };

async function start(seed: number) {
  const lab = buildLab(defaultLab());
  for (const actor of lab.actors) if (actor.kind === 'node') actor.definitionModule = driver;
  const runtime = new SimRuntime({ actors: lab.actors, fabric: lab.fabric, seed });
  await runtime.start();
  await runtime.runUntil(() => false, 2000); // logins and LUN scans
  const input = async (node: string, parameters: Record<string, unknown>) => {
    const reply = await runtime.command(node, { type: 'Cmdlet', name: 'Arbitration-Input', parameters });
    if (!reply?.ok) throw new Error(`Arbitration-Input on ${node}: ${reply ? reply.error.message : 'no reply'}`);
  };
  const outcomes = (node: string): Outcome[] => ((runtime.inspect(node) as { outcomes: { outcome: Outcome }[] } | undefined)?.outcomes ?? []).map((o) => o.outcome);
  const has = (node: string, type: string) => outcomes(node).some((o) => o.type === type);
  return { runtime, input, outcomes, has };
}

const writesBy = (history: readonly HistoryEntry[], node: string, status: string) =>
  history.filter((e) => e.event.type === 'ScsiWrite' && e.event.node === node && e.event.disk === dataDisk && e.event.status === status).length;

test('seed 000 in sim: node01 owns Cluster Disk 1; its worker killed, node02 preempts it after the wait; node01 back does not take it back', async (t) => {
  const { runtime, input, outcomes, has } = await start(11);
  try {
    await input('node01', { type: 'Acquire', disk: dataDisk, members: members('node01', 'node02'), reason: 'Resource' });
    t.true(await runtime.runUntil(() => has('node01', 'DiskAcquired'), runtime.nowMs() + 1000));
    await input('node01', { type: 'Write', disk: dataDisk, writeId: 'a', lba: 4096, byte: 1 });
    await runtime.runUntil(() => has('node01', 'WriteCompleted'), runtime.nowMs() + 1000);
    t.is(writesBy(runtime.history(), 'node01', 'Good'), 1);

    await runtime.kill('node01');
    const killedAtMs = runtime.nowMs();
    await input('node02', { type: 'Acquire', disk: dataDisk, members: members('node02'), reason: 'Resource' });
    t.true(await runtime.runUntil(() => has('node02', 'DiskAcquired'), killedAtMs + 30_000));
    t.true(runtime.nowMs() - killedAtMs >= challengerWaitMs, `took ${runtime.nowMs() - killedAtMs} ms`);
    const preempt = runtime.history().find((e) => e.event.type === 'PersistentReserveOut' && e.event.node === 'node02' && e.event.serviceAction === 'Preempt');
    t.like(preempt?.event, { status: 'Good', holder: 'iqn.1991-05.com.microsoft:node02.wsfc.local' });
    t.true(runtime.history().some((e) => e.source === 'node02' && e.event.type === 'DiskArbitrationEnded' && e.event.outcome === 'Won'));
    await input('node02', { type: 'Write', disk: dataDisk, writeId: 'b', lba: 4096, byte: 2 });
    await runtime.runUntil(() => writesBy(runtime.history(), 'node02', 'Good') === 1, runtime.nowMs() + 1000);
    t.is(writesBy(runtime.history(), 'node02', 'Good'), 1);

    // node01 returns: its fresh service finds the disk held by node02, a member of its view.
    await runtime.restart('node01');
    await runtime.runUntil(() => false, runtime.nowMs() + 2000);
    await input('node01', { type: 'Acquire', disk: dataDisk, members: members('node01', 'node02'), reason: 'Resource' });
    await runtime.runUntil(() => has('node01', 'DiskAcquireFailed'), runtime.nowMs() + 1000);
    t.like(outcomes('node01').find((o) => o.type === 'DiskAcquireFailed'), { reason: 'HeldByMember' });
    await runtime.runUntil(() => false, runtime.nowMs() + 10_000);
    t.like(outcomes('node02').at(-1), { type: 'WriteCompleted', result: 'Done' }, 'node02 kept the disk: no ReservationLost');
  } finally {
    await runtime.stop();
  }
});

test('seed 000 in sim: both nodes cut apart arbitrate the witness at the same moment, exactly one wins', async (t) => {
  for (const seed of [21, 22, 23]) {
    const { runtime, input, outcomes } = await start(seed);
    try {
      const witness = (node: string) => input(node, { type: 'ArbitrateWitness', disk: 'Witness', sizeBlocks: witnessSizeBlocks, arbitrationId: 1, viewNumber: 2, previousViewNumber: 1, coordinator: node, members: [node], timeoutMs: 20_000 });
      await Promise.all([witness('node01'), witness('node02')]);
      const answers = () => ['node01', 'node02'].flatMap((n) => outcomes(n).filter((o) => o.type === 'WitnessArbitrated'));
      t.true(await runtime.runUntil(() => answers().length === 2, runtime.nowMs() + 20_000), `seed ${seed}: both answered`);
      t.is(answers().filter((o) => o.won).length, 1, `seed ${seed}: ${JSON.stringify(answers())}`);
    } finally {
      await runtime.stop();
    }
  }
});
