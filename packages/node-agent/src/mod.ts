export { nodeActor, type NodeActorState, type NodeTimer } from './node.js';
export type { NodeConfig, NodeNetwork, PeerNode, ClusterNetworkRole } from './config.js';
export { heartbeatDefaults, heartbeatRanges, checkHeartbeatSetting, type HeartbeatSettings } from './settings.js';
export { inSubnet, ipv4ToInt } from './subnet.js';
export * from './quorum/mod.js';
export * as resources from './resources/mod.js';
export * as gum from './gum/mod.js';
export * as regroup from './regroup/mod.js';
