// Messages to and from the iSCSI target: the lab's "host" running iSCSI Target Server.
//
// Session-level exchanges follow iSCSI (RFC 7143): SendTargets discovery, Login with its status
// class and detail, Logout, NOP-Out/NOP-In keepalives and Reject. SCSI commands follow SPC-3 and
// SBC-3: READ and WRITE at a logical block address, READ CAPACITY, REPORT LUNS, and the
// PERSISTENT RESERVE IN/OUT pair Windows clustering relies on (facts §3.1). Every request
// carries a `requestId` that its response echoes, so an initiator can match them; every SCSI
// command names the session (`sessionId`, the target's TSIH) it travels on.
import { z } from 'zod';
import { limits } from '../limits.js';
import { blockSizeBytes } from '../io.js';

/** Bounds of the target's tables; the schemas below use them, the actor enforces them. */
export const storageLimits = {
  /** iSCSI targets one server may define. */
  targetsMax: 64,
  /** LUNs mapped to one target (LUN numbers run 0..lunsPerTargetMax-1). */
  lunsPerTargetMax: 256,
  /** iSCSI virtual disks one server may hold. */
  virtualDisksMax: 256,
  /** InitiatorIds in one target's access list. */
  initiatorIdsPerTargetMax: 256,
  /** Sessions logged in at once across all targets. */
  sessionsMax: 1024,
  /** Registrations one logical unit keeps (facts §3.3: arrays limit these). */
  registrationsPerLunMax: 128,
  /** Largest iSCSI virtual disk, in bytes: the VHDX limit of 64 TB. */
  virtualDiskBytesMax: 64 * 1024 ** 4,
} as const;

/**
 * Keepalive timing. Microsoft does not publish its target's idle timeout, so the lab takes the
 * Linux LIO target's documented defaults: after `nopin_timeout` (15 s) of silence the target
 * pings, and it drops the connection when `nopin_response_timeout` (30 s) passes unanswered.
 * Here initiators send the NOP-Out themselves, so a session silent for 15 s + 30 s is dropped.
 */
export const iscsiTimingDefaults = {
  /** How often an initiator should send a NOP-Out on an otherwise idle session. */
  nopOutIntervalMs: 15_000,
  /** Silence after which the target drops a session (LIO nopin_timeout + nopin_response_timeout). */
  sessionIdleTimeoutMs: 45_000,
} as const;

const uint8 = z.number().int().min(0).max(0xff);
const uint32 = z.number().int().min(0).max(0xffff_ffff);
const requestId = z.string().min(1).max(64);
/** iSCSI names are at most 223 bytes (RFC 7143 §4.2.7.1). */
const iscsiName = z.string().min(1).max(223);
/** The Target Session Identifying Handle: 16 bits, never zero (RFC 7143 §11.12.8). */
export const sessionIdSchema = z.number().int().min(1).max(0xffff);
const lun = z.number().int().min(0).max(storageLimits.lunsPerTargetMax - 1);
const lba = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
const sizeBlocks = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
const diskName = z.string().min(1).max(255);
/** Block payloads: whole 512-byte blocks are checked by the target; the size is bounded here. */
const blockData = z
  .custom<Uint8Array>((value) => value instanceof Uint8Array, 'block data must be binary (a Uint8Array)')
  .refine((bytes) => bytes.byteLength <= limits.blockIoBytesMax, `block data is larger than blockIoBytesMax ${limits.blockIoBytesMax}`);

/** A reservation key: 8 bytes, carried as "0x" and 16 lowercase hex digits. */
export const reservationKeySchema = z
  .string()
  .regex(/^0x[0-9a-f]{16}$/, 'a reservation key is "0x" followed by 16 lowercase hex digits');
export type ReservationKey = z.infer<typeof reservationKeySchema>;
export const zeroReservationKey: ReservationKey = '0x0000000000000000';

/** Formats an unsigned 64-bit key (a bigint or a safe integer) as a ReservationKey. */
export function formatReservationKey(value: bigint | number): ReservationKey {
  const big = BigInt(value);
  if (big < 0n || big > 0xffff_ffff_ffff_ffffn) throw new RangeError(`reservation key ${value} is outside 0..2^64-1`);
  return `0x${big.toString(16).padStart(16, '0')}`;
}

/** SPC-3 persistent reservation types (TYPE field codes in `reservationTypeCodes`). */
export const reservationTypeSchema = z.enum([
  'WriteExclusive',
  'ExclusiveAccess',
  'WriteExclusiveRegistrantsOnly',
  'ExclusiveAccessRegistrantsOnly',
  'WriteExclusiveAllRegistrants',
  'ExclusiveAccessAllRegistrants',
]);
export type ReservationType = z.infer<typeof reservationTypeSchema>;
export const reservationTypeCodes = {
  WriteExclusive: 0x1,
  ExclusiveAccess: 0x3,
  WriteExclusiveRegistrantsOnly: 0x5,
  ExclusiveAccessRegistrantsOnly: 0x6,
  WriteExclusiveAllRegistrants: 0x7,
  ExclusiveAccessAllRegistrants: 0x8,
} as const satisfies Record<ReservationType, number>;

export const prOutServiceActionSchema = z.enum([
  'Register',
  'Reserve',
  'Release',
  'Clear',
  'Preempt',
  'PreemptAndAbort',
  'RegisterAndIgnoreExistingKey',
]);
export type PrOutServiceAction = z.infer<typeof prOutServiceActionSchema>;
export const prOutServiceActionCodes = {
  Register: 0x00,
  Reserve: 0x01,
  Release: 0x02,
  Clear: 0x03,
  Preempt: 0x04,
  PreemptAndAbort: 0x05,
  RegisterAndIgnoreExistingKey: 0x06,
} as const satisfies Record<PrOutServiceAction, number>;

export const prInServiceActionSchema = z.enum(['ReadKeys', 'ReadReservation']);
export type PrInServiceAction = z.infer<typeof prInServiceActionSchema>;

/** SAM status codes. */
export const scsiStatusSchema = z.enum(['Good', 'CheckCondition', 'Busy', 'ReservationConflict']);
export type ScsiStatus = z.infer<typeof scsiStatusSchema>;
export const scsiStatusCodes = { Good: 0x00, CheckCondition: 0x02, Busy: 0x08, ReservationConflict: 0x18 } as const satisfies Record<
  ScsiStatus,
  number
>;

export const senseKeySchema = z.enum(['NoSense', 'NotReady', 'MediumError', 'HardwareError', 'IllegalRequest', 'UnitAttention', 'DataProtect', 'AbortedCommand']);
export type SenseKey = z.infer<typeof senseKeySchema>;
export const senseKeyCodes = {
  NoSense: 0x0,
  NotReady: 0x2,
  MediumError: 0x3,
  HardwareError: 0x4,
  IllegalRequest: 0x5,
  UnitAttention: 0x6,
  DataProtect: 0x7,
  AbortedCommand: 0xb,
} as const satisfies Record<SenseKey, number>;

export const senseSchema = z.object({ senseKey: senseKeySchema, asc: uint8, ascq: uint8 });
export type Sense = z.infer<typeof senseSchema>;

/** The additional sense codes the target reports (SPC-3 Annex D). */
export const additionalSense = {
  LogicalBlockAddressOutOfRange: { asc: 0x21, ascq: 0x00, text: 'LOGICAL BLOCK ADDRESS OUT OF RANGE' },
  InvalidFieldInCdb: { asc: 0x24, ascq: 0x00, text: 'INVALID FIELD IN CDB' },
  LogicalUnitNotSupported: { asc: 0x25, ascq: 0x00, text: 'LOGICAL UNIT NOT SUPPORTED' },
  InvalidFieldInParameterList: { asc: 0x26, ascq: 0x00, text: 'INVALID FIELD IN PARAMETER LIST' },
  InvalidReleaseOfPersistentReservation: { asc: 0x26, ascq: 0x04, text: 'INVALID RELEASE OF PERSISTENT RESERVATION' },
  InsufficientRegistrationResources: { asc: 0x55, ascq: 0x04, text: 'INSUFFICIENT REGISTRATION RESOURCES' },
} as const;
export type AdditionalSenseName = keyof typeof additionalSense;

/** Login response status (RFC 7143 §11.13.5), with the text the Windows initiator shows. */
export const iscsiLoginStatus = {
  Success: { statusClass: 0x00, statusDetail: 0x00, text: 'Success' },
  AuthorizationFailure: { statusClass: 0x02, statusDetail: 0x02, text: 'Authorization Failure' },
  NotFound: { statusClass: 0x02, statusDetail: 0x03, text: 'Target Not Found' },
  TargetRemoved: { statusClass: 0x02, statusDetail: 0x04, text: 'Target Removed' },
  OutOfResources: { statusClass: 0x03, statusDetail: 0x02, text: 'Out Of Resources' },
} as const;
export type IscsiLoginStatusName = keyof typeof iscsiLoginStatus;

/** Reject reasons (RFC 7143 §11.17.1). */
export const iscsiRejectReasons = { ProtocolError: 0x04, InvalidPduField: 0x09 } as const;
export type IscsiRejectReason = keyof typeof iscsiRejectReasons;

// --- session level -------------------------------------------------------------------------

/** SendTargets discovery: which targets this initiator may see at the portal. */
export const IscsiSendTargets = z.object({ type: z.literal('IscsiSendTargets'), requestId, initiatorName: iscsiName });
export const IscsiSendTargetsResponse = z.object({
  type: z.literal('IscsiSendTargetsResponse'),
  requestId,
  targets: z.array(z.object({ targetName: iscsiName, address: z.string().min(1).max(64) })).max(storageLimits.targetsMax),
});

export const IscsiLogin = z.object({
  type: z.literal('IscsiLogin'),
  requestId,
  /** The initiator's IQN, e.g. iqn.1991-05.com.microsoft:node01.wsfc.local. */
  initiatorName: iscsiName,
  /** The target's IQN. */
  targetName: iscsiName,
  /** The initiator portal's IP address, matched against IPAddress initiator IDs. */
  initiatorAddress: z.string().min(1).max(64).optional(),
});
export const IscsiLoginResponse = z.object({
  type: z.literal('IscsiLoginResponse'),
  requestId,
  targetName: iscsiName,
  statusClass: uint8,
  statusDetail: uint8,
  /** Present when the login succeeded. */
  sessionId: sessionIdSchema.optional(),
});

export const IscsiLogout = z.object({ type: z.literal('IscsiLogout'), requestId, sessionId: sessionIdSchema });
/** `response` 0: session closed successfully (RFC 7143 §11.15.1). */
export const IscsiLogoutResponse = z.object({ type: z.literal('IscsiLogoutResponse'), requestId, sessionId: sessionIdSchema, response: uint8 });

export const IscsiNopOut = z.object({ type: z.literal('IscsiNopOut'), requestId, sessionId: sessionIdSchema });
export const IscsiNopIn = z.object({ type: z.literal('IscsiNopIn'), requestId, sessionId: sessionIdSchema });

/** A PDU the target would not process: no such session, or not the sender's session. */
export const IscsiReject = z.object({
  type: z.literal('IscsiReject'),
  requestId,
  reason: z.enum(['ProtocolError', 'InvalidPduField']),
  reasonCode: uint8,
  detail: z.string().max(512),
});

// --- SCSI commands -------------------------------------------------------------------------

const scsiCommand = { requestId, sessionId: sessionIdSchema };

export const ScsiReportLuns = z.object({ type: z.literal('ScsiReportLuns'), ...scsiCommand });
export const ScsiReadCapacity = z.object({ type: z.literal('ScsiReadCapacity'), ...scsiCommand, lun });
export const ScsiRead = z.object({
  type: z.literal('ScsiRead'),
  ...scsiCommand,
  lun,
  lba,
  blockCount: z.number().int().min(0).max(limits.blockIoBytesMax / blockSizeBytes),
});
export const ScsiWrite = z.object({ type: z.literal('ScsiWrite'), ...scsiCommand, lun, lba, data: blockData });

export const PersistentReserveOut = z.object({
  type: z.literal('PersistentReserveOut'),
  ...scsiCommand,
  lun,
  serviceAction: prOutServiceActionSchema,
  /** The CDB's TYPE field; needed by Reserve, Release, Preempt and PreemptAndAbort. Scope is always LU_SCOPE. */
  reservationType: reservationTypeSchema.optional(),
  /** RESERVATION KEY: the key this initiator registered (zero when it has none). */
  key: reservationKeySchema,
  /** SERVICE ACTION RESERVATION KEY: the new key (Register) or the key to preempt. */
  serviceActionKey: reservationKeySchema,
  /** Activate Persist Through Power Loss; honoured on Register and RegisterAndIgnoreExistingKey. */
  aptpl: z.boolean(),
});
export const PersistentReserveIn = z.object({ type: z.literal('PersistentReserveIn'), ...scsiCommand, lun, serviceAction: prInServiceActionSchema });

export const lunDescriptorSchema = z.object({
  lun,
  /** The virtual disk's name (a shared disk's cluster resource takes this name). */
  disk: diskName,
  serialNumber: z.string().min(1).max(64),
  sizeBlocks,
  blockSizeBytes: z.literal(blockSizeBytes),
});
export type LunDescriptor = z.infer<typeof lunDescriptorSchema>;

export const ScsiResponse = z.object({
  type: z.literal('ScsiResponse'),
  requestId,
  sessionId: sessionIdSchema,
  status: scsiStatusSchema,
  /** With CheckCondition. */
  sense: senseSchema.optional(),
  /** READ data. */
  data: blockData.optional(),
  /** PERSISTENT RESERVE IN: the PRgeneration counter. */
  generation: uint32.optional(),
  /** READ KEYS: one key per registered I_T nexus. */
  keys: z.array(reservationKeySchema).max(storageLimits.registrationsPerLunMax).optional(),
  /** READ RESERVATION: null when no reservation is held; key zero for all-registrants types. */
  reservation: z.object({ key: reservationKeySchema, type: reservationTypeSchema, scope: z.literal('LuScope') }).nullable().optional(),
  /** REPORT LUNS (with each LUN's capacity and serial number, as INQUIRY VPD 80h would give). */
  luns: z.array(lunDescriptorSchema).max(storageLimits.lunsPerTargetMax).optional(),
  /** READ CAPACITY (16). */
  capacity: z.object({ lastLba: lba, blockSizeBytes: z.literal(blockSizeBytes) }).optional(),
});

/** What the target accepts. */
export const storageRequests = [
  IscsiSendTargets,
  IscsiLogin,
  IscsiLogout,
  IscsiNopOut,
  ScsiReportLuns,
  ScsiReadCapacity,
  ScsiRead,
  ScsiWrite,
  PersistentReserveOut,
  PersistentReserveIn,
] as const;
/** What the target sends back to initiators (nodes accept these). */
export const storageResponses = [IscsiSendTargetsResponse, IscsiLoginResponse, IscsiLogoutResponse, IscsiNopIn, IscsiReject, ScsiResponse] as const;

export type IscsiLoginMessage = z.infer<typeof IscsiLogin>;
export type PersistentReserveOutMessage = z.infer<typeof PersistentReserveOut>;
export type ScsiResponseMessage = z.infer<typeof ScsiResponse>;
