// The `disk:` selector against the real storage target actor in `sim`, on the seed 000 lab. The
// nodes run node-agent's arbitration driver (as lab/arbitration.test.ts does) so that real SCSI-3
// persistent-reservation commands, with the cluster's keys, reach the target.
import test from 'ava';
import { arbitration } from '@wsfc-lab/node-agent';
import { defaultLab, type Matcher } from '../config/mod.js';
import { buildLab } from '../lab/build-lab.js';
import { ClusterView } from '../observe/cluster-view.js';
import { SimRuntime } from '../runtime/sim/sim-runtime.js';
import { diskObject, holderOfKey } from './disk-reads.js';
import { runExpect } from './expect.js';
import { observe } from './observe.js';

const driver = { url: new URL('../../../node-agent/dist/arbitration/_lab-actor.js', import.meta.url).href, exportName: 'arbitrationLabActor' };
const dataDisk = 'Cluster Disk 1';
const members = (...names: string[]) => names.map((name) => ({ name, nodeId: Number(name.slice(-2)) }));
const eq = (value: string | number | null): Matcher => ({ op: 'eq', value });

async function start(seed: number) {
  const lab = buildLab(defaultLab());
  for (const actor of lab.actors) if (actor.kind === 'node') actor.definitionModule = driver;
  const runtime = new SimRuntime({ actors: lab.actors, fabric: lab.fabric, seed });
  await runtime.start();
  await runtime.runUntil(() => false, 2000); // logins and LUN scans
  const acquire = async (node: string, ...view: string[]) => {
    const reply = await runtime.command(node, { type: 'Cmdlet', name: 'Arbitration-Input', parameters: { type: 'Acquire', disk: dataDisk, members: members(...view), reason: 'Resource' } });
    if (!reply?.ok) throw new Error(`Acquire on ${node}: ${reply ? reply.error.message : 'no reply'}`);
  };
  const ctx = { runtime, view: new ClusterView(lab.nodes), lab, clusterName: 'wsfc-cluster' };
  return { runtime, ctx, acquire };
}

const expectDisk = (properties: Record<string, Matcher>, withinMs?: number) => ({
  kind: 'expect' as const,
  at: { file: 'test.yaml', line: 1 },
  selector: { kind: 'disk' as const, name: dataDisk },
  properties,
  ...(withinMs === undefined ? {} : { withinMs }),
});

test('disk: the target\'s view of Cluster Disk 1 before and after node01 reserves it, and after node02 preempts it', async (t) => {
  const { runtime, ctx, acquire } = await start(11);
  try {
    const before = await observe({ kind: 'disk', name: 'cluster disk 1' }, { ReservationHolder: eq(null), RegisteredKeys: eq(0) }, ctx);
    t.true(before.ok, before.detail);

    await acquire('node01', 'node01', 'node02');
    const held = await runExpect(expectDisk({ ReservationHolder: eq('node01'), ReservationType: eq('WriteExclusiveRegistrantsOnly'), RegisteredKeys: { op: 'atLeast', n: 1 } }, 5000), ctx);
    t.true(held.ok, held.detail);
    const generation = await observe({ kind: 'disk', name: dataDisk }, { Generation: { op: 'atLeast', n: 1 } }, ctx);
    t.true(generation.ok, generation.detail);

    // node01's worker dies; node02 challenges, waits, and preempts node01's key.
    await runtime.kill('node01');
    await acquire('node02', 'node02');
    const stillNode01 = await observe({ kind: 'disk', name: dataDisk }, { ReservationHolder: eq('node02') }, ctx);
    t.false(stillNode01.ok, 'the challenger waits before it preempts');
    t.is(stillNode01.detail, 'disk "Cluster Disk 1" ReservationHolder is "node01", expected "node02"');
    const moved = await runExpect(expectDisk({ ReservationHolder: eq('node02'), RegisteredKeys: eq(1) }, 30_000), ctx);
    t.true(moved.ok, moved.detail);
    t.regex(moved.detail, /^held after \d+ ms: disk "Cluster Disk 1" ReservationHolder = "node02", RegisteredKeys = 1$/);
  } finally {
    await runtime.stop();
  }
});

test('disk: an unknown LUN names the LUNs there are; a stopped target is named', async (t) => {
  const { runtime, ctx } = await start(12);
  try {
    const unknown = await observe({ kind: 'disk', name: 'Cluster Disk 9' }, { RegisteredKeys: eq(0) }, ctx);
    t.false(unknown.ok);
    t.is(unknown.detail, 'disk "Cluster Disk 9" is not a LUN of the storage target host (it has "Cluster Disk 1", "Witness")');
    const sizes = await observe({ kind: 'disk', name: 'Witness' }, { Size: eq(1024 ** 3) }, ctx);
    t.true(sizes.ok, sizes.detail);
    await runtime.kill('host');
    const down = await observe({ kind: 'disk', name: dataDisk }, { RegisteredKeys: eq(0) }, ctx);
    t.is(down.detail, 'cannot read disk "Cluster Disk 1": the storage target host is not running');
  } finally {
    await runtime.stop();
  }
});

test('ReservationHolder is decoded from the holder\'s key: the node ID in the lab\'s node order', (t) => {
  const nodes = ['node01', 'node02', 'node03'];
  const clusterTag = arbitration.clusterTagOf('wsfc-cluster');
  const keyOf = (nodeId: number) => arbitration.reservationKeyOf({ clusterTag, nodeId });
  t.is(holderOfKey(keyOf(3), { clusterName: 'wsfc-cluster', nodes }), 'node03');
  t.is(holderOfKey(keyOf(3), { clusterName: 'other-cluster', nodes }), undefined, 'another cluster\'s key');
  t.is(holderOfKey(keyOf(4), { clusterName: 'wsfc-cluster', nodes }), undefined, 'no such node');
  t.is(holderOfKey('not a key', { clusterName: 'wsfc-cluster', nodes }), undefined);
  // The key wins over the initiator name; without a cluster name the target's IQN-derived name stands.
  const view = { Name: dataDisk, Path: 'p', ReservationHolder: 'node01', ReservationKey: keyOf(2), ReservationType: 'WriteExclusiveRegistrantsOnly', RegisteredKeys: 2, Generation: 5 };
  t.like(diskObject(view, [{ Path: 'p', Size: 20, Status: 'Connected' }], { clusterName: 'wsfc-cluster', nodes }), { ReservationHolder: 'node02', Size: 20, Status: 'Connected', Generation: 5 });
  t.like(diskObject(view, [], { clusterName: undefined, nodes }), { ReservationHolder: 'node01', Status: null });
  t.like(diskObject({ ...view, ReservationHolder: null, ReservationKey: '0x0000000000000000' }, [], { clusterName: 'wsfc-cluster', nodes }), { ReservationHolder: null });
});
