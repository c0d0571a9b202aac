// What the cmdlets show: objects with the property names of the IscsiTarget module's output
// types (Microsoft.Iscsi.Target.Commands.IscsiServerTarget, IscsiVirtualDisk) and of
// Get-IscsiSession's MSFT_iSCSISession, plus the lab's own view of each logical unit's
// reservations, which the scenario `disk:` selector reads.
import { formatInitiatorId } from './acl.js';
import { machineOfInitiator } from './config.js';
import { holderKeyOf } from './reservations.js';
import { sessionsOfTarget, targetsOfDisk, type IscsiSession, type IscsiTarget, type StorageTargetState, type VirtualDisk } from './state.js';

export function serverTargetView(state: StorageTargetState, target: IscsiTarget) {
  const connected = sessionsOfTarget(state, target.name).length > 0;
  return {
    TargetName: target.name,
    TargetIqn: target.iqn,
    Description: target.description,
    Enable: target.enabled,
    Status: connected ? 'Connected' : 'NotConnected',
    InitiatorIds: target.initiatorIds.map(formatInitiatorId),
    LunMappings: target.luns.map((l) => `TargetName:${target.name};VHD:"${state.disks.get(l.disk)?.path ?? l.disk}";LUN:${l.lun}`),
    EnableChap: false,
    EnableReverseChap: false,
    EnforceIdleTimeoutDetection: target.enforceIdleTimeoutDetection,
    LastLogin: target.lastLoginMs,
    ClusterGroupName: '',
    ComputerName: state.host,
  };
}

export function virtualDiskView(state: StorageTargetState, disk: VirtualDisk) {
  const connected = targetsOfDisk(state, disk.name).some((t) => sessionsOfTarget(state, t.name).length > 0);
  return {
    Path: disk.path,
    Size: disk.sizeBytes,
    SerialNumber: disk.serialNumber,
    Description: disk.description,
    DiskType: 'Dynamic',
    Status: connected ? 'Connected' : 'NotConnected',
    VirtualDiskIndex: [...state.disks.keys()].indexOf(disk.name) + 1,
    ClusterGroupName: '',
    ComputerName: state.host,
  };
}

export function sessionView(session: IscsiSession) {
  return {
    SessionIdentifier: `${session.node}-0x${session.sessionId.toString(16).padStart(4, '0')}`,
    TargetSideIdentifier: session.sessionId.toString(16).padStart(4, '0'),
    InitiatorNodeAddress: session.initiatorName,
    InitiatorPortalAddress: session.initiatorAddress ?? '',
    TargetNodeAddress: session.targetIqn,
    IsConnected: true,
    IsDiscovered: true,
    IsPersistent: true,
    IsDataDigest: false,
    IsHeaderDigest: false,
    AuthenticationType: 'NONE',
    NumberOfConnections: 1,
    PSComputerName: session.node,
  };
}

/** The storage target's view of a LUN: what `expect: { disk: … }` reads (scenario-format). */
export function diskReservationView(disk: VirtualDisk) {
  const reservations = disk.reservations;
  const holder = reservations.reservation?.holder ?? null;
  return {
    Name: disk.name,
    Path: disk.path,
    SizeBytes: disk.sizeBytes,
    /** The holder's machine name (from its IQN), or null: none, or all registrants. */
    ReservationHolder: holder === null ? null : (machineOfInitiator(holder) ?? holder),
    ReservationHolderIqn: holder,
    ReservationType: reservations.reservation?.type ?? null,
    ReservationKey: holderKeyOf(reservations),
    RegisteredKeys: reservations.registrations.length,
    Keys: reservations.registrations.map((r) => ({ Initiator: r.initiator, Key: r.key })),
    Generation: reservations.generation,
    Aptpl: reservations.aptpl,
  };
}

/** The answer to the lab's Inspect command. */
export function inspectView(state: StorageTargetState) {
  return {
    kind: 'storage',
    host: state.host,
    address: state.address,
    incarnation: state.incarnation,
    targets: [...state.targets.values()].map((t) => serverTargetView(state, t)),
    virtualDisks: [...state.disks.values()].map((d) => virtualDiskView(state, d)),
    disks: [...state.disks.values()].map(diskReservationView),
    sessions: [...state.sessions.values()].map(sessionView),
    counters: structuredClone(state.counters),
  };
}
