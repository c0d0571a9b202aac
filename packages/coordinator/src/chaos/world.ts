// A swarm seed's world (STYLE 14: each seed is a different world): the node count (2–16; one world
// in four is a big one of 6–16 nodes, the rest 2–5, which keeps a swarm's seeds fast), one or two networks and their latency, the VMs on a Cluster Shared Volume (0–8), a
// File Server role on its own disk, the background frame loss during the fault phase and the fault
// rates. It goes through the lab file contract (parseLabText), so every default of the product is
// filled in as for a user's file, and `describeWorld` prints everything drawn.
import { Prng } from '@wsfc-lab/protocol';
import { formatIssue, parseLabText, type LabSpec } from '../config/mod.js';
import { ChaosError } from './errors.js';
import { chaosFaultKinds, type FaultRates } from './schedule.js';

export interface World {
  seed: number;
  nodeCount: number;
  networkCount: 1 | 2;
  vmCount: number;
  latencyMs: number;
  /** Frame loss on every network while faults run (healing sets it to 0). */
  lossPercent: number;
  rates: FaultRates;
}

export const worldLimits = { nodeCountMin: 2, smallNodeCountMax: 5, nodeCountMax: 16, vmCountMax: 8 } as const;

export function drawWorld(seed: number): World {
  const prng = new Prng(seed, 'world');
  const weights = Object.fromEntries(chaosFaultKinds.map((kind) => [kind, prng.between(0, 4)])) as FaultRates['weights'];
  // At least one kill kind, so a kills budget can be spent in every world.
  if (weights.nodeKill === 0) weights.nodeKill = 1;
  const gapMsMin = prng.between(2_000, 10_000);
  const durationMsMin = prng.between(1_000, 10_000);
  return {
    seed,
    nodeCount: prng.chance(1, 4) ? prng.between(worldLimits.smallNodeCountMax + 1, worldLimits.nodeCountMax) : prng.between(worldLimits.nodeCountMin, worldLimits.smallNodeCountMax),
    networkCount: prng.chance(1, 2) ? 1 : 2,
    vmCount: prng.between(0, worldLimits.vmCountMax),
    latencyMs: prng.pick([0.1, 0.2, 0.5, 1, 2]),
    lossPercent: prng.pick([0, 0, 1, 2, 5]),
    rates: { weights, gapMsMin, gapMsMax: gapMsMin + prng.between(0, 20_000), durationMsMin, durationMsMax: durationMsMin + prng.between(0, 30_000), lossPercentMax: prng.pick([5, 10, 20]) },
  };
}

export const nodeName = (index: number): string => `node${String(index + 1).padStart(2, '0')}`;

/** The lab file (as an object) of a world. */
export function worldLabFile(world: World): Record<string, unknown> {
  const nodes = Array.from({ length: world.nodeCount }, (_, i) => nodeName(i));
  const networks = [
    { name: 'Management', subnet: '172.16.1.0/24', role: 'ClusterAndClient', bandwidthGbps: 1, latencyMs: world.latencyMs },
    { name: 'Cluster', subnet: '10.0.1.0/24', role: 'ClusterOnly', bandwidthGbps: 10, latencyMs: world.latencyMs },
  ].slice(0, world.networkCount);
  const addresses = (i: number) => Object.fromEntries(networks.map((n) => [n.name, `${n.subnet.split('.').slice(0, 3).join('.')}.${5 + 5 * i}`]));
  return {
    domain: 'wsfc.local',
    networks,
    directory: { name: 'dc01', address: '172.16.1.1' },
    storageTarget: { name: 'host', address: '172.16.1.1', allowedInitiators: nodes, disks: [{ name: 'Cluster Disk 1', sizeGiB: 200 }, { name: 'Cluster Disk 2', sizeGiB: 20 }, { name: 'Witness', sizeGiB: 1 }] },
    nodes: nodes.map((name, i) => ({ name, addresses: addresses(i), memoryGiB: 64 })),
    cluster: { name: 'wsfc-cluster', address: '172.16.1.100', witness: { type: 'Disk', disk: 'Witness' }, csv: ['Cluster Disk 1'] },
    roles: [{ name: 'File Server', disk: 'Cluster Disk 2' }],
    vms: Array.from({ length: world.vmCount }, (_, i) => ({ name: `vm${String(i + 1).padStart(2, '0')}`, memoryGiB: 2, workingSetGiB: 1, dirtyRateMBps: 20, storage: 'Cluster Disk 1', host: nodes[i % nodes.length] })),
  };
}

export function worldLab(world: World): LabSpec {
  const parsed = parseLabText(JSON.stringify(worldLabFile(world)), `<chaos world of seed ${world.seed}>`);
  if (!parsed.ok) throw new ChaosError(`the world of seed ${world.seed} is not a valid lab: ${parsed.errors.map(formatIssue).join('; ')}`);
  return parsed.value;
}

/** Everything the seed drew, on one line. */
export function describeWorld(world: World): string {
  const w = world.rates.weights;
  const weights = chaosFaultKinds.map((k) => `${k}:${w[k]}`).join(' ');
  return (
    `seed=${world.seed} nodes=${world.nodeCount} networks=${world.networkCount} vms=${world.vmCount} latencyMs=${world.latencyMs} lossPercent=${world.lossPercent} ` +
    `gapMs=${world.rates.gapMsMin}-${world.rates.gapMsMax} durationMs=${world.rates.durationMsMin}-${world.rates.durationMsMax} lossPercentMax=${world.rates.lossPercentMax} weights={${weights}}`
  );
}
