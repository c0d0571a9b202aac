// The protected-network check on one owner (node01) of six running clustered VMs, driven by hand:
// the node's own interface verdict is a stub, time advances in GumTick steps of 100 ms, and the
// migrations it asks for stay where the host's queue puts them (no frames are delivered).
import test from 'ava';
import type { LabEvent } from '@wsfc-lab/protocol';
import { Bench, GiB, vmConfig } from '../hyperv/_fixtures.js';
import { addVirtualMachineRole, vmResourceName, type ClusterObjects } from '../resources/mod.js';
import { heartbeatDefaults } from '../settings.js';
import { encodeObjects } from './schema.js';
import { checkProtectedNetworks, vmIsAlivePollMs } from './protected-network.js';
import { interfaceStatePath } from './protected-network-health.js';
import type { ClusterHost, ClusterState, ClusterWork } from './types.js';

const nodes = ['node01', 'node02', 'node03'];
const networks = [
  { name: 'Cluster', subnet: '172.16.2.0/24', role: 'ClusterOnly' as const },
  { name: 'Public', subnet: '172.16.1.0/24', role: 'ClusterAndClient' as const },
];
const addressesOf = (i: number) => ({ Cluster: `172.16.2.${i + 5}`, Public: `172.16.1.${i + 5}` });

interface World {
  bench: Bench;
  state: ClusterState;
  host: ClusterHost;
  /** node01's own interface on Public ("Cluster Network 2"). */
  publicFailed: boolean;
  work: ClusterWork[];
}

function objectsWith(vms: string[]): ClusterObjects {
  let objects: ClusterObjects = { groups: [], resources: [] };
  for (const name of vms) {
    const built = addVirtualMachineRole(objects, { vm: vmConfig(name, { memoryStartupBytes: 4 * GiB }), ownerNode: 'node01', priority: 2000, preferredOwners: [], diskJoinsRole: false, running: true });
    if (!built.ok) throw new Error(built.error.message);
    objects = built.value;
  }
  return objects;
}

function world(o: { unmonitored?: string[]; entries?: Record<string, string> } = {}): World {
  const bench = new Bench();
  const th = bench.addHost('node01');
  th.h.host.MaximumVirtualMachineMigrations = 2;
  const vms = ['vm01', 'vm02', 'vm03', 'vm04', 'vm05', 'vm06'];
  for (const name of vms) bench.running('node01', vmConfig(name, { clustered: true, memoryStartupBytes: 4 * GiB, adapters: [{ name: 'Network Adapter', switchName: 'Public', clusterMonitored: !(o.unmonitored ?? []).includes(name) }] }));
  const hosted = Object.fromEntries(vms.map((name) => [vmResourceName(name), { state: 'Online' as const, sinceMs: 0 }]));
  const state = {
    config: { name: 'node01', id: 1, networks, addresses: addressesOf(0), peers: nodes.slice(1).map((name, i) => ({ name, id: i + 2, addresses: addressesOf(i + 1) })), settings: heartbeatDefaults },
    view: { members: nodes.map((name, i) => ({ name, nodeId: i + 1 })) },
    gum: { role: { role: 'Member', confirmed: true }, copy: { entries: { ...encodeObjects(objectsWith(vms)), ...o.entries } } },
    identity: { nodes: nodes.map((name, i) => ({ name, id: i + 1, NodeWeight: 1 })) },
    rcm: { hosted },
    nextRequestNumber: 1,
  } as unknown as ClusterState;
  const w: World = { bench, state, host: undefined as unknown as ClusterHost, publicFailed: false, work: [] };
  w.host = {
    io: th.io,
    hyperv: { state: th.h, host: th.host },
    interfaceOn: (network: string) => ({ name: 'node01 - x', state: network === 'Cluster Network 2' && w.publicFailed ? 'Failed' : 'Up', networkState: 'Up' }),
  } as unknown as ClusterHost;
  return w;
}

/** GumTicks every 100 ms for `ms`; what the node proposes is committed before the next tick. */
function run(w: World, ms: number): void {
  for (let t = 0; t < ms; t += 100) {
    w.bench.nowMs += 100;
    const before = w.work.length;
    checkProtectedNetworks(w.state, w.host, w.work);
    w.bench.collect('node01');
    const committed = w.work.slice(before).flatMap((item) => (item.type === 'Gum' && item.input.type === 'Propose' ? item.input.changes : []));
    const entries: Record<string, unknown> = { ...w.state.gum.copy.entries };
    for (const change of committed) if (change.op === 'SetValue') entries[change.path] = change.value;
    if (committed.length > 0) Object.assign(w.state.gum.copy, { entries });
  }
}

const eventsOf = (w: World, type: LabEvent['type']) => w.bench.events.filter((e) => e.event.type === type).map((e) => e.event as Extract<LabEvent, { type: 'VmNetworkFailure' }> & Record<string, unknown>);
const outgoing = (w: World) => w.bench.get('node01').h.outgoing;
const proposals = (w: World) => w.work.flatMap((item) => (item.type === 'Gum' && item.input.type === 'Propose' ? item.input.changes : []));

test("each VM's health check runs at its own phase within one IsAlivePollInterval (60 s)", (t) => {
  const w = world();
  run(w, 100);
  const phases = Object.values(w.bench.get('node01').h.vms).map((vm) => vm.networkCheck?.atMs ?? -1);
  t.is(vmIsAlivePollMs, 60_000);
  t.true(phases.every((at) => at >= 100 && at < 100 + vmIsAlivePollMs));
  t.true(new Set(phases).size >= 5, `phases ${phases.join(', ')}`);
});

test('the NIC under the switch fails: the node says so once, each VM notices at its own check, and the moves queue behind the limit of 2', (t) => {
  const w = world({ entries: { [interfaceStatePath('node03', 'Public')]: 'Failed' } });
  run(w, 1_000);
  w.publicFailed = true;
  run(w, 1_000);
  t.deepEqual(proposals(w), [{ op: 'SetValue', path: interfaceStatePath('node01', 'Public'), value: 'Failed' }], 'written once, not every tick');
  // Within the settling time (one route-failure threshold, 10 s) nothing is judged.
  run(w, 8_000);
  t.is(eventsOf(w, 'VmNetworkFailure').length, 0);
  run(w, vmIsAlivePollMs);
  const failures = eventsOf(w, 'VmNetworkFailure');
  t.is(failures.length, 6, 'each VM logs 1255 once');
  t.like(failures[0], { switchName: 'Public', adapter: 'Network Adapter', node: 'node01' });
  t.deepEqual([...new Set(eventsOf(w, 'ProtectedNetworkMove').map((e) => e.target))], ['node02'], 'never node03, whose NIC failed too');
  t.is(outgoing(w).length, 6);
  t.is(outgoing(w).filter((m) => m.phase !== 'Queued').length, 2);
  t.true(eventsOf(w, 'MigrationQueued').length >= 1);
});

test('detection is spread: some VMs have not noticed 20 s into the failure', (t) => {
  const w = world();
  run(w, 100);
  w.publicFailed = true;
  run(w, 25_000);
  const noticed = eventsOf(w, 'VmNetworkFailure').length;
  t.true(noticed < 6, `${noticed} noticed`);
  run(w, vmIsAlivePollMs);
  t.is(eventsOf(w, 'VmNetworkFailure').length, 6);
});

test('an unmonitored adapter never causes a move', (t) => {
  const w = world({ unmonitored: ['vm02', 'vm05'] });
  run(w, 100);
  w.publicFailed = true;
  run(w, 80_000);
  t.deepEqual(
    outgoing(w).map((m) => m.vm).sort(),
    ['vm01', 'vm03', 'vm04', 'vm06'],
  );
  t.false(eventsOf(w, 'VmNetworkFailure').some((e) => e.group === 'vm02' || e.group === 'vm05'));
});

test('when no other node has the network working, nothing moves', (t) => {
  const w = world({ entries: { [interfaceStatePath('node02', 'Public')]: 'Failed', [interfaceStatePath('node03', 'Public')]: 'Failed' } });
  run(w, 100);
  w.publicFailed = true;
  run(w, 150_000);
  t.is(outgoing(w).length, 0);
  t.is(eventsOf(w, 'VmNetworkFailure').length, 6);
  t.true(eventsOf(w, 'ProtectedNetworkNoTarget').length >= 6);
});

test('the NIC comes back: queued moves are cancelled and the VMs stay, the two in flight go on', (t) => {
  const w = world();
  run(w, 100);
  w.publicFailed = true;
  run(w, 80_000);
  t.is(outgoing(w).length, 6);
  w.publicFailed = false;
  run(w, 200);
  t.is(outgoing(w).length, 2);
  t.true(outgoing(w).every((m) => m.phase !== 'Queued'));
  t.is(eventsOf(w, 'MigrationCancelled').length, 4);
  t.is(eventsOf(w, 'ProtectedNetworkRecovered').filter((e) => e.cancelledQueued === true).length, 4);
  t.like(proposals(w).at(-1), { path: interfaceStatePath('node01', 'Public'), value: 'Up' });
  run(w, 2 * vmIsAlivePollMs);
  t.is(outgoing(w).length, 2, 'nothing more leaves');
});
