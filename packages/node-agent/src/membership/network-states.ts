// How this node judges a cluster network and its interfaces from its own routes. The states and
// their meanings are the cluster API's (CLUSTER_NETINTERFACE_STATE, CLUSTER_NETWORK_STATE):
//
//   interface Unavailable  its node is down
//             Failed       it cannot communicate with any other interface
//             Unreachable  it cannot communicate with at least one other (non-failed) interface
//             Up           it communicates with every other (non-failed) interface
//   network   Unavailable  every interface is unavailable
//             Down         none of the nodes can communicate over it
//             Partitioned  it works, but two or more of its nodes cannot communicate
//             Up           every node can communicate over it
//
// The real cluster fills the whole reachability matrix from every node's reports and agrees on one
// answer. A lab node sees only its own row: its routes to each peer. So the lab decides, and says
// so, with one rule: a peer is up while any route to it works; on a network, while this node
// reaches at least one of the peers that are up, its own interface works and each peer it cannot
// reach there is Unreachable (it is unreachable by at least one other node: this one). When it
// reaches none of them, its own interface is Failed; a lone peer is Failed too (neither can talk
// to anyone: the network is Down), while several peers are presumed to still reach one another
// (Partitioned) [lab rule]. A route not yet judged (no answer yet, not yet Threshold misses)
// counts as working, so a starting cluster raises no alarm.
//
// Networks of role None carry no heartbeats, so nothing can be judged on them: their interfaces
// are Up while their node is up, and the network Up [lab rule; a field `Get-ClusterNetwork` shows
// a role-None network "Up"].
import type { ClusterNetworkRole } from '../config.js';

export type ClusterNetworkState = 'Unavailable' | 'Down' | 'Partitioned' | 'Up';
export type NetInterfaceState = 'Unavailable' | 'Failed' | 'Unreachable' | 'Up';

/** What this node knows of a peer's interface on one network. */
export interface PeerEvidence {
  node: string;
  /** Some route to the peer, on any network, works. */
  nodeUp: boolean;
  /** This node's route to the peer on this network is not Down. */
  reached: boolean;
}

export interface NetworkEvidence {
  role: ClusterNetworkRole;
  self: string;
  /** This node has an interface on the network. */
  selfAttached: boolean;
  /** The peers with an interface on the network. */
  peers: readonly PeerEvidence[];
}

export interface NetworkJudgement {
  state: ClusterNetworkState;
  /** Interface state by node name. */
  interfaces: Map<string, NetInterfaceState>;
}

function judgeInterfaces(evidence: NetworkEvidence): Map<string, NetInterfaceState> {
  const states = new Map<string, NetInterfaceState>();
  const up = evidence.peers.filter((p) => p.nodeUp);
  const reached = up.filter((p) => p.reached);
  const judged = evidence.selfAttached && evidence.role !== 'None';
  let self: NetInterfaceState = 'Up';
  let unreached: NetInterfaceState = 'Up';
  if (judged && reached.length === 0 && up.length > 0) {
    self = 'Failed';
    unreached = up.length === 1 ? 'Failed' : 'Up';
  } else if (judged && reached.length < up.length) {
    unreached = 'Unreachable';
  }
  if (evidence.selfAttached) states.set(evidence.self, self);
  for (const peer of evidence.peers) states.set(peer.node, !peer.nodeUp ? 'Unavailable' : !judged || peer.reached ? 'Up' : unreached);
  return states;
}

/** The network's state from its interfaces' states (CLUSTER_NETWORK_STATE). */
export function networkStateOf(states: Iterable<NetInterfaceState>): ClusterNetworkState {
  const available = [...states].filter((s) => s !== 'Unavailable');
  if (available.length === 0) return 'Unavailable';
  if (available.every((s) => s === 'Up')) return 'Up';
  if (!available.includes('Up')) return 'Down';
  return 'Partitioned';
}

export function judgeNetwork(evidence: NetworkEvidence): NetworkJudgement {
  const interfaces = judgeInterfaces(evidence);
  return { state: networkStateOf(interfaces.values()), interfaces };
}
