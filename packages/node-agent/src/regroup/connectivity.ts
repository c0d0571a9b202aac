// What the failure detector reports, as the regroup uses it. A peer becomes mutually connected:
// a round in its opening stage invites it, a round waiting for full connectivity looks again, a
// round waiting on the witness starts over (with that node the set may not need the witness), a
// promiser tells its leader its new connectivity, a member tells the peer if its view leaves the
// peer out, a node that asked to join is taken in, and a joining node tries to join. A peer is
// lost: the leader's round forgets it (or starts over if it was to be kept), and a member that
// lost a member of its view, or the leader of the round it promised, starts a regroup.
import { abandon, advance, startRound } from './coordinator.js';
import { isMemberOf, lastViewNumber, nodeIdOf, send, sortByNodeId, type Ctx } from './context.js';
import { initiate } from './initiate.js';
import { notified, notifyIfOutside } from './notify.js';
import { reportAgain } from './participant.js';

export function onPeerConnected(ctx: Ctx, peer: string): void {
  const { s } = ctx;
  if (nodeIdOf(s, peer) === undefined || peer === s.config.self || s.connected.includes(peer)) return;
  s.connected = sortByNodeId(s, [...s.connected, peer]);
  if (s.role.role === 'Offline') return;
  const round = s.round;
  if (round !== null && (round.stage === 'Opening' || round.stage === 'Pruning')) {
    round.reports[s.config.self] = { ...round.reports[s.config.self]!, connected: [...s.connected] };
    if (round.stage === 'Opening' && !round.invited.includes(peer)) {
      round.invited.push(peer);
      send(ctx, peer, { type: 'RegroupOpen', ballot: round.ballot });
    }
    advance(ctx);
  } else if (round !== null && round.stage === 'Arbitrating') {
    // A node came back while the witness is being arbitrated: with it the set may not need the witness.
    abandon(ctx, `${peer} connected while the witness was being arbitrated`, 'Restart', 'PeerConnected');
  }
  reportAgain(ctx);
  notifyIfOutside(ctx, peer);
  if (s.requestedBy.includes(peer)) {
    s.requestedBy = s.requestedBy.filter((p) => p !== peer);
    if (s.round === null) startRound(ctx, 'JoinRequest');
    else s.again = true;
  }
  if (s.role.role === 'Joining' && s.round === null) initiate(ctx, 'PeerConnected');
}

export function onPeerLost(ctx: Ctx, peer: string): void {
  const { s } = ctx;
  if (!s.connected.includes(peer)) return;
  s.connected = s.connected.filter((p) => p !== peer);
  notified(ctx, peer);
  if (s.role.role === 'Offline') return;
  const leaderLost = s.persisted.promise !== null && nodeIdOf(s, peer) === s.persisted.promise.coordinatorId && s.persisted.promise.viewNumber > lastViewNumber(s);
  roundLost(ctx, peer);
  reportAgain(ctx);
  const memberLost = s.role.role === 'Member' && isMemberOf(s.role.view, peer);
  if (memberLost || leaderLost) initiate(ctx, 'PeerLost');
}

/** The leader's round forgets a lost peer; a kept node lost before the view is installed restarts the round. */
function roundLost(ctx: Ctx, peer: string): void {
  const { s } = ctx;
  const round = s.round;
  if (round === null) return;
  switch (round.stage) {
    case 'Opening':
    case 'Pruning':
      delete round.reports[peer];
      round.reports[s.config.self] = { ...round.reports[s.config.self]!, connected: [...s.connected] };
      if (round.stage === 'Opening') round.invited = round.invited.filter((p) => p !== peer);
      return advance(ctx);
    case 'Arbitrating':
    case 'Closing':
      if (round.plan.kept.includes(peer)) abandon(ctx, `${peer} was lost before the view was installed`, 'Restart', 'PeerLost');
      return;
    case 'Committing':
      s.again = true;
      return;
  }
}
