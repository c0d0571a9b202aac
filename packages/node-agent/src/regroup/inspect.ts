// Reading a regroup state from outside: Get-ClusterNode's State for each node, and the
// invariants the sim runtime checks after every step (STYLE 9).
import { AssertionError, type NodeState } from '@wsfc-lab/protocol';
import { compareBallots } from './ballot.js';
import { isMemberOf } from './context.js';
import type { RegroupState, ViewMember } from './types.js';

/** Get-ClusterNode's State for every configured node, as this node sees it. */
export function nodeStatesOf(state: RegroupState): Record<string, NodeState> {
  const states: Record<string, NodeState> = {};
  for (const node of state.config.quorum.nodes) {
    const self = node.name === state.config.self;
    switch (state.role.role) {
      case 'Offline':
        states[node.name] = 'Down';
        break;
      case 'Joining':
        states[node.name] = self ? 'Joining' : 'Down';
        break;
      case 'Member':
        states[node.name] = isMemberOf(state.role.view, node.name) ? 'Up' : 'Down';
        break;
    }
  }
  return states;
}

/** What must hold after every step (STYLE 9). */
export function checkRegroupInvariants(state: RegroupState): void {
  const { persisted, role, round, config } = state;
  const self = config.self;
  // Messages are built only on failure: this runs after every step.
  const check = (ok: boolean, message: () => string) => {
    if (!ok) throw new AssertionError(`"${self}": ${message()}`);
  };
  if (role.role === 'Member') {
    check(persisted.lastView !== null && role.view.number === persisted.lastView.number, () => `is a member of view ${role.view.number} but persisted view ${persisted.lastView?.number}`);
    check(isMemberOf(role.view, self), () => `runs view ${role.view.number}, which does not include it`);
  }
  if (round !== null) {
    check(role.role !== 'Offline', () => 'leads a round while its cluster service is offline');
    check(round.ballot.coordinatorId === state.selfId, () => `leads a round whose ballot names ${round.ballot.coordinatorId}`);
    check(persisted.promise !== null && compareBallots(persisted.promise, round.ballot) === 0, () => 'leads a round it has not promised');
  }
  const { accepted, promise, lastView } = persisted;
  if (accepted !== null) check(promise !== null && compareBallots(accepted.ballot, promise) <= 0, () => 'accepted a proposal above its promise');
  if (lastView !== null) {
    const members = lastView.members;
    for (let i = 1; i < members.length; i++) check((members[i] as ViewMember).nodeId > (members[i - 1] as ViewMember).nodeId, () => `view ${lastView.number} members are not sorted by node ID`);
  }
  check(!state.connected.includes(self), () => 'lists itself as a connected peer');
}
