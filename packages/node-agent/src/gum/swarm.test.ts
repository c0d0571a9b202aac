// Seeded random schedules (a small VOPR, STYLE 14-15): each seed draws a cluster size, a loss
// rate, latencies and a fault schedule (crashes, above all of the locker in the middle of an
// update; restarts from the persisted copy; partitions; spurious regroups; requests from every
// node). Views always keep a majority of the nodes, as the quorum layer ensures. After the chaos,
// everything heals and the run must settle: every member holds the same copy, every committed
// request is in it. The harness checks after every step that sequences are gapless, that an epoch
// and a sequence name one update everywhere, that equal digests mean equal contents, and that no
// node applies a request twice; one seed in 25 also checks every message against its schema.
// GUM_SEED=<n> replays one seed.
import test from 'ava';
import { Prng } from '@wsfc-lab/protocol';
import { GumCluster, failureReport, randomChanges } from './_harness.js';

const seedCount = 300;
const chaosMs = 3_000;
const replayHint = (seed: number) => `GUM_SEED=${seed} npx ava packages/node-agent/dist/gum/swarm.test.js`;

interface Coverage {
  committed: number;
  lockerCrashesMidUpdate: number;
  snapshots: number;
  stuckReports: number;
  viewChanges: number;
}

function healthy(c: GumCluster): string[] {
  return c.nodes.filter((n) => n.state !== undefined && !n.isolated).map((n) => n.name);
}

/** One fault or request, drawn from the schedule's stream. */
function act(c: GumCluster, prng: Prng, majority: number, coverage: Coverage): void {
  const roll = prng.int(100);
  const inView = c.members.filter((n) => c.node(n).state !== undefined && !c.node(n).isolated);
  const regroup = () => {
    coverage.viewChanges++;
    c.setView(healthy(c));
  };
  if (roll < 55) {
    const node = prng.pick(c.alive());
    c.propose(node.name, randomChanges(prng, `${node.name}-${node.incarnation}-${node.proposed + 1}`));
  } else if (roll < 68) {
    if (healthy(c).length - 1 < majority || inView.length === 0) return;
    const locker = c.members[0] as string;
    const lockerState = c.node(locker).state;
    const victim = prng.chance(1, 2) && lockerState !== undefined ? locker : prng.pick(inView);
    if (victim === locker && lockerState?.role.role === 'Locker' && lockerState.role.awaitingCommit.length > 0) coverage.lockerCrashesMidUpdate++;
    c.crash(victim);
    if (prng.chance(3, 4)) regroup(); // else regroup notices later
  } else if (roll < 76) {
    const down = c.nodes.filter((n) => n.state === undefined);
    if (down.length === 0) return;
    c.restart(prng.pick(down).name);
    regroup();
  } else if (roll < 83) {
    if (healthy(c).length - 1 < majority || inView.length === 0) return;
    c.node(prng.pick(inView)).isolated = true;
    if (prng.chance(2, 3)) regroup();
  } else if (roll < 89) {
    const cut = c.nodes.filter((n) => n.isolated);
    if (cut.length === 0) return;
    prng.pick(cut).isolated = false;
    regroup();
  } else {
    regroup();
  }
}

interface Run {
  cluster?: GumCluster;
  drawn?: string;
}

/** Runs one seed; `run` keeps the cluster and what was drawn, for the failure report. */
function runSeed(seed: number, coverage: Coverage, run: Run = {}): GumCluster {
  const prng = new Prng(seed, 'schedule');
  const nodeCount = prng.between(3, 5);
  const dropPercent = prng.pick([0, 1, 5, 10]);
  const latencyMsMax = prng.between(2, 60);
  const viewSkewMsMax = prng.pick([0, 0, 10, 50]);
  run.drawn = `seed=${seed} nodes=${nodeCount} drop=${dropPercent}% latencyMsMax=${latencyMsMax} viewSkewMsMax=${viewSkewMsMax}`;
  const cluster = new GumCluster({ seed, nodeCount, dropNumerator: dropPercent, dropDenominator: 100, latencyMsMax, viewSkewMsMax, validateMessages: seed % 25 === 0, settings: { requestReplyTimeoutMs: 1_500 } });
  run.cluster = cluster;
  const majority = Math.floor(nodeCount / 2) + 1;
  cluster.setView(healthy(cluster));
  while (cluster.nowMs < chaosMs) {
    cluster.run(prng.between(1, 120));
    act(cluster, prng, majority, coverage);
  }
  // Heal: every node back, no loss, one view of all; then everything must settle.
  cluster.dropNumerator = 0;
  for (const n of cluster.nodes) {
    n.isolated = false;
    cluster.restart(n.name);
  }
  cluster.setView(cluster.nodes.map((n) => n.name));
  cluster.settle(60_000);
  cluster.checkSettled();
  if (cluster.rejected.length > 0) throw new Error(`request ${cluster.rejected[0]?.requestId} was rejected: ${cluster.rejected[0]?.reason}`);
  coverage.committed += cluster.committed.length;
  coverage.snapshots += cluster.events.filter((e) => e.event.type === 'DatabaseSynchronized' && e.event.via === 'Snapshot').length;
  coverage.stuckReports += cluster.events.filter((e) => e.event.type === 'GumNodeStuck').length;
  return cluster;
}

function seeds(): number[] {
  const only = process.env['GUM_SEED'];
  if (only !== undefined) return [Number(only)];
  return Array.from({ length: seedCount }, (_, i) => 1000 + i);
}

test(`${seedCount} seeded schedules of crashes, partitions and loss: one history, settled everywhere`, (t) => {
  const coverage: Coverage = { committed: 0, lockerCrashesMidUpdate: 0, snapshots: 0, stuckReports: 0, viewChanges: 0 };
  for (const seed of seeds()) {
    const run: Run = {};
    try {
      runSeed(seed, coverage, run);
    } catch (error) {
      t.fail(`${run.drawn ?? ''}\n${failureReport(seed, error, run.cluster, replayHint(seed))}`);
      return;
    }
  }
  t.log(`coverage: ${JSON.stringify(coverage)}`);
  if (seeds().length === seedCount) {
    // The schedules really exercised the hard paths, not only the happy one.
    t.true(coverage.committed > seedCount * 10, `committed ${coverage.committed}`);
    t.true(coverage.lockerCrashesMidUpdate >= 20, `locker crashes mid-update ${coverage.lockerCrashesMidUpdate}`);
    t.true(coverage.snapshots >= 50, `snapshot installs ${coverage.snapshots}`);
  } else {
    t.pass();
  }
});

test('the same seed gives the same run, bit for bit', (t) => {
  const digestOf = (seed: number) => {
    const cluster = runSeed(seed, { committed: 0, lockerCrashesMidUpdate: 0, snapshots: 0, stuckReports: 0, viewChanges: 0 });
    return JSON.stringify([cluster.steps, cluster.nowMs, cluster.copy('hv01').digest, cluster.events.length, cluster.committed]);
  };
  t.is(digestOf(4242), digestOf(4242));
  t.not(digestOf(4242), digestOf(4243));
});
