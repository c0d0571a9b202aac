// The Piscina worker of the chaos swarm: one sim seed per task, in its own thread, so the seeds run
// on every core at once (a sim lab is single-threaded by design).
import { runSwarmSeed, type SwarmSeedResult, type SwarmTask } from './swarm-seed.js';

export default function swarmWorker(task: SwarmTask): Promise<SwarmSeedResult> {
  return runSwarmSeed(task);
}
