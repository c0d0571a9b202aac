// The swarm's worlds and fault schedules (tests only), drawn from a seed: see swarm.test.ts.
import { Prng } from '@wsfc-lab/protocol';
import { nodeName, RegroupWorld, type WorldOptions } from './_harness.js';

/**
 * After the last fault heals (links up, crashed nodes restarted, witness reachable), every node
 * runs one view of all nodes within this many simulated ms. Its parts: the failure detector
 * reports the healed links (at most 1.5 s here); a joining node tries again at most every
 * joinRetryIntervalMs plus its back-off (5 s + up to 2.4 s); a round can wait out its opening
 * (5 s, a node that does not answer) and pruning (5 s, connectivity not yet full) stages and then
 * needs a second attempt after a back-off. Measured: at most 16.5 s over seeds 0–19 999, the median
 * under 1 s.
 */
export const convergenceBoundMs = 30_000;
export interface Drawn {
  options: WorldOptions;
  chaosMs: number;
  witnessOutage: boolean;
}

export function draw(seed: number): Drawn {
  const prng = new Prng(seed, 'swarm');
  const nodeCount = prng.between(2, 7);
  const witness = prng.chance(1, 2) ? 'Disk' : 'None';
  const latencyMsMax = prng.between(2, 60);
  const detectLostMsMin = prng.between(300, 2000);
  const options: WorldOptions = {
    seed,
    nodeCount,
    witness,
    DynamicQuorum: prng.chance(1, 10) ? 0 : 1,
    latencyMsMin: 1,
    latencyMsMax,
    dropNumerator: prng.chance(1, 3) ? prng.between(1, 5) : 0,
    dropDenominator: 100,
    detectLostMsMin,
    detectLostMsMax: detectLostMsMin + prng.between(0, 3000),
    detectUpMsMin: 50,
    detectUpMsMax: prng.between(100, 1500),
    arbitrationMsMin: 20,
    arbitrationMsMax: prng.between(50, 3000),
    validateMessages: seed % 10 === 0,
  };
  return { options, chaosMs: prng.between(10_000, 60_000), witnessOutage: witness === 'Disk' && prng.chance(1, 8) };
}

/** One fault, drawn from the ordered fault list (STYLE 16). */
function fault(w: RegroupWorld, prng: Prng, names: string[]): string {
  const a = prng.pick(names);
  const b = prng.pick(names.filter((n) => n !== a));
  const roll = prng.int(100);
  if (roll < 25) return (w.cut(a, b), `cut ${a}-${b}`);
  if (roll < 40) return (w.cut(a, b, { oneWay: true }), `cut ${a}>${b}`);
  if (roll < 60) return (w.heal(a, b), `heal ${a}-${b}`);
  if (roll < 70) {
    const side = names.filter(() => prng.chance(1, 2));
    w.partition(side, names.filter((n) => !side.includes(n)));
    return `partition {${side.join(',')}}`;
  }
  if (roll < 75) return (w.healAll(), 'heal all');
  if (roll < 87) return (w.crash(a), `crash ${a}`);
  const down = names.filter((n) => !w.alive(n));
  if (down.length === 0) return 'nothing';
  const up = prng.pick(down);
  return (w.start(up), `restart ${up}`);
}

export function runSwarm(seed: number): { convergedAfterMs: number; world: RegroupWorld; drawn: Drawn; faults: string[] } {
  const drawn = draw(seed);
  const w = new RegroupWorld(drawn.options);
  const prng = new Prng(seed, 'faults');
  const names = Array.from({ length: drawn.options.nodeCount }, (_, i) => nodeName(i + 1));
  for (const name of names) w.at(prng.between(0, 3000), `start ${name}`, () => w.start(name));
  const faults: string[] = [];
  if (drawn.witnessOutage) w.at(prng.between(0, drawn.chaosMs), 'witness unreachable', () => (w.witness.reachable = false));
  for (let atMs = prng.between(3000, 6000); atMs < drawn.chaosMs; atMs += prng.between(200, 4000)) {
    w.at(atMs, 'fault', () => faults.push(`${w.nowMs} ${fault(w, prng, names)}`));
  }
  w.runFor(drawn.chaosMs);
  w.healAll();
  w.witness.reachable = true;
  for (const name of names) w.start(name);
  const healedAtMs = w.nowMs;
  if (!w.runUntil(() => w.pending() === null, convergenceBoundMs)) w.fail(`no single view ${convergenceBoundMs} ms after healing: ${w.pending()}`);
  return { convergedAfterMs: w.nowMs - healedAtMs, world: w, drawn, faults };
}

export function describe(drawn: Drawn): string {
  const o = drawn.options;
  return `seed=${o.seed} nodes=${o.nodeCount} witness=${o.witness} DynamicQuorum=${o.DynamicQuorum} latencyMs=1..${o.latencyMsMax} drop=${o.dropNumerator}/100 detectLostMs=${o.detectLostMsMin}..${o.detectLostMsMax} detectUpMs=50..${o.detectUpMsMax} arbitrationMs=20..${o.arbitrationMsMax} chaosMs=${drawn.chaosMs} witnessOutage=${drawn.witnessOutage}`;
}

