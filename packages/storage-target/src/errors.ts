// Every message the storage target produces for a refusal or an error, in one table (STYLE 13).
// Each names what failed, where, and the value that made it fail.
import type { CmdletError, ReservationKey, ReservationType } from '@wsfc-lab/protocol';

/** Reasons carried by refused SCSI commands and logins (they end up in events). */
export const refusals = {
  notRegistered: (action: string, initiator: string, key?: ReservationKey) =>
    `Cannot ${action}: initiator "${initiator}" is not registered${key ? `, but sent reservation key ${key}` : ''}`,
  keyMismatch: (o: { action: string; initiator: string; key: ReservationKey; registeredKey: ReservationKey }) =>
    `Cannot ${o.action}: reservation key ${o.key} does not match key ${o.registeredKey} registered by initiator "${o.initiator}"`,
  registrationsFull: (max: number) => `Cannot register: the logical unit already holds ${max} registrations (registrationsPerLunMax)`,
  typeMissing: (action: string) => `Cannot ${action}: the reservation type is missing`,
  alreadyReserved: (o: { initiator: string; type: ReservationType; holder: string | null; requested: ReservationType }) =>
    `Cannot reserve ${o.requested} for initiator "${o.initiator}": a ${o.type} reservation is held by ${o.holder === null ? 'all registrants' : `"${o.holder}"`}`,
  releaseTypeMismatch: (o: { held: ReservationType; requested: ReservationType }) =>
    `Cannot release a ${o.requested} reservation: the reservation held is ${o.held}`,
  preemptZeroKey: (held: ReservationType | null) =>
    `Cannot preempt key zero: only an all-registrants reservation may be preempted with key zero, and the reservation is ${held ?? 'none'}`,
  preemptNoSuchKey: (key: ReservationKey) => `Cannot preempt key ${key}: no initiator is registered with it`,
  mediumConflict: (o: { access: string; initiator: string; type: ReservationType; holder: string | null }) =>
    `${o.access} by initiator "${o.initiator}" conflicts with the ${o.type} reservation held by ${o.holder === null ? 'all registrants' : `"${o.holder}"`}`,
  noSession: (sessionId: number, node: string) => `no session 0x${sessionId.toString(16)} is logged in (sent by "${node}")`,
  forgedSource: (o: { sessionId: number; node: string; owner: string }) =>
    `session 0x${o.sessionId.toString(16)} belongs to "${o.owner}", not to the sender "${o.node}"`,
  lunNotFound: (o: { lun: number; target: string }) => `LUN ${o.lun} is not mapped on target ${o.target}`,
  notWholeBlocks: (byteLength: number, blockSizeBytes: number) => `WRITE data of ${byteLength} bytes is not a whole number of ${blockSizeBytes}-byte blocks`,
  lbaOutOfRange: (o: { lba: number; blockCount: number; sizeBlocks: number; disk: string }) =>
    `LBA range ${o.lba}+${o.blockCount} is outside "${o.disk}" of ${o.sizeBlocks} blocks`,
  loginTargetNotFound: (target: string) => `no target named ${target} on this server`,
  loginTargetDisabled: (target: string) => `target ${target} is disabled`,
  loginNotInAcl: (o: { initiator: string; node: string; target: string; initiatorIds: readonly string[] }) =>
    `initiator ${o.initiator} from "${o.node}" is not in the InitiatorIds of target ${o.target} (${o.initiatorIds.join(', ') || 'empty'})`,
  loginSessionsFull: (max: number) => `the server already has ${max} sessions (sessionsMax)`,
} as const;

/** A cmdlet's FullyQualifiedErrorId, in the form the IscsiTarget module uses. */
function errorId(cmdlet: string): string {
  const bare = cmdlet.replace('-', '');
  return `${bare},Microsoft.Iscsi.Target.Commands.${bare}Command`;
}

function cmdletError(cmdlet: string, category: string, message: string): CmdletError {
  return { category, errorId: errorId(cmdlet), message: `${cmdlet} : ${message}` };
}

export const cmdletErrors = {
  unknownCmdlet: (name: string): CmdletError => ({
    category: 'ObjectNotFound',
    errorId: 'CommandNotFoundException',
    message: `The term '${name}' is not recognized as the name of a cmdlet on the iSCSI target server.`,
  }),
  missingParameter: (cmdlet: string, parameter: string) =>
    cmdletError(cmdlet, 'InvalidArgument', `Cannot process command because of one or more missing mandatory parameters: ${parameter}.`),
  invalidParameter: (cmdlet: string, parameter: string, value: unknown, why: string) =>
    cmdletError(cmdlet, 'InvalidArgument', `Cannot validate argument on parameter '${parameter}': ${JSON.stringify(value)} ${why}.`),
  targetExists: (cmdlet: string, target: string) => cmdletError(cmdlet, 'ResourceExists', `The iSCSI target "${target}" already exists.`),
  targetNotFound: (cmdlet: string, target: string) => cmdletError(cmdlet, 'ObjectNotFound', `The iSCSI target "${target}" does not exist.`),
  tooMany: (cmdlet: string, what: string, max: number) => cmdletError(cmdlet, 'LimitsExceeded', `The server already holds ${max} ${what}.`),
  diskExists: (cmdlet: string, path: string) => cmdletError(cmdlet, 'ResourceExists', `The file "${path}" exists.`),
  diskNotFound: (cmdlet: string, path: string) => cmdletError(cmdlet, 'ObjectNotFound', `The iSCSI virtual disk "${path}" does not exist.`),
  lunInUse: (cmdlet: string, lun: number, target: string) => cmdletError(cmdlet, 'ResourceExists', `LUN ${lun} is already in use on the iSCSI target "${target}".`),
  diskAlreadyMapped: (cmdlet: string, path: string, target: string) =>
    cmdletError(cmdlet, 'ResourceExists', `The iSCSI virtual disk "${path}" is already assigned to the iSCSI target "${target}".`),
} as const;

/** Errors in the configuration the coordinator hands `init` (programmer errors: they throw). */
export const configErrors = {
  invalid: (what: string, value: unknown, why: string) => `storage target config: ${what} ${JSON.stringify(value)} ${why}`,
} as const;
