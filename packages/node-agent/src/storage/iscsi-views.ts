// What the iSCSI initiator cmdlets show: MSFT_iSCSITarget (NodeAddress, IsConnected),
// MSFT_iSCSISession and MSFT_iSCSITargetPortal, with the real property names.
import type { KnownTarget, StorageState, TargetPortal, TargetSession } from './state.js';

export function sessionView(state: StorageState, session: TargetSession) {
  return {
    SessionIdentifier: session.sessionIdentifier,
    TargetNodeAddress: session.targetIqn,
    InitiatorNodeAddress: state.initiatorName,
    IsConnected: session.phase === 'LoggedIn',
    IsPersistent: session.isPersistent,
    NumberOfConnections: 1,
    InitiatorSideIdentifier: session.initiatorSideIdentifier,
    TargetSideIdentifier: session.sessionId === null ? null : session.sessionId.toString(16).padStart(4, '0'),
    InitiatorPortalAddress: state.addresses[session.portal.network] ?? '',
    InitiatorInstanceName: 'ROOT\\ISCSIPRT\\0000_0',
    AuthenticationType: 'NONE',
    IsDataDigest: false,
    IsHeaderDigest: false,
    IsDiscovered: state.knownTargets.some((t) => t.nodeAddress.toLowerCase() === session.targetIqn.toLowerCase()),
    PSComputerName: state.node,
  };
}

export function targetView(state: StorageState, target: KnownTarget) {
  const session = state.sessions.find((s) => s.targetIqn.toLowerCase() === target.nodeAddress.toLowerCase());
  return { NodeAddress: target.nodeAddress, IsConnected: session?.phase === 'LoggedIn', PSComputerName: state.node };
}

export function portalView(state: StorageState, portal: TargetPortal) {
  const route = state.portalRoutes.find((r) => r.address === portal.address);
  return {
    TargetPortalAddress: portal.address,
    TargetPortalPortNumber: portal.portNumber,
    InitiatorPortalAddress: route ? (state.addresses[route.network] ?? '') : '',
    InitiatorInstanceName: 'ROOT\\ISCSIPRT\\0000_0',
    IsDataDigest: false,
    IsHeaderDigest: false,
    PSComputerName: state.node,
  };
}

/** Every target this node knows: discovered, favourite, or with a session. */
export function knownTargetsOf(state: StorageState): KnownTarget[] {
  const all = [...state.knownTargets, ...state.persistentTargets, ...state.sessions.map((s) => ({ nodeAddress: s.targetIqn, portalAddress: s.portal.address }))];
  const seen = new Set<string>();
  return all.filter((t) => {
    const key = t.nodeAddress.toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

