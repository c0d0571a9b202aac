// Cluster networks in the `sim` runtime: three Hyper-V nodes with a client network, a cluster-only
// network and an iSCSI network. node02's NIC on the Cluster network goes down at the fabric: after
// Threshold missed heartbeats the others log 1126 (node02's interface unreachable) and 1129, node02
// logs 1127 (its own interface failed) and 1129, and Get-ClusterNetwork shows "Cluster Network 2"
// Partitioned. node02 stays reachable on Management. The NIC back up, the network is Up again
// within a heartbeat or two, and nothing more is logged (the real product has no recovery event).
import test from 'ava';
import type { CommandReply, HistoryEntry, NetworkEvent } from '@wsfc-lab/protocol';
import { parseLabText } from '../config/mod.js';
import { SimRuntime } from '../runtime/sim/sim-runtime.js';
import { buildLab } from './build-lab.js';

const labText = `
domain: wsfc.local
networks:
  - { name: Management, subnet: 172.16.1.0/24, role: ClusterAndClient, gateway: 172.16.1.254 }
  - { name: Cluster,    subnet: 10.0.1.0/24,   role: ClusterOnly }
  - { name: Storage,    subnet: 10.0.2.0/24,   role: None }
directory: { name: dc01, address: 172.16.1.1 }
storageTarget:
  name: host
  address: 10.0.2.1
  allowedInitiators: [node01, node02, node03]
  disks:
    - { name: Witness, sizeGiB: 1 }
nodes:
  - { name: node01, addresses: { Management: 172.16.1.11, Cluster: 10.0.1.11, Storage: 10.0.2.11 } }
  - { name: node02, addresses: { Management: 172.16.1.12, Cluster: 10.0.1.12, Storage: 10.0.2.12 } }
  - { name: node03, addresses: { Management: 172.16.1.13, Cluster: 10.0.1.13, Storage: 10.0.2.13 } }
cluster:
  name: wsfc-cluster
  address: 172.16.1.100
  witness: { type: Disk, disk: Witness }
  csv: []
  settings: {}
roles: []
vms: []
`;

const nodes = ['node01', 'node02', 'node03'];
const networkEventTypes = new Set(['NetInterfaceUnreachable', 'NetInterfaceFailed', 'NetworkPartitioned', 'NetworkDown']);
const networkEvents = (history: readonly HistoryEntry[]) => history.filter((e): e is HistoryEntry & { event: NetworkEvent } => networkEventTypes.has(e.event.type));

type Row = { Name: string; State: string };

function start(seed: number) {
  const spec = parseLabText(labText, 'networks.yaml');
  if (!spec.ok) throw new Error(`the test lab is invalid: ${JSON.stringify(spec.errors)}`);
  const lab = buildLab(spec.value);
  const runtime = new SimRuntime({ actors: lab.actors, fabric: lab.fabric, seed });
  /** Each node's interface states, as its membership keeps them (undefined before its service starts). */
  const interfaces = (node: string) =>
    (runtime.inspect(node) as { membership?: { networks?: { interfaces: Record<string, string> } } } | undefined)?.membership?.networks?.interfaces;
  const allUp = () => nodes.every((node) => Object.values(interfaces(node) ?? { none: 'Unavailable' }).every((s) => s === 'Up'));
  const rows = async (node: string, name: string, parameters: Record<string, unknown> = {}): Promise<string[]> => {
    const reply: CommandReply | undefined = await runtime.command(node, { type: 'Cmdlet', name, parameters });
    if (!reply?.ok) throw new Error(`${name} on ${node}: ${reply ? reply.error.message : 'no reply'}`);
    return (reply.output as Row[]).map((r) => `${r.Name}: ${r.State}`);
  };
  return { runtime, interfaces, allUp, rows };
}

test("sim: node02's Cluster NIC down logs 1126/1127 and 1129 once, Get-ClusterNetwork shows Cluster Network 2 Partitioned; the NIC back, Up", async (t) => {
  const { runtime, interfaces, allUp, rows } = start(5);
  await runtime.start();
  try {
    t.true(await runtime.runUntil(allUp, 30_000), 'every node sees every interface Up');
    t.deepEqual(await rows('node01', 'Get-ClusterNetwork'), ['Cluster Network 1: Up', 'Cluster Network 2: Up', 'Cluster Network 3: Up']);

    const downAtMs = runtime.nowMs();
    runtime.updateFabric((fabric) => fabric.setNic('node02', 'Cluster', false));
    const detected = () => interfaces('node01')?.['node02 - Cluster'] === 'Unreachable' && interfaces('node02')?.['node02 - Cluster'] === 'Failed';
    t.true(await runtime.runUntil(detected, downAtMs + 20_000), 'node01 and node02 judge the Cluster network');
    await runtime.runUntil(() => false, runtime.nowMs() + 10_000); // it stays so: nothing more is logged
    const logged = networkEvents(runtime.history()).map((e) => `${e.source} ${e.event.type} ${'networkInterface' in e.event ? e.event.networkInterface : e.event.network}`);
    t.deepEqual(logged.sort(), [
      'node01 NetInterfaceUnreachable node02 - Cluster',
      'node01 NetworkPartitioned Cluster Network 2',
      'node02 NetInterfaceFailed node02 - Cluster',
      'node02 NetworkPartitioned Cluster Network 2',
      'node03 NetInterfaceUnreachable node02 - Cluster',
      'node03 NetworkPartitioned Cluster Network 2',
    ]);
    const firstAtMs = Math.min(...networkEvents(runtime.history()).map((e) => e.atMs));
    t.true(firstAtMs - downAtMs >= 9000, `not before SameSubnetThreshold heartbeats are missed: ${firstAtMs - downAtMs} ms`);
    t.deepEqual(await rows('node01', 'Get-ClusterNetwork'), ['Cluster Network 1: Up', 'Cluster Network 2: Partitioned', 'Cluster Network 3: Up']);
    t.deepEqual(await rows('node01', 'Get-ClusterNetworkInterface', { Node: 'node02' }), ['node02 - Management: Up', 'node02 - Cluster: Unreachable', 'node02 - Storage: Up']);

    const loggedBefore = networkEvents(runtime.history()).length;
    runtime.updateFabric((fabric) => fabric.setNic('node02', 'Cluster', true));
    t.true(await runtime.runUntil(allUp, runtime.nowMs() + 5000), 'Up again within a few heartbeats');
    t.deepEqual(await rows('node02', 'Get-ClusterNetwork', { Name: 'Cluster Network 2' }), ['Cluster Network 2: Up']);
    t.is(networkEvents(runtime.history()).length, loggedBefore, 'no event for the recovery');
  } finally {
    await runtime.stop();
  }
});
