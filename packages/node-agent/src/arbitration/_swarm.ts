// The seeded randomised schedule of swarm.test.ts, apart so a script can replay a seed with a
// profiler or a debugger (STYLE 14). See swarm.test.ts for what it draws and what it judges.
import { Prng } from '@wsfc-lab/protocol';
import { ArbitrationWorld, dataDisk } from './_harness.js';

const runMs = 120_000;
const tickMs = 250;

export interface Drawn {
  seed: number;
  nodes: string[];
  latencyMsMax: number;
  freezeMsMax: number;
}

export function draw(seed: number): Drawn {
  const prng = new Prng(seed, 'arbitration-swarm/params');
  const nodeCount = 2 + prng.int(2);
  return {
    seed,
    nodes: Array.from({ length: nodeCount }, (_, i) => `node0${i + 1}`),
    latencyMsMax: 0.2 + prng.int(40),
    freezeMsMax: 1000 + prng.int(14_000),
  };
}

function subsetWith(prng: Prng, nodes: string[], self: string): string[] {
  return nodes.filter((n) => n === self || prng.chance(1, 2));
}

/** One tick of the schedule: what happens to whom, drawn from the seed. */
function tick(world: ArbitrationWorld, prng: Prng, o: Drawn & { view: { number: number } }): void {
  const pick = () => o.nodes[prng.int(o.nodes.length)] as string;
  for (const node of o.nodes) {
    if (world.role(node, dataDisk) !== 'Online') continue;
    for (let i = 0; i < 3; i++) world.write(node, dataDisk, 2048 + prng.int(2048));
  }
  if (prng.chance(10, 100)) {
    const node = pick();
    world.acquire(node, dataDisk, subsetWith(prng, o.nodes, node));
  }
  if (prng.chance(2, 100)) world.input(pick(), { type: 'Release', disk: dataDisk });
  if (prng.chance(5, 100)) {
    const node = pick();
    world.input(node, { type: 'MembershipChanged', members: world.members(subsetWith(prng, o.nodes, node)) });
  }
  if (prng.chance(3, 100)) {
    const node = pick();
    const viewNumber = ++o.view.number;
    const previousViewNumber = Math.max(0, viewNumber - 1 - prng.int(3));
    world.witness(node, { arbitrationId: viewNumber, viewNumber, previousViewNumber, members: subsetWith(prng, o.nodes, node) });
  }
  if (prng.chance(1, 100)) world.kill(pick());
  if (prng.chance(3, 100)) {
    const dead = o.nodes.filter((n) => !world.node(n).alive);
    if (dead.length > 0) world.restart(dead[prng.int(dead.length)] as string);
  }
  if (prng.chance(2, 100)) world.freeze(pick(), 500 + prng.int(o.freezeMsMax));
  if (prng.chance(1, 100)) {
    const node = pick();
    world.pathsDown.add(node);
    world.at(world.nowMs + 1000 + prng.int(20_000), () => world.pathsDown.delete(node));
  }
  if (prng.chance(1, 200)) world.input(pick(), { type: 'Stop', reason: 'LostQuorum' });
}

export interface RunResult {
  violations: string[];
  epochs: number;
  acceptedWrites: number;
  defences: number;
  preemptions: number;
  losses: number;
  witnessWins: number;
}

/** One seed's run; `overrides` replaces drawn parameters (a replay under other conditions). */
export function run(seed: number, overrides: Partial<Omit<Drawn, 'seed'>> = {}): RunResult {
  const drawn = { ...draw(seed), ...overrides };
  const world = new ArbitrationWorld({ seed, nodes: drawn.nodes, latencyMsMin: 0.1, latencyMsMax: drawn.latencyMsMax });
  const prng = new Prng(seed, 'arbitration-swarm/schedule');
  const state = { ...drawn, view: { number: 1 } };
  for (let atMs = world.nowMs; atMs < runMs; atMs += tickMs) {
    world.runUntil(atMs);
    tick(world, prng, state);
  }
  world.pathsDown.clear();
  world.advance(30_000);
  return {
    violations: [...world.checkWriteSafety(), ...world.checkWitnessSafety()],
    epochs: world.epochs.filter((e) => e.disk === dataDisk).length,
    acceptedWrites: world.accepted.filter((w) => w.status === 'Good').length,
    defences: world.eventsOf('DiskReservationDefended').length,
    preemptions: world.eventsOf('DiskKeysPreempted').length,
    losses: world.eventsOf('DiskReservationLost').length,
    witnessWins: world.outcomes.filter((o) => o.outcome.type === 'WitnessArbitrated' && o.outcome.won).length,
  };
}

