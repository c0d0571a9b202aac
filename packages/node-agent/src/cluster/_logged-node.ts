// Test-only: the node actor with its cluster.log fed from everything it emits, wired exactly as
// node.ts is asked to wire it (cmdlets-log.ts `clusterLogIo` around the io of `init` and `step`).
// Lab tests load it as a node's definition module until node.ts carries the hook itself; wrapping
// twice is harmless (the io is marked), so it can stay a while after.
import type { ActorDefinition, NodeMessage } from '@wsfc-lab/protocol';
import type { NodeConfig } from '../config.js';
import { nodeActor, type NodeActorState, type NodeTimer } from '../node.js';
import { clusterLogIo, type ClusterLogHolder } from './cmdlets-log.js';

export const loggedNodeActor: ActorDefinition<NodeConfig, NodeActorState, NodeMessage, NodeTimer> = {
  ...nodeActor,
  init(config, io) {
    // The cluster state does not exist until init has made it: the first lines go to a holder.
    const first: ClusterLogHolder = {};
    const state = nodeActor.init(config, clusterLogIo(first, io));
    (state.cluster as ClusterLogHolder).clusterLog ??= first.clusterLog;
    return state;
  },
  step(state, input, io) {
    nodeActor.step(state, input, clusterLogIo(state.cluster as ClusterLogHolder, io));
  },
};
