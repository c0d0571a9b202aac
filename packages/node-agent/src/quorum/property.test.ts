// Property test: random clusters (1–9 nodes, some with NodeWeight 0, any witness type, sometimes a
// LowerQuorumPriorityNodeID) go through random sequences of single failures, graceful shutdowns,
// joins and witness failures/returns under dynamic quorum. After every change that kept quorum:
//   - the votes in play are odd whenever a voting member or the held witness can make them so;
//   - only members with NodeWeight 1 have a vote;
//   - with 3 or more votes in play, any single further failure (a node or the witness) keeps quorum;
// and at every point no two disjoint partitions of the nodes can both have quorum. A change that
// loses quorum is allowed only where the last vote was lost (votes in play were 1).
// Replay one run: WSFC_SEED=<seed> WSFC_RUNS=1 npx ava packages/node-agent/dist/quorum/property.test.js
import test from 'ava';
import { Prng } from '@wsfc-lab/protocol';
import { hasQuorum } from './check.js';
import type { QuorumConfig, WitnessType } from './config.js';
import { cluster, formed, step, weights, type ClusterView } from './_fixtures.js';
import type { VoteChange } from './vote-change.js';
import { checkVoteState, votesInPlay } from './votes.js';

const baseSeed = Number(process.env.WSFC_SEED ?? 20240207);
const runs = Number(process.env.WSFC_RUNS ?? 300);
const stepsPerRun = 60;
const splitsPerStep = 12;

function randomConfig(prng: Prng): QuorumConfig {
  const nodes = prng.between(1, 9);
  const names = Array.from({ length: nodes }, (_, i) => `node${String(i + 1).padStart(2, '0')}`);
  const noVote = names.filter(() => prng.chance(1, 6));
  const witness = prng.pick<WitnessType>(['None', 'Disk', 'FileShare', 'Cloud']);
  const LowerQuorumPriorityNodeID = prng.chance(1, 3) ? prng.between(1, nodes) : 0;
  return cluster({ nodes, witness, noVote, LowerQuorumPriorityNodeID });
}

function randomChange(prng: Prng, view: ClusterView): VoteChange {
  const members = [...view.members];
  const outside = view.config.nodes.map((node) => node.name).filter((name) => !view.members.has(name));
  const choices: (() => VoteChange)[] = [];
  if (members.length > 0) {
    choices.push(() => ({ type: 'NodesFailed', nodes: [prng.pick(members)], witnessHeld: view.witnessHeld }));
    choices.push(() => ({ type: 'NodeShutdown', node: prng.pick(members) }));
  }
  if (outside.length > 0) choices.push(() => ({ type: 'NodeJoined', node: prng.pick(outside) }), () => ({ type: 'NodeJoined', node: prng.pick(outside) }));
  if (view.config.witness.type !== 'None') choices.push(() => ({ type: view.witnessHeld ? 'WitnessFailed' : 'WitnessOnline' }));
  return prng.pick(choices)();
}

/** Random disjoint partitions A and B (a node may be in neither); at most one holds the witness. */
function splitViolation(prng: Prng, view: ClusterView): string | undefined {
  const { config, votes } = view;
  for (let i = 0; i < splitsPerStep; i++) {
    const a = new Set<string>();
    const b = new Set<string>();
    for (const node of config.nodes) {
      const side = prng.int(3);
      if (side === 0) a.add(node.name);
      if (side === 1) b.add(node.name);
    }
    const witnessSide = prng.int(3);
    const qa = hasQuorum({ config, votes, present: a, witnessHeld: witnessSide === 0 });
    const qb = hasQuorum({ config, votes, present: b, witnessHeld: witnessSide === 1 });
    if (qa.quorum && qb.quorum) return `both {${[...a].join()}} and {${[...b].join()}} have quorum (${qa.detail} / ${qb.detail})`;
  }
  return undefined;
}

function keptViolation(view: ClusterView): string | undefined {
  const { config, votes, members, witnessHeld } = view;
  checkVoteState(config, votes);
  const total = votesInPlay(config, votes);
  const voters = config.nodes.filter((node) => node.NodeWeight === 1 && members.has(node.name));
  if ((voters.length > 0 || witnessHeld) && total % 2 === 0) return `votes in play ${total} are even (${weights(view)})`;
  const stray = config.nodes.find((node) => votes.DynamicWeight[node.name] === 1 && !members.has(node.name));
  if (stray !== undefined) return `${stray.name} is not a member but has a vote`;
  if (total < 3) return undefined;
  for (const lost of members) {
    const present = new Set([...members].filter((name) => name !== lost));
    if (present.size > 0 && !hasQuorum({ config, votes, present, witnessHeld }).quorum) return `losing ${lost} next would lose quorum (${weights(view)})`;
  }
  if (!hasQuorum({ config, votes, present: members, witnessHeld: false }).quorum) return `losing the witness next would lose quorum (${weights(view)})`;
  return undefined;
}

function runOnce(seed: number, outcomes: Record<string, number>): string | undefined {
  const prng = new Prng(seed, 'quorum-property');
  const config = randomConfig(prng);
  let view = formed(config);
  const history: string[] = [];
  for (let i = 0; i < stepsPerRun; i++) {
    const where = () => `seed=${seed} step ${i} after [${history.join('; ')}]`;
    const split = splitViolation(prng, view);
    if (split !== undefined) return `${where()}: ${split}`;
    const change = randomChange(prng, view);
    history.push(JSON.stringify(change));
    const totalBefore = votesInPlay(config, view.votes);
    const result = step(view, change);
    outcomes[result.type] = (outcomes[result.type] ?? 0) + 1;
    if (result.type === 'QuorumKept') {
      view = { config, votes: result.votes, members: result.members, witnessHeld: result.witnessHeld };
      const violation = keptViolation(view);
      if (violation !== undefined) return `${where()}: ${violation}`;
      continue;
    }
    if (result.type === 'QuorumLost' && totalBefore !== 1) return `${where()}: quorum lost with ${totalBefore} votes in play (${result.check.detail})`;
    // The cluster is down (quorum lost, or the last node shut down): start it again, as an admin would.
    history.length = 0;
    view = formed(config);
  }
  return undefined;
}

test('dynamic quorum keeps the votes odd, survives the next single failure, and never lets two partitions both have quorum', (t) => {
  t.log(`seed=${baseSeed} runs=${runs}`);
  const violations: string[] = [];
  const outcomes: Record<string, number> = {};
  for (let run = 0; run < runs; run++) {
    const violation = runOnce(baseSeed + run, outcomes);
    if (violation !== undefined) violations.push(violation);
  }
  t.log(`outcomes: ${JSON.stringify(outcomes)}`);
  t.true((outcomes.QuorumLost ?? 0) > 0 && (outcomes.QuorumKept ?? 0) > 0, 'the runs reach both outcomes');
  const first = violations[0];
  if (first !== undefined) {
    const seed = first.match(/^seed=(\d+)/)?.[1] ?? '?';
    t.log(`replay: WSFC_SEED=${seed} WSFC_RUNS=1 npx ava packages/node-agent/dist/quorum/property.test.js`);
  }
  t.deepEqual(violations.slice(0, 3), [], `${violations.length} of ${runs} runs broke an invariant (base seed=${baseSeed})`);
});
